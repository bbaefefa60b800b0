import { accessPointRoute, AccessPointRoute } from './access-point-step';
import { s3PolicySet } from './policy-sets';
import { NetworkVariant, networkVariants } from './s3-step';
import { parsePolicy } from '../../iam';
import { Policy, PolicySet } from '../../iam/model';
import { readable } from '../findings/describe';
import { StepContext } from '../findings/step-context';
import { AbacContextFragment, bucketAbacContext, bucketResource, decideNetworkPath, GateContext, NetworkPathResult } from '../gates';
import { AnalysisEnvironment } from '../input';
import { symbolicKey } from '../intents/key-pattern';
import { WriteIntent } from '../intents/types';
import { keyArnOfReference } from '../model/key-lookup';
import { PolicyRegistry } from '../model/policy-registry';
import { AppModel, BucketModel, PolicyDoc, RoleModel } from '../model/types';
import { clausesOf, keysReadByAll, policiesOf, requestTagKeysIn } from '../request/policy-clauses';
import { objectArn, S3RequestInput } from '../request/s3-request';
import { tlsVersionValue } from '../request/tls-version';

/**
 * Everything the gates of one write intent read, worked out once before any of them runs: the context providers
 * (network path, ABAC, the access point route), the policy set and the S3 request. The gates in gates/ read the
 * `GateContext` part; the IAM steps (s3-step.ts, access-point-step.ts, kms-step.ts) read the rest.
 */
export interface IntentContext extends GateContext {
  readonly intent: WriteIntent;
  readonly registry: PolicyRegistry;
  /** How the S3 step names things (the KMS and access point steps start from it). */
  readonly step: StepContext;
  /** The layers that authorize the PutObject (identity, bucket, boundary, SCPs, RCPs). */
  readonly policies: PolicySet;
  /** The object ARN written (symbolic key). */
  readonly objectArn: string;
  /** The S3 request as the function sends it. */
  readonly request: S3RequestInput;
  /** The network variants each S3 action is evaluated under (one per subnet path when they differ). */
  readonly variants: readonly (NetworkVariant | undefined)[];
  /** The write through an access point, when the profile names one. */
  readonly accessPoint?: AccessPointRoute;
  /** The PutObject on the bucket: the request and naming of the bucket side (an access point's, when it has one). */
  readonly bucketSide: { readonly request: S3RequestInput; readonly step: StepContext };
  /** The bucket's ABAC state: the tag keys in the request, and notes for the causes they explain. */
  readonly abac: AbacContextFragment;
  /** The `s3:TlsVersion` note, when the policies test it. */
  readonly tlsNote?: string;
  /** Every policy on the write's way the policy set does not hold (VPC endpoints, access points). */
  readonly pathPolicies: readonly Policy[];
}

/** The context of one intent whose bucket and role are known. */
export function intentContext(intent: WriteIntent, bucket: BucketModel, role: RoleModel, model: AppModel,
  environment: AnalysisEnvironment, reach: ReadonlyMap<BucketModel, readonly RoleModel[]>): IntentContext {
  const { fn, profile } = intent;
  const registry = new PolicyRegistry();
  const show = (v: string) => readable(v, model.names);
  const key = symbolicKey(intent.requestKeyPattern ?? intent.keyPattern);
  const docs = policyDocs(role, bucket);
  const abac = bucketAbacContext({
    bucket: bucketResource(bucket),
    policies: docs.filter((d) => d.document !== undefined).map((d) => ({ location: d.source.location, document: d.document })),
  });
  const network = fn.vpc ? decideNetworkPath({
    functionLocation: fn.display, vpcConfig: fn.vpcConfig, resources: model.network.resources, bucketRegion: bucket.region,
  }) : undefined;
  const step: StepContext = {
    kind: 's3',
    action: 's3:PutObject',
    subject: `${fn.display} (role ${role.display}) writing ${bucket.display} keys ${intent.keyPattern}`,
    roleDisplay: role.display,
    roleArn: show(role.arn),
    resourceArn: show(`${bucket.arn}/${intent.keyPattern}`),
    bucketDisplay: bucket.display,
    keyPattern: intent.keyPattern,
    profileExact: intent.profileExact,
    // Read only to explain a denial: a list of every other role per write would cost F·B·F in a grant matrix.
    otherRolesGranting: () => (reach.get(bucket) ?? []).filter((r) => r !== role).map((r) => r.display),
    registry,
    identityPolicies: role.identity.map((d) => registry.policy(d)),
    show,
  };
  const policies = s3PolicySet(role, bucket, environment, registry);
  // Every layer's clauses, those of every endpoint and access point the write may pass through included: a key
  // only an SCP or an endpoint policy tests is as open as one the bucket policy tests.
  const onTheWay = pathPolicies(network, model);
  const clauses = clausesOf([...policiesOf(policies), ...onTheWay]);
  const tls = tlsVersionValue(clauses);
  const keysRead = keysReadByAll(clauses);
  const request: S3RequestInput = {
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
  const accessPoint = typeof profile.accessPoint === 'string'
    ? accessPointRoute(profile.accessPoint, { fn, role, bucket, model, request, network, step })
    : undefined;
  return {
    intent,
    fn,
    role,
    bucket,
    profile,
    model,
    environment,
    network,
    keysRead,
    registry,
    step,
    policies,
    objectArn: objectArn(bucket, key),
    request,
    variants: networkVariants(network),
    accessPoint,
    bucketSide: accessPoint?.bucketSide ?? { request, step },
    abac,
    tlsNote: tls.note,
    pathPolicies: onTheWay,
  };
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
  return keyArnOfReference(model.keys, ref);
}
