import { safeEvaluate } from './evaluator';
import { combineCandidates, StepOutcome } from '../step-outcome';
import { PolicyRegistry } from '../model/policy-registry';
import { ContextValue, PolicySet } from '../../iam/model';
import { decisionOutcomes } from '../findings/decision-causes';
import { StepContext } from '../findings/step-context';
import { NetworkPathResult, VpcEndpointUse } from '../gates';
import { buildS3Request, S3RequestInput } from '../request/s3-request';

/** One way the function's traffic reaches S3: the context keys it sets and the endpoint it passes through. */
export interface NetworkVariant {
  readonly context: Readonly<Record<string, ContextValue>>;
  readonly absentKeys: readonly string[];
  readonly endpoints: readonly VpcEndpointUse[];
}

/**
 * The network variants to evaluate: none for a function outside a VPC (the request builder's default), one per
 * subnet path when the subnets disagree ('mixed': each path is evaluated on its own, so a Deny on one path
 * cannot be taken for a Deny on all).
 */
export function networkVariants(network: NetworkPathResult | undefined): (NetworkVariant | undefined)[] {
  if (!network) return [undefined];
  if (network.path !== 'mixed' || network.subnets.length === 0) {
    return [{ context: network.context, absentKeys: network.absentKeys, endpoints: network.endpoints }];
  }
  return network.subnets.map((s) => ({ context: s.context, absentKeys: s.absentKeys, endpoints: s.endpoint ? [s.endpoint] : [] }));
}

/** Evaluate one S3 action for every network variant, combining as for candidate keys. */
export function s3ActionOutcomes(
  action: string,
  requestInput: S3RequestInput,
  policies: PolicySet,
  variants: readonly (NetworkVariant | undefined)[],
  ctx: StepContext,
  registry: PolicyRegistry,
): StepOutcome[] {
  const perVariant = variants.map((variant) => {
    const request = buildS3Request({ ...requestInput, network: variant }, action);
    const endpointPolicies = (variant?.endpoints ?? []).filter((e) => e.policyDocument !== undefined).map((e) => registry.policy({
      id: `VPC endpoint policy ${e.location}`,
      document: e.policyDocument,
      source: { description: `the policy of VPC endpoint ${e.location}`, location: e.location, documentPath: 'Properties/PolicyDocument' },
    }));
    return decisionOutcomes(safeEvaluate(request, { ...policies, vpcEndpointPolicies: endpointPolicies }), { ...ctx, request });
  });
  return combineCandidates(perVariant, 'the function\'s subnets reach S3 by different paths; each was checked');
}
