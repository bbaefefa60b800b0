import { readable } from '../findings/describe';
import { StepContext } from '../findings/step-context';
import { Finding } from '../report';
import { accessPointOutcomes } from './access-point-step';
import { bucketGateOutcomes, bucketResource, fromGate } from './gates';
import { keysForWrite } from './kms-keys';
import { organizationNotes } from './organization-policies';
import { unlessAnotherWay } from './other-write-paths';
import { PolicyRegistry } from '../model/policy-registry';
import { s3PolicySet } from './policy-sets';
import { AGNOSTIC_ASSUMPTION } from '../cfn/pseudo-parameters';
import { AbacNote, bucketAbacContext, decideNetworkPath, GateOutcome, impliedActions, NetworkPathResult } from '../gates';
import { AnalysisEnvironment } from '../input';
import { kmsOutcomes } from './kms-step';
import { combineCandidates, StepOutcome, worst } from '../step-outcome';
import { NetworkVariant, networkVariants, s3ActionOutcomes } from './s3-step';
import { parsePolicy } from '../../iam';
import { globMatch } from '../../iam/match/glob';
import { Policy } from '../../iam/model';
import { buildFinding, unknownFinding } from '../findings/build-finding';
import { timeNotes } from '../findings/time-notes';
import { wildcardBucketGrantNotes } from '../findings/wildcard-grants';
import { symbolicKey } from '../intents/key-pattern';
import { WriteIntent } from '../intents/types';
import { AppModel, BucketModel, PolicyDoc, RoleModel } from '../model/types';
import { clausesOf, keysReadByAll, policiesOf, requestTagKeysIn } from '../request/policy-clauses';
import { buildS3Request, objectArn, S3RequestInput } from '../request/s3-request';
import { tlsVersionValue } from '../request/tls-version';

/**
 * Judge one write intent: the PutObject authorization (per network path), the extra actions its headers imply,
 * the chained KMS authorization, and the S3 gates — then one finding, the worst outcome deciding.
 */
export function decideIntent(intent: WriteIntent, model: AppModel, environment: AnalysisEnvironment,
  reach: ReadonlyMap<BucketModel, readonly RoleModel[]> = new Map()): Finding {
  const { fn, bucket } = intent;
  if (intent.problem || !bucket) return unknownFinding(intent, intent.problem ?? 'the bucket is not known');
  const role = fn.role;
  if (!role) {
    return unknownFinding(intent, `the execution role of ${fn.display} is not known (its Role property did not resolve to a role ARN)`);
  }
  const registry = new PolicyRegistry();
  const show = (v: string) => readable(v, model.names);
  const key = symbolicKey(intent.requestKeyPattern ?? intent.keyPattern);
  const objArn = objectArn(bucket, key);
  const profile = intent.profile;
  const docs = policyDocs(role, bucket);
  const abac = bucketAbacContext({
    bucket: bucketResource(bucket),
    policies: docs.filter((d) => d.document !== undefined).map((d) => ({ location: d.source.location, document: d.document })),
  });
  const network = fn.vpc ? decideNetworkPath({
    functionLocation: fn.display, vpcConfig: fn.vpcConfig, resources: model.network.resources, bucketRegion: bucket.region,
  }) : undefined;
  const ctx: StepContext = {
    kind: 's3',
    action: 's3:PutObject',
    subject: `${fn.display} (role ${role.display}) writing ${bucket.display} keys ${intent.keyPattern}`,
    roleDisplay: role.display,
    roleArn: show(role.arn),
    resourceArn: show(`${bucket.arn}/${intent.keyPattern}`),
    bucketDisplay: bucket.display,
    keyPattern: intent.keyPattern,
    profileExact: intent.profileExact,
    otherRolesGranting: (reach.get(bucket) ?? []).filter((r) => r !== role).map((r) => r.display),
    registry,
    identityPolicies: role.identity.map((d) => registry.policy(d)),
    show,
  };
  const policies = s3PolicySet(role, bucket, environment, registry);
  // Every layer's clauses, those of every endpoint and access point the write may pass through included: a key
  // only an SCP or an endpoint policy tests is as open as one the bucket policy tests.
  const clauses = clausesOf([...policiesOf(policies), ...pathPolicies(network, model)]);
  const tls = tlsVersionValue(clauses);
  const keysRead = keysReadByAll(clauses);
  const requestInput: S3RequestInput = {
    fn,
    role,
    bucket,
    key,
    profile,
    profileExact: intent.profileExact,
    sseKmsKeyArn: sseKmsKeyArn(intent, model),
    requestTagKeysInPolicies: requestTagKeysIn(keysRead),
    keysRead,
    environment,
    bucketTagContext: abac.context,
    tlsVersion: tls.value,
  };
  const variants = networkVariants(network);
  const outcomes: StepOutcome[] = [];
  let mainInput: S3RequestInput = requestInput;
  let mainCtx = ctx;
  if (typeof profile.accessPoint === 'string') {
    const ap = accessPointOutcomes(profile.accessPoint, fn, bucket, model, requestInput, policies, network, ctx, registry);
    outcomes.push(...ap.outcomes);
    if (ap.bucketInput) {
      mainInput = ap.bucketInput;
      // The bucket policy is evaluated with the access point's keys (s3:DataAccessPointArn, …Account, …NetworkOrigin),
      // so a delegation in it decides. What it leaves is whether the role's identity policies also count on the
      // bucket side, which only matters in the bucket's own account: across accounts only the bucket policy can
      // allow, and its missing Allow is conclusive (S3 User Guide, "Configuring IAM policies for using access points":
      // access point permissions are effective only if the bucket also allows, by delegating or by its own statements;
      // https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html).
      if (globMatch(role.account, bucket.account, { wildcards: false }) !== 'false') {
        mainCtx = { ...ctx, implicitDenyInconclusive: 'the write goes through an access point, and whether the role\'s own policies also count on the bucket side is not documented' };
      }
    }
  }
  const putOutcomes = s3ActionOutcomes('s3:PutObject', mainInput, policies, variants, mainCtx, registry);
  outcomes.push(...optInAlternative(putOutcomes, network, (variant) =>
    s3ActionOutcomes('s3:PutObject', mainInput, policies, [variant], mainCtx, registry)));

  for (const extra of impliedActions(profile)) {
    const extraOutcomes = s3ActionOutcomes(extra.action, mainInput, policies, variants, { ...mainCtx, kind: 'extra', action: extra.action, extra }, registry);
    // An action the write does not need (abort of a failed multipart upload) is worth a note, never a verdict.
    outcomes.push(...(extra.required ? extraOutcomes : extraOutcomes.map(asNote)));
  }

  const selection = keysForWrite(bucket, profile, requestInput.sseKmsKeyArn, model, environment);
  if (selection.candidates.length > 0) {
    const kmsInput = {
      fn,
      role,
      bucket,
      objectArn: objArn,
      multipart: profile.multipart === true,
      bucketKey: profile.bucketKeyEnabled ?? bucket.encryption?.bucketKeyEnabled ?? false,
      environment,
      registry,
      base: ctx,
    };
    outcomes.push(...combineCandidates(selection.candidates.map((k) => kmsOutcomes(k, kmsInput)), selection.notes.join('; ')));
  }

  outcomes.push(...bucketGateOutcomes(role, bucket, profile, environment));
  outcomes.push(...networkOutcomes(network, keysRead).map(fromGate));

  const wildcardGrants = wildcardBucketGrantNotes(role.identity, ctx.identityPolicies, objArn, show);
  const times = timeNotes([...policiesOf(policies), ...pathPolicies(network, model)], buildS3Request(requestInput), registry);
  const decided = unlessAnotherWay(outcomes, { fn, role, bucket, objectArn: objArn, model, environment, registry });
  return buildFinding(intent, decided.map((o) => withAbacNote(o, abac.notes)), notesFor(intent, model, environment, bucket, network,
    [...(abac.enabled === 'true' ? [abac.reason] : []), ...(tls.note ? [tls.note] : []), ...wildcardGrants, ...times]));
}

/**
 * When the default path is denied but every subnet can also reach S3 through an interface endpoint at its own DNS
 * name (private DNS off), and that path is allowed, the write works if the code uses the endpoint's name: the deny
 * becomes conditional on it (S3 User Guide, "AWS PrivateLink for Amazon S3"), never a DENY the code could avoid.
 */
function optInAlternative(outcomes: StepOutcome[], network: NetworkPathResult | undefined,
  evaluate: (variant: NetworkVariant) => StepOutcome[]): StepOutcome[] {
  if (!network || worst(outcomes.map((o) => o.result)) !== 'deny') return outcomes;
  const alternatives = network.subnets.map((subnet) => subnet.alternative);
  if (alternatives.length === 0 || alternatives.some((a) => a === undefined)) return outcomes;
  const allowed = alternatives.every((a) => worst(evaluate({
    context: a!.context, absentKeys: a!.absentKeys, endpoints: a!.endpoint ? [a!.endpoint] : [],
  }).map((o) => o.result)) === 'pass');
  if (!allowed) return outcomes;
  const via = alternatives[0]!;
  return outcomes.map((o) => (o.result !== 'deny' || !o.cause ? o : {
    ...o,
    result: 'conditional' as const,
    cause: { ...o.cause, message: `${o.cause.message} It is allowed only if ${via.requires}: ${via.reason}` },
    fix: via.fix ?? o.fix,
  }));
}

const NETWORK_KEYS = ['aws:sourcevpce', 'aws:sourcevpc', 'aws:sourcevpcarn', 'aws:sourceip', 'aws:vpcsourceip'];

/**
 * The network gate's outcomes. When the path is outside the templates entirely (an imported VPC: `Vpc.fromLookup`)
 * and no policy tests a network key, only reachability is open — whether the subnets have a NAT or an S3 endpoint.
 * That is assumed, with a note, as SCPs are: an UNKNOWN on every function of every imported VPC would say nothing
 * the user can act on. Where a policy does test a network key, the path decides it and stays UNKNOWN.
 */
function networkOutcomes(network: NetworkPathResult | undefined, keysRead: readonly string[]): GateOutcome[] {
  if (!network) return [];
  const networkKeyRead = keysRead.some((k) => NETWORK_KEYS.includes(k.toLowerCase()));
  if (network.path !== 'unknown' || networkKeyRead) return [...network.outcomes];
  return network.outcomes.map((o) => (o.result === 'unknown'
    ? { ...o, result: 'pass' as const, reason: `assumed: the function reaches S3 (${o.reason}); if its subnets have no NAT gateway or S3 endpoint, the call times out` }
    : o));
}

/** The ABAC gate explains tag conditions (e.g. "ABAC is off, so aws:ResourceTag/team is absent"): add it to the cause it explains. */
function withAbacNote(o: StepOutcome, notes: readonly AbacNote[]): StepOutcome {
  const note = notes.find((n) => o.cause && n.policy === o.cause.location && n.statement === o.cause.statement);
  if (!note || !o.cause) return o;
  return { ...o, cause: { ...o.cause, message: `${o.cause.message} ${note.message}` }, fix: o.fix ?? note.fix };
}

function asNote(o: StepOutcome): StepOutcome {
  if (o.result === 'pass') return o;
  return { result: 'pass', notes: [`${o.cause?.message ?? ''} ${o.fix ?? ''}`.trim()] };
}

function policyDocs(role: RoleModel, bucket: BucketModel): PolicyDoc[] {
  return [...role.identity, ...(bucket.policy ? [bucket.policy] : []), ...(role.boundary ? [role.boundary] : [])];
}

/**
 * Policies on the write's way that the S3 policy set does not hold: the VPC endpoints the function's subnets use
 * and the app's access points (a superset is harmless: these policies only widen what the request leaves open).
 */
function pathPolicies(network: NetworkPathResult | undefined, model: AppModel): Policy[] {
  const documents: { id: string; document: unknown }[] = [
    ...(network?.endpoints ?? []).map((e) => ({ id: `VPC endpoint policy ${e.location}`, document: e.policyDocument })),
    ...model.network.accessPoints.map((ap) => ({ id: `access point policy ${ap.display}`, document: ap.properties.Policy })),
  ];
  return documents.filter((d) => d.document !== undefined).flatMap((d) => {
    try {
      return [parsePolicy(d.document, d.id)];
    } catch {
      return [];
    }
  });
}

/** The key ARN the request names: a key of the app by construct path, or the literal given. */
function sseKmsKeyArn(intent: WriteIntent, model: AppModel): string | undefined {
  const ref = intent.profile.sseKmsKeyPath ?? intent.profile.sseKmsKeyId;
  if (typeof ref !== 'string') return undefined;
  const key = model.keys.find((k) => k.display === ref || k.entry?.cdkPath === ref);
  return key ? key.arn : ref;
}

function notesFor(intent: WriteIntent, model: AppModel, environment: AnalysisEnvironment, bucket: BucketModel,
  network: NetworkPathResult | undefined, extra: string[]): string[] {
  const notes = [...organizationNotes(environment), ...bucket.assumptions, ...(intent.notes ?? []), ...extra];
  if (model.agnostic) notes.push(AGNOSTIC_ASSUMPTION);
  if (!intent.profileExact) notes.push('the request profile was inferred: the default SDK request (no SSE header, no ACL, no tags, HTTPS)');
  if (network) notes.push(`network path: ${network.path}`);
  notes.push('Lambda passes no session policy');
  return notes;
}
