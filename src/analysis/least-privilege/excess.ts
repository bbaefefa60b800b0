import { BUCKET_ACTIONS, BUCKET_DELETE_ACTIONS, KMS_ACTIONS, OBJECT_ACTIONS, WRITE_OR_DELETE_ACTIONS, kmsActionsNeeded } from './actions';
import { AlikeProbes } from './alike-probes';
import { objectPatternsUnder } from './object-patterns';
import { actionsSomeAllowMayApply, grantOfMayApply, Probe, ProbeGrant } from './probe';
import { ProbeRequests } from './probe-requests';
import { GrantReach } from './reach';
import { locateGrant, show } from './trace';
import { ExcessKind, ExcessPermission } from './types';
import { actionClasses } from '../../iam/evaluate/action-classes';
import { globMatch } from '../../iam/match/glob';
import { AuthorizationRequest, ContextValue, PolicySet } from '../../iam/model';
import { generated } from '../cfn/opaque';
import { keysForWrite } from '../decide/kms-keys';
import { kmsPolicySet, s3PolicySet } from '../decide/policy-sets';
import { impliedActions } from '../gates';
import { AnalysisEnvironment } from '../input';
import { symbolicKey } from '../intents/key-pattern';
import { WriteIntent } from '../intents/types';
import { keyArnOfReference } from '../model/key-lookup';
import { PolicyRegistry } from '../model/policy-registry';
import { AppModel, BucketModel, FunctionModel, KeyModel, RoleModel } from '../model/types';
import { keysReadBySet, policiesOf } from '../request/policy-clauses';
import { functionPrincipalContext, lambdaPrincipal } from '../request/principal';
import { ownedByTheApp, resourceOwnerContext } from '../request/resource-context';
import { withoutUndefined } from '../text/without-undefined';

/** What the excess of one role is computed from. */
export interface RoleScope {
  readonly role: RoleModel;
  readonly functions: readonly FunctionModel[];
  /** The role's write intents (with a bucket, and no problem). */
  readonly intents: readonly WriteIntent[];
  readonly model: AppModel;
  readonly environment: AnalysisEnvironment;
  readonly registry: PolicyRegistry;
  /** Which roles any Allow may let act on a bucket: pairs no Allow can reach are not probed. */
  readonly reach: GrantReach;
  /** The probes' S3 requests, their contexts shared across buckets. */
  readonly requests: ProbeRequests;
  /** The answers to probes of roles alike, shared across the analysis's roles. */
  readonly alike: AlikeProbes;
}

/** The actions one write intent needs on its objects: PutObject and what its headers imply. */
export function objectActionsNeeded(intent: WriteIntent): string[] {
  return unique(['s3:PutObject', ...impliedActions(intent.profile).map((a) => a.action)]);
}

/** The KMS keys (customer managed, enabled) a write of the intent uses; the AWS managed aws/s3 key nobody can scope. */
export function keysOfIntent(intent: WriteIntent, model: AppModel, environment: AnalysisEnvironment): KeyModel[] {
  if (!intent.bucket) return [];
  const selection = keysForWrite(intent.bucket, intent.profile, sseKmsKeyArn(intent, model), model, environment);
  return selection.candidates.filter((k) => !k.awsManaged);
}

/** Whether some intent of the role writes multipart with the key (then kms:Decrypt is needed on it). */
export function multipartKeys(scope: RoleScope): Set<string> {
  const keys = new Set<string>();
  for (const intent of scope.intents) {
    if (intent.profile.multipart !== true) continue;
    for (const k of keysOfIntent(intent, scope.model, scope.environment)) keys.add(k.arn);
  }
  return keys;
}

/**
 * The excess of one intent: on its bucket, the S3 actions it does not need (inside its keys), every object action
 * outside its keys, the bucket-level actions; on its KMS key, the actions beyond GenerateDataKey (and Decrypt for
 * multipart). Each decided by the evaluator with the policy set the write's decision uses.
 */
export function intentExcess(intent: WriteIntent, scope: RoleScope, multipart: ReadonlySet<string>): FoundExcess[] {
  const bucket = intent.bucket!;
  const { role, registry, environment } = scope;
  const fn = intent.fn;
  const pattern = intent.requestKeyPattern ?? intent.keyPattern;
  const policies = s3PolicySet(role, bucket, environment, registry);
  const needed = new Set(objectActionsNeeded(intent));
  const out = new ExcessList(scope);
  const insideKey = symbolicKey(pattern);
  const inside = objectProbes(fn, role, bucket, insideKey, policies, scope.requests);
  const notNeeded = mayGrant(OBJECT_ACTIONS, `${bucket.arn}/${insideKey}`, policies, scope).filter((action) => !needed.has(action));
  out.addEach(notNeeded, inside, 'not-needed', bucket);
  for (const key of outsideKeys(pattern, bucket, policies)) {
    const outside = objectProbes(fn, role, bucket, key, policies, scope.requests);
    out.addEach(mayGrant(OBJECT_ACTIONS, `${bucket.arn}/${key}`, policies, scope), outside, 'outside-prefix', bucket,
      ` outside the keys it writes (${intent.keyPattern})`);
  }
  const onBucket = bucketProbes(fn, role, bucket, policies, scope.requests);
  out.addEach(mayGrant(BUCKET_ACTIONS, bucket.arn, policies, scope), onBucket, 'not-needed', bucket);
  for (const key of keysOfIntent(intent, scope.model, environment)) {
    const keyNeeded = new Set(kmsActionsNeeded(multipart.has(key.arn)));
    const kmsPolicies = kmsPolicySet(role, key, environment, registry);
    const onKey = kmsProbes(fn, role, key, kmsPolicies, environment);
    out.addEach(mayGrant(KMS_ACTIONS, key.arn, kmsPolicies, scope).filter((action) => !keyNeeded.has(action)), onKey, 'kms', undefined, '', key);
  }
  return out.items;
}

/**
 * S3 write or delete permissions of the role on buckets of the app for which none of its functions has a write
 * intent, and on any bucket (`Resource: "*"`, `arn:aws:s3:::*`).
 */
export function roleExcessWithoutIntent(scope: RoleScope): FoundExcess[] {
  const { role, registry, environment } = scope;
  const out = new ExcessList(scope);
  const written = new Set(scope.intents.map((i) => i.bucket));
  for (const bucket of scope.reach.bucketsOf(role)) {
    if (written.has(bucket)) continue;
    const policies = s3PolicySet(role, bucket, environment, registry);
    const key = generated('least-privilege probe: any key of the bucket');
    const objectActions = mayGrant(WRITE_OR_DELETE_ACTIONS, `${bucket.arn}/${key}`, policies, scope);
    const bucketActions = mayGrant(BUCKET_DELETE_ACTIONS, bucket.arn, policies, scope);
    const why = ', a bucket none of its functions is known to write to';
    for (const fn of scope.functions) {
      out.addEach(objectActions, objectProbes(fn, role, bucket, key, policies, scope.requests), 'no-intent', bucket, why);
      out.addEach(bucketActions, bucketProbes(fn, role, bucket, policies, scope.requests), 'no-intent', bucket, why);
    }
  }
  const anyBucket = anyBucketModel(role);
  // A bucket outside the app that has no bucket policy: what the role's own policies (with boundary and SCPs) allow.
  const policies = s3PolicySet(role, anyBucket, environment, registry);
  const anyKey = generated('least-privilege probe: any key');
  const anyBucketActions = mayGrant(WRITE_OR_DELETE_ACTIONS, `${anyBucket.arn}/${anyKey}`, policies, scope);
  for (const fn of scope.functions) {
    out.addEach(anyBucketActions, objectProbes(fn, role, anyBucket, anyKey, policies, scope.requests), 'any-bucket', undefined,
      ' on any bucket (a wildcard resource: every bucket of its account, and of other accounts whose bucket policy lets it)');
  }
  return out.items;
}

/** A grant found by a probe, the statement it comes from and the resource pattern it names, as shown. */
interface GrantPlace {
  readonly grant: ProbeGrant;
  readonly where: ReturnType<typeof locateGrant>;
  readonly resource: string;
}

/**
 * One excess action as a probe found it: where it is granted and why it is more than the writes need. Found per
 * action, reported per granting statement ({@link groupExcess}).
 */
export interface FoundExcess {
  readonly kind: ExcessKind;
  readonly action: string;
  readonly place: GrantPlace;
  readonly bucket?: BucketModel;
  readonly key?: KeyModel;
  /** What the message says after the resource it is on (` outside the keys it writes (…)`), or ''. */
  readonly why: string;
}

/** Collects excess, once per (action, granting statement, resource pattern). */
class ExcessList {
  public readonly items: FoundExcess[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly scope: RoleScope) {}

  /**
   * Each action's excess on one object, in the order given (actions some Allow may grant: {@link mayGrant}). One
   * evaluation decides each class of actions no statement tells apart (iam/evaluate/action-classes.ts): the four
   * object actions `grantPut` grants beyond the write are one evaluation, not four.
   */
  public addEach(actions: readonly string[], probes: (action: string) => Probe, kind: ExcessKind, bucket?: BucketModel, why = '',
    key?: KeyModel): void {
    if (actions.length === 0) return;
    // Per class, the grant and where it is (the granting statement and its resource, shown once for all its actions).
    const granted = new Map<string, GrantPlace | undefined>();
    const { policies } = probes(actions[0]);
    const classes = this.scope.alike.fromContent(this.scope.role, policies, `action classes|${actions.join(' ')}`, () => actionClasses(actions, policiesOf(policies)));
    for (const members of classes) {
      const probe = probes(members[0]);
      const grant = this.scope.alike.grant(this.scope.role, probe, () => grantOfMayApply(probe));
      const place = grant && this.place(grant, probe.request.resource);
      for (const action of members) granted.set(action, place);
    }
    for (const action of actions) {
      const place = granted.get(action);
      if (place) this.add({ kind, action, place, bucket, key, why });
    }
  }

  private place(grant: ProbeGrant, requestResource: string): GrantPlace {
    const where = locateGrant(grant, requestResource, this.scope.registry);
    return { grant, where, resource: show(where.resourcePattern, this.scope.model.names) };
  }

  private add(found: FoundExcess): void {
    const { kind, action, place: { where, resource }, bucket, key } = found;
    const id = `${kind === 'any-bucket' ? 'any' : ''}|${action}|${where.location}|${where.statement}|${resource}|${bucket?.display ?? key?.display ?? ''}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.items.push(found);
  }
}

/**
 * The role's excess, once each: an action a statement grants on the whole bucket is one excess even when several
 * intents (or a write intent and the bucket-without-intent check) find it. The first finding of each is kept.
 */
export function onceEach(found: readonly FoundExcess[]): FoundExcess[] {
  const seen = new Set<string>();
  return found.filter(({ action, place: { where, resource }, bucket, key, kind }) => {
    const id = `${action}|${resource}|${where.location}|${where.statement}|${bucket?.display ?? key?.display ?? kind}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Reports excess as one entry per granting statement and resource (and kind, and condition), naming its actions in
 * the order found; its message is that of its first finding. `made` holds the entries made so far (one role's intents
 * and the role itself): an entry with the same text is the same object, so an intent's excess and the role's share
 * their entries instead of copying them.
 */
export function groupExcess(role: RoleModel, found: readonly FoundExcess[], made: Map<string, ExcessPermission>): ExcessPermission[] {
  const groups = new Map<string, { readonly first: FoundExcess; readonly actions: string[] }>();
  for (const f of found) {
    const { where, resource, grant } = f.place;
    const id = `${f.kind}|${where.location}|${where.statement}|${resource}|${f.bucket?.display ?? ''}|${f.key?.display ?? ''}|${grant.condition ?? ''}`;
    const group = groups.get(id);
    if (group) group.actions.push(f.action);
    else groups.set(id, { first: f, actions: [f.action] });
  }
  return [...groups].map(([group, { first, actions }]) => {
    // The entry's text: its group, what its message says after the resource, and its actions.
    const id = `${group}|${first.why}|${actions.join(' ')}`;
    let entry = made.get(id);
    if (!entry) {
      entry = excessEntry(role, first, actions);
      made.set(id, entry);
    }
    return entry;
  });
}

function excessEntry(role: RoleModel, { kind, place: { grant, where, resource }, bucket, key, why }: FoundExcess,
  actions: readonly string[]): ExcessPermission {
  const target = key ? `key ${key.display}` : bucket ? `bucket ${bucket.display}` : 'S3';
  const condition = grant.condition;
  return withoutUndefined({
    kind,
    action: actions.length === 1 ? actions[0] : undefined,
    actions,
    resource,
    statement: where.statement,
    location: where.location,
    templatePath: where.templatePath,
    logicalId: where.logicalId,
    jsonPath: where.jsonPath,
    bucket: bucket?.display,
    key: key?.display,
    condition,
    message: `role ${role.display} can ${listed(actions)} on ${target}${why} (${resource}), which its writes do not need: `
      + `granted by statement ${where.statement} of ${where.location}${condition ? `, when ${condition}` : ''}.`,
  });
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The actions of the list, in its order, that some Allow may grant on the resource: only those are probed (most of
 * the forty are granted by nothing, and are answered without building a request).
 */
function mayGrant(actions: readonly string[], resource: string, policies: PolicySet, scope: RoleScope): string[] {
  // The answer depends on the policies' text alone: roles alike share it (alike-probes.ts).
  return scope.alike.fromContent(scope.role, policies, `may grant|${resource}|${actions.join(' ')}`, () => {
    const may = actionsSomeAllowMayApply(actions, resource, policies);
    return may.size === 0 ? [] : actions.filter((action) => may.has(action));
  });
}

/**
 * The probes of one object (or bucket, or key) for action after action: the request is built once, when first
 * asked, and only its action varies (nothing else in it depends on the action). Sharing its context object also lets
 * the evaluator freeze and index it once (iam/context.ts).
 */
function perAction(build: () => AuthorizationRequest, policies: PolicySet): (action: string) => Probe {
  let base: AuthorizationRequest | undefined;
  return (action) => ({ request: { ...(base ??= build()), action }, policies });
}

function objectProbes(fn: FunctionModel, role: RoleModel, bucket: BucketModel, key: string, policies: PolicySet,
  requests: ProbeRequests): (action: string) => Probe {
  return perAction(() => requests.s3(fn, role, bucket, key, keysReadBySet(policies)), policies);
}

function bucketProbes(fn: FunctionModel, role: RoleModel, bucket: BucketModel, policies: PolicySet,
  requests: ProbeRequests): (action: string) => Probe {
  const onObjects = objectProbes(fn, role, bucket, '', policies, requests);
  return perAction(() => ({ ...onObjects('').request, resource: bucket.arn }), policies);
}

/** A direct call of the code to KMS (or one S3 makes for it): the principal's keys known, the rest open. */
function kmsProbes(fn: FunctionModel, role: RoleModel, key: KeyModel, policies: PolicySet,
  environment: AnalysisEnvironment): (action: string) => Probe {
  return perAction(() => {
    const keysRead = keysReadBySet(policies);
    const context: Record<string, ContextValue> = {
      ...functionPrincipalContext(fn, role, environment, keysRead),
      ...resourceOwnerContext(key.account, ownedByTheApp(key.account, role.account, key.external), environment),
      'aws:SecureTransport': 'true',
      'aws:RequestedRegion': key.region,
    };
    return { principal: lambdaPrincipal(fn, role), action: '', resource: key.arn, resourceAccount: key.account, context };
  }, policies);
}

/**
 * Keys outside the intent's pattern to probe: one no pattern a person wrote can name, plus one for each object
 * pattern a statement grants on the bucket that lies outside the intent (`other/*`), so a grant scoped to another
 * prefix is found too.
 */
function outsideKeys(pattern: string, bucket: BucketModel, policies: PolicySet): string[] {
  if (pattern === '*') return [];
  const keys = [generated('least-privilege probe: a key outside the intent')];
  let n = 0;
  for (const granted of objectPatternsUnder(bucket.arn, policiesOf(policies))) {
    const key = granted.replace(/[*?]/g, () => generated(`least-privilege probe: key part ${n++}`));
    if (globMatch(pattern, key, { wildcards: true }) === 'false') keys.push(key);
  }
  return unique(keys);
}

/** A bucket outside the app with no bucket policy, in the role's account, whose name nobody wrote. */
function anyBucketModel(role: RoleModel): BucketModel {
  const name = generated('least-privilege probe: any bucket');
  return {
    display: '*',
    name,
    arn: `arn:${role.partition}:s3:::${name}`,
    account: role.account,
    region: generated('least-privilege probe: any region'),
    partition: role.partition,
    external: true,
    assumptions: [],
  };
}

/** The key ARN the request names: a key of the app by construct path, or the literal given (as the decision reads it). */
function sseKmsKeyArn(intent: WriteIntent, model: AppModel): string | undefined {
  const ref = intent.profile.sseKmsKeyPath ?? intent.profile.sseKmsKeyId;
  if (typeof ref !== 'string') return undefined;
  return keyArnOfReference(model.keys, ref);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
