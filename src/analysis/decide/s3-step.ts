import { safeEvaluate } from './evaluator';
import type { IntentContext } from './intent-context';
import { ContextValue, PolicySet } from '../../iam/model';
import { decisionOutcomes } from '../findings/decision-causes';
import { StepContext } from '../findings/step-context';
import { Gate, impliedActions, NetworkPathResult, VpcEndpointUse } from '../gates';
import { PolicyRegistry } from '../model/policy-registry';
import { buildS3Request, S3RequestInput } from '../request/s3-request';
import { combineCandidates, StepOutcome, worst } from '../step-outcome';

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

/**
 * The gate: s3:PutObject on the bucket (its bucket side, for a write through an access point), per network path.
 * When the default path is denied but every subnet can also reach S3 through an interface endpoint at its own
 * DNS name (private DNS off), and that path is allowed, the write works if the code uses the endpoint's name: the
 * deny becomes conditional on it (S3 User Guide, "AWS PrivateLink for Amazon S3",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html), never a DENY the
 * code could avoid.
 */
export const putObjectGate: Gate<IntentContext> = {
  name: 's3:PutObject authorization',
  outcomes: (c) => {
    const { request, step } = c.bucketSide;
    const outcomes = s3ActionOutcomes('s3:PutObject', request, c.policies, c.variants, step, c.registry);
    return optInAlternative(outcomes, c.network, (variant) =>
      s3ActionOutcomes('s3:PutObject', request, c.policies, [variant], step, c.registry));
  },
};

function optInAlternative(outcomes: StepOutcome[], network: NetworkPathResult | undefined,
  evaluate: (variant: NetworkVariant) => StepOutcome[]): StepOutcome[] {
  if (!network || worst(outcomes) !== 'deny') return outcomes;
  const alternatives = network.subnets.map((subnet) => subnet.alternative);
  if (alternatives.length === 0 || alternatives.some((a) => a === undefined)) return outcomes;
  const allowed = alternatives.every((a) => worst(evaluate({
    context: a!.context, absentKeys: a!.absentKeys, endpoints: a!.endpoint ? [a!.endpoint] : [],
  })) === 'pass');
  if (!allowed) return outcomes;
  const via = alternatives[0]!;
  return outcomes.map((o) => (o.result !== 'deny' || !o.cause ? o : {
    ...o,
    result: 'conditional' as const,
    cause: { ...o.cause, message: `${o.cause.message} It is allowed only if ${via.requires}: ${via.reason}` },
    fix: via.fix ?? o.fix,
  }));
}

/**
 * The gate: the actions besides s3:PutObject that the request's features imply (the contract's table), each
 * evaluated like the PutObject. An action the write does not need (abort of a failed multipart upload) is worth a
 * note, never a verdict.
 */
export const impliedActionsGate: Gate<IntentContext> = {
  name: 'actions the request headers imply',
  outcomes: (c) => impliedActions(c.profile).flatMap((extra) => {
    const { request, step } = c.bucketSide;
    const outcomes = s3ActionOutcomes(extra.action, request, c.policies, c.variants, { ...step, kind: 'extra', action: extra.action, extra }, c.registry);
    return extra.required ? outcomes : outcomes.map(asNote);
  }),
};

function asNote(o: StepOutcome): StepOutcome {
  if (o.result === 'pass') return o;
  return { result: 'pass', notes: [`${o.cause?.message ?? ''} ${o.fix ?? ''}`.trim()] };
}
