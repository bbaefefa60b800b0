import { AuthorizationRequest, Layer, Policy, PolicySet, UnknownLayer } from '../model';
import { TRUE } from '../tri';
import { isAccountless } from './accountless';
import { absentLayer, evaluatePolicy, intersectionOf, isUnknownLayer, LayerVerdict, unionOf, unknownLayer, withLazyTraces } from './layer';
import { PrincipalRule, StatementScope } from './statement';

/** What every layer of a policy set says about one request. */
export interface LayerVerdicts {
  readonly scp: LayerVerdict;
  readonly rcp: LayerVerdict;
  readonly resource: LayerVerdict;
  readonly identity: LayerVerdict;
  readonly boundary: LayerVerdict;
  readonly session: LayerVerdict;
  readonly vpce: LayerVerdict;
}

/** The order of "How AWS enforcement code logic evaluates requests": RCP, SCP, resource, identity, boundary, session; then the endpoint. */
export const EVALUATION_ORDER: readonly (keyof LayerVerdicts)[] = ['rcp', 'scp', 'resource', 'identity', 'boundary', 'session', 'vpce'];

export function evaluateLayers(request: AuthorizationRequest, policies: PolicySet): LayerVerdicts {
  const principalHasBoundary = policies.permissionsBoundary !== undefined;
  const scope = (layer: Layer, principalRule: PrincipalRule): StatementScope => ({ layer, request, principalRule, principalHasBoundary });
  const one = (layer: Layer, rule: PrincipalRule, policy: Policy | UnknownLayer | undefined): LayerVerdict => {
    if (policy === undefined) return absentLayer(layer);
    if (isUnknownLayer(policy)) return unknownLayer(layer, policy);
    return evaluatePolicy(policy, scope(layer, rule));
  };

  const resource = policies.resource === undefined && policies.resourceKind === 'kms'
    // Every KMS key has a key policy; not being given it is not knowing it.
    ? unknownLayer('resource', { unknownPolicy: 'key policy not given' })
    : one('resource', 'required', policies.resource);

  // A caller without an account has no identity-side policies, and no SCP applies to it (accountless.ts).
  const accountless = isAccountless(request.principal);
  return {
    scp: accountless ? levels('scp', undefined, scope('scp', 'forbidden')) : levels('scp', policies.serviceControlPolicies, scope('scp', 'forbidden')),
    rcp: resourceControlPolicies(policies.resourceControlPolicies, scope('rcp', 'everyone-if-absent')),
    resource,
    identity: accountless ? absentLayer('identity') : unionOf('identity', policies.identity.map((p) => evaluatePolicy(p, scope('identity', 'forbidden')))),
    boundary: accountless ? absentLayer('boundary') : one('boundary', 'forbidden', policies.permissionsBoundary),
    session: accountless ? absentLayer('session') : one('session', 'forbidden', policies.sessionPolicy),
    vpce: policies.vpcEndpointPolicies === undefined || policies.vpcEndpointPolicies.length === 0 ? NO_ENDPOINT
      : intersectionOf('vpce', policies.vpcEndpointPolicies.map((p) => evaluatePolicy(p, scope('vpce', 'everyone-if-absent')))),
  };
}

/** No endpoint on the path: what the intersection of no policies is (nothing denies, nothing is missing). */
const NO_ENDPOINT: LayerVerdict = intersectionOf('vpce', []);

const withoutLevels = new Map<Layer, LayerVerdict>();

/** A multi-level layer that is not there (no organization): it allows, as if every level did. One object per layer. */
function noLevels(layer: Layer): LayerVerdict {
  let verdict = withoutLevels.get(layer);
  if (!verdict) {
    verdict = Object.freeze({ ...absentLayer(layer), allow: TRUE });
    withoutLevels.set(layer, verdict);
  }
  return verdict;
}

/**
 * SCPs: an Allow is needed at every level from the root to the account, and a Deny at any level denies
 * (Organizations "SCP evaluation"). No levels at all means no SCPs apply (no organisation, management account).
 */
function levels(layer: Layer, given: readonly (readonly Policy[])[] | UnknownLayer | undefined, scope: StatementScope): LayerVerdict {
  if (given === undefined) return noLevels(layer);
  if (isUnknownLayer(given)) return unknownLayer(layer, given);
  return intersectionOf(layer, given.map((level) => unionOf(layer, level.map((p) => evaluatePolicy(p, scope)))));
}

/**
 * RCPs: like SCPs, but RCPFullAWSAccess is attached at every level and cannot be detached, so every level
 * allows and only a Deny matters (Organizations "RCP evaluation").
 */
function resourceControlPolicies(given: readonly (readonly Policy[])[] | UnknownLayer | undefined, scope: StatementScope): LayerVerdict {
  if (given === undefined) return noLevels('rcp');
  const v = levels('rcp', given, scope);
  return withLazyTraces({
    layer: v.layer,
    present: v.present,
    deny: v.deny,
    allow: TRUE,
    grants: v.grants,
    denyRefs: v.denyRefs,
    allowRefs: v.allowRefs,
    denyUnknowns: v.denyUnknowns,
    allowUnknowns: [],
  }, () => v.traces);
}
