import { PolicySet } from '../../iam/model';
import { StepContext } from '../findings/step-context';
import { AccessPointResult, checkAccessPoint } from '../gates';
import { fromGate } from './gates';
import { StepOutcome } from '../step-outcome';
import { PolicyRegistry } from '../model/policy-registry';
import { s3ActionOutcomes, networkVariants } from './s3-step';
import { NetworkPathResult } from '../gates/network-path';
import { AppModel, BucketModel, FunctionModel } from '../model/types';
import { S3RequestInput } from '../request/s3-request';

/**
 * A write through an S3 access point (the profile's `accessPoint`): "both the access point and the underlying
 * bucket must permit the request" (S3 User Guide, access-points-policies). The access point gate identifies it
 * and lists the two authorizations; we run them with the IAM evaluator:
 * - the access point's: identity policies and the access point policy, on `<ap ARN>/object/<key>`;
 * - the bucket's: the usual PutObject with `s3:DataAccessPointArn/Account` in the context. Whether the bucket side
 *   needs its own grant depends on delegation, so a missing Allow there is 'unknown', while a Deny still denies.
 */
export function accessPointOutcomes(
  accessPoint: string, fn: FunctionModel, bucket: BucketModel, model: AppModel, requestInput: S3RequestInput,
  policies: PolicySet, network: NetworkPathResult | undefined, ctx: StepContext, registry: PolicyRegistry,
): { outcomes: StepOutcome[]; bucketInput?: S3RequestInput } {
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
    keyPattern: requestInput.key,
    region: bucket.region,
    account: fn.account,
    network,
    acl: requestInput.profile.acl,
  });
  const outcomes = result.outcomes.map(fromGate);
  let bucketInput: S3RequestInput | undefined;
  for (const auth of result.authorizations) {
    if (auth.layer === 'bucket') {
      bucketInput = { ...requestInput, extraContext: auth.context };
      continue;
    }
    const policy = auth.policy;
    const resource = policy === null || policy === undefined ? undefined
      : 'unknown' in policy
        ? registry.policy({ id: `access point policy ${accessPoint}`, missing: policy.unknown, source: { description: `the policy of access point ${accessPoint}`, location: accessPoint } })
        : registry.policy({
          id: `access point policy ${policy.location}`,
          document: policy.document,
          source: { description: `the policy of access point ${policy.location}`, location: policy.location, documentPath: 'Properties/Policy' },
        });
    const apInput = { ...requestInput, extraContext: auth.context, resourceOverride: { resource: auth.resource, account: auth.resourceAccount } };
    const apCtx: StepContext = { ...ctx, resourceArn: ctx.show(auth.resource), resourceCode: auth.code };
    outcomes.push(...s3ActionOutcomes('s3:PutObject', apInput, { ...policies, resource }, networkVariants(network), apCtx, registry));
  }
  return { outcomes, bucketInput };
}
