import type { IntentContext } from './intent-context';
import { networkVariants, s3ActionOutcomes } from './s3-step';
import { globMatch } from '../../iam/match/glob';
import { ResourceEntry } from '../cfn/assembly-index';
import { StepContext } from '../findings/step-context';
import { AccessPointResult, checkAccessPoint, fromGate, Gate } from '../gates';
import { NetworkPathResult } from '../gates/network-path';
import { sourceOf } from '../model/helpers';
import { AppModel, BucketModel, FunctionModel, PolicySource, RoleModel } from '../model/types';
import { S3RequestInput } from '../request/s3-request';
import { StepOutcome } from '../step-outcome';

/**
 * A write through an S3 access point (the profile's `accessPoint`): "both the access point and the underlying
 * bucket must permit the request" (S3 User Guide, "Configuring IAM policies for using access points",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html). The access point gate
 * identifies it and lists the two authorizations (`accessPointRoute`, a context provider: the PutObject step
 * evaluates the bucket side with its keys); the gate below runs the access point's:
 * - the access point's: identity policies and the access point policy, on `<ap ARN>/object/<key>`;
 * - the bucket's: the usual PutObject with `s3:DataAccessPointArn/Account` in the context. Whether the bucket side
 *   needs its own grant depends on delegation, so a missing Allow there is 'unknown', while a Deny still denies.
 */
export interface AccessPointRoute {
  readonly name: string;
  readonly result: AccessPointResult;
  /** The bucket side of the write: the request with the access point's keys, and how its step names things. */
  readonly bucketSide?: { readonly request: S3RequestInput; readonly step: StepContext };
  /** The app's access points by construct path: where a policy of one lives, so a remediation can change it there. */
  readonly entries?: ReadonlyMap<string, ResourceEntry>;
}

export interface AccessPointFacts {
  readonly fn: FunctionModel;
  readonly role: RoleModel;
  readonly bucket: BucketModel;
  readonly model: AppModel;
  readonly request: S3RequestInput;
  readonly network: NetworkPathResult | undefined;
  readonly step: StepContext;
}

/** The access point gate's answer for the write, and the bucket side's request. */
export function accessPointRoute(accessPoint: string, facts: AccessPointFacts): AccessPointRoute {
  const { fn, role, bucket, model, request, network, step } = facts;
  const result: AccessPointResult = checkAccessPoint({
    accessPoint,
    accessPoints: model.network.accessPoints.map((ap) => {
      const resolver = model.resolverFor(ap.entry);
      return {
        location: ap.display,
        type: ap.entry.type,
        properties: ap.properties,
        arn: resolver.resolveString({ 'Fn::GetAtt': [ap.entry.logicalId, 'Arn'] }),
        account: resolver.env.account,
        region: resolver.env.region,
      };
    }),
    bucket: { location: bucket.display, name: bucket.name, account: bucket.account },
    keyPattern: request.key,
    region: bucket.region,
    account: fn.account,
    network,
    acl: request.profile.acl,
  });
  const entries = new Map(model.network.accessPoints.map((ap) => [ap.display, ap.entry]));
  const bucketAuth = result.authorizations.find((auth) => auth.layer === 'bucket');
  if (!bucketAuth) return { name: accessPoint, result, entries };
  // The bucket policy is evaluated with the access point's keys (s3:DataAccessPointArn, …Account, …NetworkOrigin),
  // so a delegation in it decides. What it leaves is whether the role's identity policies also count on the
  // bucket side, which only matters in the bucket's own account: across accounts only the bucket policy can
  // allow, and its missing Allow is conclusive (S3 User Guide, "Configuring IAM policies for using access points":
  // access point permissions are effective only if the bucket also allows, by delegating or by its own statements;
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html).
  const sameAccountMaybe = globMatch(role.account, bucket.account, { wildcards: false }) !== 'false';
  return {
    name: accessPoint,
    result,
    entries,
    bucketSide: {
      request: { ...request, extraContext: bucketAuth.context },
      step: sameAccountMaybe
        ? { ...step, implicitDenyInconclusive: 'the write goes through an access point, and whether the role\'s own policies also count on the bucket side is not documented' }
        : step,
    },
  };
}

/** The gate: the access point gate's own outcomes, and the access point's authorization run with the IAM evaluator. */
export const accessPointGate: Gate<IntentContext> = {
  name: 'write through an S3 access point',
  outcomes: (c) => (c.accessPoint ? accessPointOutcomes(c.accessPoint, c) : []),
};

function accessPointOutcomes(route: AccessPointRoute, c: IntentContext): StepOutcome[] {
  const { registry, step } = c;
  const accessPoint = route.name;
  const outcomes = route.result.outcomes.map(fromGate);
  for (const auth of route.result.authorizations) {
    if (auth.layer === 'bucket') continue;
    const policy = auth.policy;
    const resource = policy === null || policy === undefined ? undefined
      : 'unknown' in policy
        ? registry.policy({ id: `access point policy ${accessPoint}`, missing: policy.unknown, source: { description: `the policy of access point ${accessPoint}`, location: accessPoint } })
        : registry.policy({
          id: `access point policy ${policy.location}`,
          document: policy.document,
          source: policySource(route, policy.location),
        });
    const apInput = { ...c.request, extraContext: auth.context, resourceOverride: { resource: auth.resource, account: auth.resourceAccount } };
    const apCtx: StepContext = { ...step, resourceArn: step.show(auth.resource), resourceCode: auth.code };
    outcomes.push(...s3ActionOutcomes('s3:PutObject', apInput, { ...c.policies, resource }, networkVariants(c.network), apCtx, registry));
  }
  return outcomes;
}

/** Where an access point's policy lives: its resource in the app's template, so a step can change a statement there. */
function policySource(route: AccessPointRoute, location: string): PolicySource {
  const entry = route.entries?.get(location);
  const description = `the policy of access point ${location}`;
  return entry ? sourceOf(entry, description, 'Properties/Policy') : { description, location, documentPath: 'Properties/Policy' };
}
