import { AlikeProbes, RoleProbes } from './alike-probes';
import { objectPatternIndex, objectPatternsUnder } from './object-patterns';
import { Probe, ProbeGrant, probeGrantsOn } from './probe';
import { ProbeRequests } from './probe-requests';
import { GrantReach } from './reach';
import { locateGrant, show } from './trace';
import { BucketWriter, BucketWriters, LeastPrivilegeIssue, WriterKind } from './types';
import { globMatch } from '../../iam/match/glob';
import { AuthorizationRequest, ContextValue, RequestPrincipal } from '../../iam/model';
import { generated, opaque } from '../cfn/opaque';
import { s3PolicySet } from '../decide/policy-sets';
import { AnalysisEnvironment } from '../input';
import { symbolicKey } from '../intents/key-pattern';
import { WriteIntent } from '../intents/types';
import { PolicyRegistry } from '../model/policy-registry';
import { AppModel, BucketModel, FunctionModel, PolicyDoc, RoleModel } from '../model/types';
import { lambdaPrincipal, principalContext } from '../request/principal';
import { resourceOwnerContext } from '../request/resource-context';

/**
 * Who can `s3:PutObject` to each bucket of the app, as the templates show it: every role of the app, and every
 * principal the bucket policy names (another account, an ARN outside the app, a service, `*`). Each is decided by
 * the evaluator on keys the grants name, so the prefixes are those a write is allowed under.
 */
export function bucketWriters(model: AppModel, environment: AnalysisEnvironment, intents: readonly WriteIntent[], reach: GrantReach,
  alike: AlikeProbes): { writers: BucketWriters[]; issues: LeastPrivilegeIssue[] } {
  const writers: BucketWriters[] = [];
  const issues: LeastPrivilegeIssue[] = [];
  const roleGrants = new PolicyRegistry();
  const rolePatterns = objectPatternIndex(model.roles.flatMap((r) => r.identity).map((d) => roleGrants.policy(d)));
  const intentsOn = groupBy(intents, (i) => i.bucket);
  const requests = new ProbeRequests(environment);
  const functionOf = new Map<RoleModel, FunctionModel>();
  for (const f of model.functions) if (f.role && !functionOf.has(f.role)) functionOf.set(f.role, f);
  for (const bucket of model.buckets) {
    if (bucket.external) continue;
    const registry = new PolicyRegistry();
    const onBucket = intentsOn.get(bucket) ?? [];
    const keys = candidateKeys(bucket, rolePatterns, onBucket, registry);
    const found: (BucketWriter & { grantedKeys: Set<string>; role?: RoleModel })[] = [];
    // Roles no Allow can reach on this bucket would be probed for nothing. Their policies (ids unique in the app) are
    // read through one registry for every bucket: a role has one policy set for all the buckets without a policy.
    for (const role of reach.rolesOn(bucket)) {
      const fn = functionOf.get(role);
      const policies = s3PolicySet(role, bucket, environment, roleGrants);
      const grants = probeEachKey(keys, bucket, roleProbe(fn, role, bucket, policies, environment, requests), { alike, role });
      const writer = writerOf('role', role.display, grants, bucket, roleGrants, model);
      if (writer) found.push({ ...writer, role });
    }
    for (const other of policyPrincipals(bucket, model, registry)) {
      // The organization's SCPs are not the other account's: its own, like its identity policies, are not in the templates.
      const policies = {
        ...s3PolicySet({ identity: [otherAccountOwnPolicies(other)] }, bucket, environment, registry),
        serviceControlPolicies: undefined,
      };
      const grants = probeEachKey(keys, bucket, { request: outsideRequest(other.principal, bucket, environment), policies });
      const writer = writerOf(other.kind, other.label, grants, bucket, registry, model);
      if (!writer) continue;
      if (other.kind === 'anyone') {
        // `*` is one writer, probed as an anonymous caller and as any AWS principal: the least limited one is kept.
        const limited = writer.condition !== undefined && (writer.conditionKeys ?? []).some(isLimitingKey);
        const before = found.findIndex((w) => w.kind === 'anyone');
        if (before === -1) found.push({ ...writer, limited });
        else if (found[before].limited && !limited) found[before] = { ...writer, limited };
      } else {
        found.push(writer);
      }
    }
    if (found.length === 0) continue;
    writers.push({ bucket: bucket.display, writers: found.map(publicWriter) });
    issues.push(...publicWriteIssues(bucket, found));
    issues.push(...otherWriterIssues(bucket, found, onBucket, registry, keys));
  }
  return { writers, issues };
}

interface CandidateKey {
  readonly key: string;
  /** The intent this key stands for (its keys), when it was made from one. */
  readonly intent?: WriteIntent;
}

/**
 * Keys to probe: any key (a name no pattern a person wrote can spell), a key of each intent on the bucket, and one
 * for each object pattern an Allow of a role of the app or of the bucket policy names on it.
 */
function candidateKeys(bucket: BucketModel, rolePatterns: (bucketArn: string) => string[], intents: readonly WriteIntent[],
  registry: PolicyRegistry): CandidateKey[] {
  const keys: CandidateKey[] = [{ key: generated('writers probe: any key') }];
  for (const intent of intents) keys.push({ key: symbolicKey(intent.requestKeyPattern ?? intent.keyPattern), intent });
  const ofPolicy = bucket.policy ? objectPatternsUnder(bucket.arn, [registry.policy(bucket.policy)]) : [];
  // A pattern of stars alone (`bucket/*`) would be probed with one generated name, as the first key already is: a
  // name no statement holds is matched the same whatever its id, so that probe would only repeat the first.
  const patterns = new Set([...rolePatterns(bucket.arn), ...ofPolicy].filter((p) => p.length > 0 && !/^\*+$/.test(p)));
  let n = 0;
  for (const p of patterns) keys.push({ key: p.replace(/[*?]/g, () => generated(`writers probe: key part ${n++}`)) });
  return keys;
}

/** A probed key and what grants it. */
interface KeyGrant {
  readonly key: string;
  readonly grant: ProbeGrant | undefined;
}

/**
 * The grant for each distinct candidate key, in the order the keys come: `probe` (made on the bucket) asked about
 * each key's object. The intents on a bucket often share their keys, and each is probed (and its grant later
 * located) once; keys every statement matches alike (`bucket/*` grants any key) are decided by one evaluation.
 */
function probeEachKey(keys: readonly CandidateKey[], bucket: BucketModel, probe: Probe, of?: RoleProbes): KeyGrant[] {
  const distinct = [...new Set(keys.map((k) => k.key))];
  const grants = probeGrantsOn(probe, distinct.map((key) => `${bucket.arn}/${key}`), of);
  return distinct.map((key, i) => ({ key, grant: grants[i] }));
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

type FoundWriter = BucketWriter & { grantedKeys: Set<string>; conditionKeys?: readonly string[] };

function writerOf(kind: WriterKind, principal: string, grants: readonly KeyGrant[],
  bucket: BucketModel, registry: PolicyRegistry, model: AppModel): FoundWriter | undefined {
  const granted = grants.filter((g) => g.grant !== undefined);
  if (granted.length === 0) return undefined;
  const prefixes = new Set<string>();
  let first: ReturnType<typeof locateGrant> | undefined;
  let condition: string | undefined;
  let conditionKeys: readonly string[] | undefined;
  for (const { key, grant } of granted) {
    // A principal outside the app is granted by the bucket policy (its own policies are only assumed to allow).
    const where = locateGrant(grant!, `${bucket.arn}/${key}`, registry, kind === 'role' ? 'identity' : 'resource');
    first = first ?? where;
    const pattern = where.resourcePattern.startsWith(`${bucket.arn}/`) ? where.resourcePattern.slice(bucket.arn.length + 1) : where.resourcePattern;
    prefixes.add(show(pattern, model.names));
    if (grant!.condition && condition === undefined) {
      condition = grant!.condition;
      conditionKeys = grant!.conditionKeys;
    }
  }
  // Allowed without a condition for some key: the condition found for another is not what limits it.
  if (granted.some((g) => !g.grant!.condition)) {
    condition = undefined;
    conditionKeys = undefined;
  }
  return {
    kind,
    principal,
    prefixes: [...prefixes],
    condition,
    conditionKeys,
    location: first!.location,
    statement: first!.statement,
    grantedKeys: new Set(granted.map((g) => g.key)),
  };
}

function publicWriter(w: FoundWriter & { role?: RoleModel }): BucketWriter {
  const { grantedKeys: _keys, conditionKeys: _ck, role: _role, ...rest } = w;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as unknown as BucketWriter;
}

/** Keys whose conditions limit who the caller is or where it calls from (IAM User Guide, "AWS global condition context keys"). */
const LIMITING_KEYS = [
  'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn', 'aws:principaltype',
  'aws:principalisawsservice', 'aws:principalservicename', 'aws:userid', 'aws:username', 'aws:sourceaccount', 'aws:sourcearn',
  'aws:sourceorgid', 'aws:sourceorgpaths', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourceip', 'aws:vpcsourceip', 'aws:sourcevpcarn',
  'aws:calledvia', 'aws:calledviafirst', 'aws:calledvialast', 'aws:viaawsservice', 's3:dataaccesspointaccount', 's3:dataaccesspointarn',
];

function isLimitingKey(key: string): boolean {
  const k = key.toLowerCase();
  return LIMITING_KEYS.includes(k) || k.startsWith('aws:principaltag/');
}

/**
 * `*` can write without a condition that limits who: an error (unless acknowledged). Block Public Access's
 * RestrictPublicBuckets, when the bucket sets it, limits such a policy to the owner's account and AWS services (S3 User
 * Guide, "Blocking public access to your Amazon S3 storage", https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html):
 * then it is a warning.
 */
function publicWriteIssues(bucket: BucketModel, found: readonly FoundWriter[]): LeastPrivilegeIssue[] {
  type Raw = { Properties?: { PublicAccessBlockConfiguration?: { RestrictPublicBuckets?: unknown } } };
  const props = (bucket.entry?.raw as Raw | undefined)?.Properties;
  const flag = props?.PublicAccessBlockConfiguration?.RestrictPublicBuckets;
  const restricted = flag === true || flag === 'true';
  return found.filter((w) => w.kind === 'anyone' && !w.limited).map((w) => ({
    code: 'PUBLIC_WRITE' as const,
    severity: restricted ? 'warning' as const : 'error' as const,
    message: `Anyone (Principal "*") can s3:PutObject to bucket ${bucket.display} (keys ${w.prefixes.join(', ')})`
      + `${w.condition ? `, under a condition that does not limit who: ${w.condition}` : ''}: granted by statement ${w.statement} of ${w.location}.`
      + (restricted ? ' The bucket\'s Block Public Access RestrictPublicBuckets limits it to its own account and AWS services.' : ''),
    fix: 'Name the principals that write in the bucket policy, or add a condition on aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceArn or aws:SourceVpce.',
    subjects: [w.location, bucket.display],
    location: w.location,
    statement: w.statement,
    bucket: bucket.display,
    action: 's3:PutObject',
    actions: ['s3:PutObject'],
  }));
}

/**
 * A bucket a SecureLambdaWriter scoped to its role (`restrictPrefixToThisWriter`: a bucket-policy Deny of
 * s3:PutObject under its prefix for every principal but the role) that another principal can still write to under
 * that prefix: a warning.
 */
function otherWriterIssues(bucket: BucketModel, found: readonly (FoundWriter & { role?: RoleModel })[], intents: readonly WriteIntent[],
  registry: PolicyRegistry, keys: readonly CandidateKey[]): LeastPrivilegeIssue[] {
  const issues: LeastPrivilegeIssue[] = [];
  for (const intent of intents) {
    if (intent.source !== 'construct' || !intent.writer || !scopedToOneWriter(bucket, intent, registry)) continue;
    const key = keys.find((k) => k.intent === intent);
    if (!key) continue;
    for (const w of found) {
      if (w.role && w.role === intent.fn.role) continue;
      if (!w.grantedKeys.has(key.key)) continue;
      issues.push({
        code: 'OTHER_WRITER',
        severity: 'warning',
        message: `${w.principal} can s3:PutObject under ${intent.keyPattern} of bucket ${bucket.display}, which ${intent.writer} restricts to its own role `
          + `(restrictPrefixToThisWriter): granted by statement ${w.statement} of ${w.location}${w.condition ? `, when ${w.condition}` : ''}.`,
        fix: `Remove the grant, or make the bucket-policy Deny of ${intent.writer} name only its role (aws:PrincipalArn).`,
        subjects: [w.location, intent.writer, bucket.display],
        location: w.location,
        statement: w.statement,
        bucket: bucket.display,
        action: 's3:PutObject',
        actions: ['s3:PutObject'],
      });
    }
  }
  return issues;
}

/** The bucket policy denies s3:PutObject under the intent's keys to every principal except some ARNs. */
function scopedToOneWriter(bucket: BucketModel, intent: WriteIntent, registry: PolicyRegistry): boolean {
  if (!bucket.policy) return false;
  const key = `${bucket.arn}/${symbolicKey(intent.keyPattern)}`;
  return registry.policy(bucket.policy).statements.some((st) => st.effect === 'Deny'
    && (st.principal?.wildcard ?? false)
    && (st.action ?? []).some((a) => globMatch(a, 's3:PutObject', { wildcards: true, ignoreCase: true }) === 'true')
    && (st.resource ?? []).some((r) => globMatch(r, key, { wildcards: true }) === 'true')
    && st.conditions.some((c) => /^(Arn|String)Not(Equals|Like)/i.test(c.operator) && ['aws:principalarn', 'aws:userid'].includes(c.key.toLowerCase())));
}

/** The role's PutObject probe on the bucket (its object chosen per key by {@link probeEachKey}). */
function roleProbe(fn: FunctionModel | undefined, role: RoleModel, bucket: BucketModel, policies: ReturnType<typeof s3PolicySet>,
  environment: AnalysisEnvironment, requests: ProbeRequests): Probe {
  return { request: fn ? requests.s3(fn, role, bucket, '', []) : sessionRequest(role, bucket, environment), policies };
}

/** A role no function of the app runs with (a custom resource's, an EC2 instance's…): a session of it. */
function sessionRequest(role: RoleModel, bucket: BucketModel, environment: AnalysisEnvironment): AuthorizationRequest {
  const stand = { display: role.display, arn: opaque(`the caller of role ${role.display}`) } as FunctionModel;
  const context: Record<string, ContextValue> = {
    ...principalContext(stand, role, environment),
    ...resourceOwnerContext(bucket.account, true, environment),
    'aws:SecureTransport': 'true',
    's3:ResourceAccount': bucket.account,
  };
  return { principal: lambdaPrincipal(stand, role), action: 's3:PutObject', resource: `${bucket.arn}/`, resourceAccount: bucket.account, context };
}

interface OtherPrincipal {
  readonly kind: WriterKind;
  readonly label: string;
  readonly principal: RequestPrincipal;
  /** The account it belongs to ('' for callers without one). */
  readonly account: string;
}

/**
 * The principals of the bucket policy's Allows of s3:PutObject that are not roles of the app: each account, each
 * ARN, each service, and `*` — probed as an anonymous caller and as any AWS principal, whichever can write.
 */
function policyPrincipals(bucket: BucketModel, model: AppModel, registry: PolicyRegistry): OtherPrincipal[] {
  if (!bucket.policy) return [];
  const out = new Map<string, OtherPrincipal>();
  for (const st of registry.policy(bucket.policy).statements) {
    if (st.effect !== 'Allow' || !st.principal) continue;
    const writes = (st.action ?? []).some((a) => globMatch(a, 's3:PutObject', { wildcards: true, ignoreCase: true }) !== 'false')
      || (st.notAction !== undefined);
    if (!writes) continue;
    if (st.principal.wildcard) {
      out.set('*anon', { kind: 'anyone', label: '*', principal: { kind: 'Anonymous', arn: '', account: '' }, account: '' });
      const account = generated('writers probe: any AWS account');
      out.set('*aws', {
        kind: 'anyone',
        label: '*',
        principal: { kind: 'AssumedRole', arn: `arn:aws:sts::${account}:assumed-role/${generated('writers probe: any role')}/s`, roleArn: `arn:aws:iam::${account}:role/${generated('writers probe: any role')}`, account },
        account,
      });
    }
    for (const entry of st.principal.aws) {
      if (entry === '*') continue;
      if (model.roles.some((r) => r.arn === entry)) continue;
      const account = /^\d{12}$/.test(entry) ? entry : /^arn:[^:]+:iam::([^:]+):/.exec(entry)?.[1];
      if (!account) continue;
      if (/^\d{12}$/.test(entry) || /:root$/.test(entry)) {
        out.set(`account:${account}`, {
          kind: 'account',
          label: account,
          principal: { kind: 'AssumedRole', arn: `arn:aws:sts::${account}:assumed-role/${generated('writers probe: a role of the account')}/s`, roleArn: `arn:aws:iam::${account}:role/${generated('writers probe: a role of the account')}`, account },
          account,
        });
      } else {
        const isUser = /:user\//.test(entry);
        out.set(`arn:${entry}`, {
          kind: 'principal',
          label: show(entry, model.names),
          principal: isUser
            ? { kind: 'User', arn: entry, account }
            : { kind: 'AssumedRole', arn: `arn:aws:sts::${account}:assumed-role/${generated('writers probe: session')}/s`, roleArn: entry, account },
          account,
        });
      }
    }
    for (const service of st.principal.service) {
      out.set(`service:${service}`, { kind: 'service', label: service, principal: { kind: 'Service', arn: service, service, account: '' }, account: '' });
    }
  }
  return [...out.values()];
}

/** The other account's own policies, which the templates do not show: its administrators may grant anything. */
function otherAccountOwnPolicies(other: OtherPrincipal): PolicyDoc {
  return {
    id: `(the identity policies of ${other.label}, outside the app: assumed to allow)`,
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    source: { description: `the identity policies of ${other.label}, outside the app`, location: other.label },
  };
}

/** A PutObject of a principal outside the app on the bucket (its object chosen per key by {@link probeEachKey}). */
function outsideRequest(principal: RequestPrincipal, bucket: BucketModel, environment: AnalysisEnvironment) {
  const context: Record<string, ContextValue> = {
    ...resourceOwnerContext(bucket.account, true, environment),
    's3:ResourceAccount': bucket.account,
    'aws:SecureTransport': 'true',
  };
  if (principal.kind !== 'Anonymous' && principal.kind !== 'Service') {
    context['aws:PrincipalAccount'] = principal.account;
    if (principal.roleArn ?? principal.arn) context['aws:PrincipalArn'] = principal.roleArn ?? principal.arn;
  }
  return { principal, action: 's3:PutObject', resource: `${bucket.arn}/`, resourceAccount: bucket.account, context };
}
