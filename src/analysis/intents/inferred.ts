import { grantedResources } from './granted-resource';
import { WriteIntent } from './types';
import { parsePolicy } from '../../iam';
import { evaluateCondition } from '../../iam/condition';
import { FoldedKeys } from '../../iam/context';
import { globMatch } from '../../iam/match/glob';
import { ContextValue, Policy, RequestContext, Statement } from '../../iam/model';
import { ATOM_CLOSE, ATOM_OPEN } from '../../iam/symbolic';
import { allOf } from '../../iam/tri';
import { AnalysisEnvironment } from '../input';
import { BucketModel, FunctionModel, PolicyDoc, RoleModel } from '../model/types';
import { keysReadBy, variableKeys } from '../request/policy-clauses';
import { functionPrincipalContext } from '../request/principal';

/**
 * Intents inferred from identity policies: an Allow of `s3:PutObject` (`s3:*` and `s3:Put*` included) whose
 * resource names a bucket of the app means the developer meant the function to write there. `Resource: "*"`
 * and `arn:aws:s3:::*` name no particular bucket and infer nothing. The key pattern comes from the resource.
 * A statement that names `s3:PutObject` itself on the bucket ARN alone still counts (with pattern `*`), so that
 * the classic mistake is reported; a wildcard action (`s3:*`, `s3:Put*`) on the bucket ARN alone infers nothing,
 * since it is how bucket-level operations (PutBucketPolicy, PutLifecycleConfiguration…) are granted, and a
 * function that only manages its bucket must not fail synth for a write it never meant to make.
 *
 * The grant is read for *this* function: a statement whose Condition is false for it (functions sharing a role,
 * the grant limited by `lambda:SourceFunctionArn`, `aws:PrincipalArn` or `aws:PrincipalTag` to another) meant
 * someone else, and policy variables in its Resource take this function's values (`${aws:PrincipalTag/team}`).
 */
export function inferredIntents(fn: FunctionModel, buckets: readonly BucketModel[], environment: AnalysisEnvironment = {}): WriteIntent[] {
  const role = fn.role;
  if (!role) return [];
  const principal = functionPrincipalContext(fn, role, environment);
  const grants = new Map<BucketModel, Grant[]>();
  const unreadable: WriteIntent[] = [];
  for (const doc of role.identity) {
    const policy = parsedPolicy(doc);
    const unread = unreadableGrant(doc, policy);
    if (unread) unreadable.push(unreadableGrantIntent(fn, doc, unread));
    for (const { statement, namesPutObject } of putObjectStatements(policy)) {
      const context = openContext(principal, statement, role);
      if (appliesTo(statement, context, policy.version) === 'false') continue;
      for (const granted of grantedResources(statement.resource ?? [], context, policy.version, fn.display)) {
        for (const bucket of bucketsNamedIn(granted.resource, buckets)) {
          const pattern = patternWithin(granted.resource, bucket);
          if (pattern === undefined || (pattern === '' && !namesPutObject)) continue;
          const list = grants.get(bucket) ?? [];
          list.push({ pattern, display: granted.display !== undefined ? patternWithin(granted.display, bucket) : undefined, note: granted.note });
          grants.set(bucket, list);
        }
      }
    }
  }
  const inferred: WriteIntent[] = [...grants.entries()].map(([bucket, list]) => {
    // Prefer an object-level pattern; the bucket ARN alone yields `*` (and the finding explains it).
    const grant = list.find((g) => g.pattern !== '') ?? { pattern: '*' };
    return {
      source: 'inferred',
      fn,
      bucket,
      bucketLabel: bucket.display,
      keyPattern: grant.display ?? grant.pattern,
      ...(grant.display !== undefined ? { requestKeyPattern: grant.pattern } : {}),
      ...(grant.note ? { notes: [grant.note] } : {}),
      profile: {},
      profileExact: false,
    };
  });
  return [...inferred, ...unreadable];
}

/**
 * Why an identity policy of the app may grant writes the analysis cannot see, or undefined when it cannot: the
 * document cannot be read at all (not an object, no `Statement` list, no `PolicyDocument`), or one of its
 * statements may allow `s3:PutObject` (its Effect or Action unreadable, or naming it) on resources that cannot be
 * read. Such a grant must not make the write it was for disappear from the report. Policies outside the app
 * (an imported role's, an external managed policy) infer nothing either way, as before: their content is unknown,
 * not broken, and the decision of every other write of the role already says so.
 */
function unreadableGrant(doc: PolicyDoc, policy: Policy): string | undefined {
  if (doc.source.logicalId === undefined) return undefined;
  if (doc.missing !== undefined) return doc.missing;
  if (doc.document === undefined) return 'it has no policy document';
  if (policy.errors.length > 0) return policy.errors.join('; ');
  const statement = policy.statements.find((s) => s.malformed !== undefined && s.resource === undefined && mayBePutObject(s));
  return statement ? `statement ${statement.sid ?? `#${statement.index}`} is malformed: ${statement.malformed}` : undefined;
}

/** An intent that stands for the writes an unreadable grant may make: judged UNKNOWN, naming the policy. */
function unreadableGrantIntent(fn: FunctionModel, doc: PolicyDoc, reason: string): WriteIntent {
  return {
    source: 'inferred',
    fn,
    bucketLabel: '(any bucket: a grant that cannot be read)',
    keyPattern: '*',
    profile: {},
    profileExact: false,
    problem: `${doc.source.description} cannot be read (${reason}), so the writes it may grant, and to which bucket, are unknown`,
    problemSource: doc.source,
  };
}

/** A statement that may allow s3:PutObject: an Allow naming it, or a malformed one whose Action may (the evaluator
 * treats a malformed statement as possibly allowing whatever its Effect says). */
function mayBePutObject(statement: Statement): boolean {
  if (statement.malformed === undefined && statement.effect !== 'Allow') return false;
  if (statement.action) return statement.action.some((a) => safeGlob(a, 's3:PutObject') !== 'false');
  // NotAction, or an Action that could not be read: only a malformed statement gets here with no Action.
  return statement.malformed !== undefined;
}

interface Grant {
  /** The key pattern the requests are built from. */
  readonly pattern: string;
  /** The pattern as the policy wrote it, when `pattern` stands in opaque values for its unknown variables. */
  readonly display?: string;
  readonly note?: string;
}

/**
 * The context a statement's conditions are judged in before the request is known: what the principal side decides
 * (the role, its tags, the function's ARN), and every other key the statement reads left open — unknown and
 * possibly absent — since the request (headers, network path, resource) decides it. A role tag the role of the
 * app does not carry is absent for certain (the role's tags are in the template), and so is `aws:username`.
 */
function openContext(principal: RequestContext, statement: Statement, role: RoleModel): RequestContext {
  const context: Record<string, ContextValue> = { ...principal };
  const read = [...statement.conditions.flatMap(keysReadBy), ...(statement.resource ?? []).flatMap(variableKeys)];
  // Keys compare case-insensitively: a folded set, so a statement reading thousands of keys is not a scan per key.
  const present = new FoldedKeys(Object.keys(context).filter((k) => context[k] !== undefined));
  for (const key of read) {
    if (present.has(key)) continue;
    present.add(key);
    if (!role.external && key.toLowerCase().startsWith('aws:principaltag/')) continue;
    // Role sessions have no user name (IAM global condition keys, aws:username): a grant on it covers nothing.
    if (key.toLowerCase() === 'aws:username') continue;
    context[key] = { unknown: `${key} is decided by the request, which is not known yet`, mayBeAbsent: true };
  }
  return Object.freeze(context);
}

function appliesTo(statement: Statement, context: RequestContext, version: Policy['version']) {
  return allOf(statement.conditions, (clause) => evaluateCondition(clause, context, version).result);
}

interface PutObjectStatement {
  readonly statement: Statement;
  /** The statement names `s3:PutObject` itself, not only through a wildcard. */
  readonly namesPutObject: boolean;
}

/** Allow statements whose actions include s3:PutObject. */
function putObjectStatements(policy: Policy): PutObjectStatement[] {
  const out: PutObjectStatement[] = [];
  for (const statement of policy.statements) {
    if (statement.malformed !== undefined) {
      // What may be a grant is judged (UNKNOWN), never skipped; an unreadable Action counts as naming s3:PutObject.
      if (mayBePutObject(statement)) out.push({ statement, namesPutObject: !statement.action || namesPutObjectItself(statement.action) });
      continue;
    }
    if (statement.effect !== 'Allow' || !statement.action) continue;
    if (!statement.action.some((a) => safeGlob(a, 's3:PutObject') === 'true')) continue;
    out.push({ statement, namesPutObject: namesPutObjectItself(statement.action) });
  }
  return out;
}

function namesPutObjectItself(actions: readonly string[]): boolean {
  return actions.some((a) => a.toLowerCase() === 's3:putobject');
}

const parsed = new WeakMap<PolicyDoc, Policy>();

/** A role's policies are shared by its functions: parse each once. */
function parsedPolicy(doc: PolicyDoc): Policy {
  const cached = parsed.get(doc);
  if (cached) return cached;
  let policy: Policy = { id: doc.id, version: '2012-10-17', statements: [], errors: [] };
  if (doc.document !== undefined && doc.missing === undefined) {
    try {
      policy = parsePolicy(doc.document, doc.id);
    } catch {
      // An unreadable policy infers nothing; the decision reports it when another intent meets it.
    }
  }
  parsed.set(doc, policy);
  return policy;
}

function safeGlob(pattern: string, value: string) {
  try {
    return globMatch(pattern, value, { ignoreCase: true, wildcards: true });
  } catch {
    return 'unknown';
  }
}

const byArn = new WeakMap<readonly BucketModel[], Map<string, BucketModel[]>>();

/**
 * The buckets a resource ARN can name: a bucket ARN holds no `/`, so the part before the first `/` is the bucket
 * ARN. Indexed once per bucket list, so inference is linear in grants, not grants × buckets.
 */
function bucketsNamedIn(resource: string, buckets: readonly BucketModel[]): readonly BucketModel[] {
  let index = byArn.get(buckets);
  if (!index) {
    index = new Map();
    for (const bucket of buckets) index.set(bucket.arn, [...(index.get(bucket.arn) ?? []), bucket]);
    byArn.set(buckets, index);
  }
  return index.get(beforeFirstSlash(resource)) ?? [];
}

/** The text before the first `/` outside atoms (an atom's id may hold a construct path). */
function beforeFirstSlash(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ATOM_OPEN) {
      const close = text.indexOf(ATOM_CLOSE, i);
      if (close < 0) return text;
      i = close;
    } else if (text[i] === '/') {
      return text.slice(0, i);
    }
  }
  return text;
}

/** '' for the bucket ARN itself, the key pattern for `<bucketArn>/<pattern>`, undefined for another bucket. */
function patternWithin(resource: string, bucket: BucketModel): string | undefined {
  if (resource === bucket.arn) return '';
  if (resource.startsWith(`${bucket.arn}/`)) return resource.slice(bucket.arn.length + 1);
  return undefined;
}

/**
 * For each bucket, the roles whose identity policies allow s3:PutObject on some resource of it — computed once
 * per app (it answers "the function runs as another role than the one granted" for every finding).
 */
export function rolesReachingBuckets(roles: readonly RoleModel[], buckets: readonly BucketModel[]): Map<BucketModel, RoleModel[]> {
  const reach = new Map<BucketModel, RoleModel[]>();
  for (const role of roles) {
    const resources = role.identity.flatMap((doc) => putObjectStatements(parsedPolicy(doc)).flatMap((s) => s.statement.resource ?? []));
    const reached = new Set(resources.flatMap((r) => bucketsNamedIn(r, buckets).filter((b) => patternWithin(r, b) !== undefined)));
    for (const bucket of reached) {
      const list = reach.get(bucket) ?? [];
      list.push(role);
      reach.set(bucket, list);
    }
  }
  return reach;
}
