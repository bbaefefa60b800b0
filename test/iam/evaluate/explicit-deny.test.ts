import { ALLOW_ALL, ALLOW_PUT, DENY_PUT, grantTo, policy, policies, putObject, ROLE_ARN } from './fixtures';
import { evaluate } from '../../../src/iam';
import { Layer, PolicySet } from '../../../src/iam/model';

// IAM "How AWS enforcement code logic evaluates requests to allow or deny access", step 1 (IAM "Policy
// evaluation logic", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
// "an explicit deny in any of these policies overrides the allow" — SCPs and RCPs, resource-based policies,
// identity-based policies, permissions boundaries, session policies; and VPC endpoint policies (S3
// troubleshoot-403 "VPC endpoint policy").

/** Every layer present, every layer allowing. */
function everyLayerAllows(): PolicySet {
  const everyone = { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' };
  return policies({
    identity: [policy('identity', ALLOW_PUT)],
    resource: policy('bucket', grantTo({ AWS: ROLE_ARN })),
    permissionsBoundary: policy('boundary', ALLOW_ALL),
    sessionPolicy: policy('session', ALLOW_ALL),
    serviceControlPolicies: [[policy('FullAWSAccess', ALLOW_ALL)], [policy('ou', ALLOW_ALL)]],
    resourceControlPolicies: [[], []],
    vpcEndpointPolicies: [policy('vpce', everyone)],
  });
}

const denyWithPrincipal = { ...DENY_PUT, Principal: '*' };
const addDeny: Record<Layer, (s: PolicySet) => PolicySet> = {
  scp: (s) => ({ ...s, serviceControlPolicies: [[policy('FullAWSAccess', ALLOW_ALL)], [policy('ou', ALLOW_ALL, DENY_PUT)]] }),
  rcp: (s) => ({ ...s, resourceControlPolicies: [[], [policy('rcp', denyWithPrincipal)]] }),
  identity: (s) => ({ ...s, identity: [...s.identity, policy('deny-policy', DENY_PUT)] }),
  resource: (s) => ({ ...s, resource: policy('bucket', grantTo({ AWS: ROLE_ARN }), denyWithPrincipal) }),
  boundary: (s) => ({ ...s, permissionsBoundary: policy('boundary', ALLOW_ALL, DENY_PUT) }),
  session: (s) => ({ ...s, sessionPolicy: policy('session', ALLOW_ALL, DENY_PUT) }),
  vpce: (s) => ({ ...s, vpcEndpointPolicies: [policy('vpce', { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }, denyWithPrincipal)] }),
};

describe('explicit deny wins in every layer', () => {
  test('baseline: with every layer allowing, the write is allowed', () => {
    const d = evaluate(putObject(), everyLayerAllows());
    expect(d.outcome).toBe('allow');
    expect(d.blockedBy).toEqual([]);
  });

  test.each(Object.keys(addDeny) as Layer[])('a Deny in the %s layer denies explicitly, and names its statement', (layer) => {
    const d = evaluate(putObject(), addDeny[layer](everyLayerAllows()));
    expect(d.outcome).toBe('explicit-deny');
    expect(d.blockedBy).toEqual([layer]);
    expect(d.decisive).toEqual([expect.objectContaining({ layer, sid: 'DenyPut' })]);
    expect(d.trace.some((t) => t.statement.layer === layer && t.effect === 'Deny' && t.applies === 'true')).toBe(true);
  });

  test('a Deny for another action does not deny (remove the cause → allowed)', () => {
    const otherAction = { ...DENY_PUT, Action: 's3:DeleteObject' };
    const d = evaluate(putObject(), { ...everyLayerAllows(), identity: [policy('identity', ALLOW_PUT, otherAction)] });
    expect(d.outcome).toBe('allow');
  });

  test('a Deny in two layers names both', () => {
    const d = evaluate(putObject(), addDeny.boundary(addDeny.identity(everyLayerAllows())));
    expect(d.outcome).toBe('explicit-deny');
    expect(d.blockedBy).toEqual(['identity', 'boundary']);
  });
});
