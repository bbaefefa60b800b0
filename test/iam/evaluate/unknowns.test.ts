import { ALLOW_PUT, DENY_PUT, grantTo, identityAllows, policy, policies, putObject, ROLE_ARN } from './fixtures';
import { evaluate } from '../../../src/iam';

// Verdict mapping: DENIED only when a Deny certainly applies or an Allow is certainly missing;
// ALLOWED only when an Allow path certainly holds and no Deny may apply; otherwise unknown, with the reason.
const denyOutsideEndpoint = { Sid: 'OnlyViaEndpoint', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } };
const unknownPath = { 'aws:SecureTransport': 'true', 'aws:SourceVpce': { unknown: 'the function\'s network path is not known' } };

describe('unknown layers', () => {
  test.each([
    ['permissionsBoundary', 'boundary'],
    ['sessionPolicy', 'session'],
    ['resource', 'resource'],
    ['serviceControlPolicies', 'scp'],
    ['resourceControlPolicies', 'rcp'],
  ] as const)('an unknown %s makes an otherwise allowed write unknown, naming it', (field, layer) => {
    const d = evaluate(putObject(), policies({ identity: [identityAllows()], [field]: { unknownPolicy: 'not given' } }));
    expect(d.outcome).toBe('unknown');
    expect(d.blockedBy).toContain(layer);
    expect(d.dependsOn).toEqual(expect.arrayContaining([expect.objectContaining({ layer, policyId: 'not given' })]));
  });

  test('an unknown layer does not hide a definite Deny elsewhere', () => {
    const d = evaluate(putObject(), policies({ identity: [policy('id', ALLOW_PUT, DENY_PUT)], permissionsBoundary: { unknownPolicy: 'external' } }));
    expect(d.outcome).toBe('explicit-deny');
  });

  test('an unknown boundary with no identity Allow at all is still a deny', () => {
    const d = evaluate(putObject(), policies({ permissionsBoundary: { unknownPolicy: 'external' } }));
    expect(d.outcome).toBe('implicit-deny');
    expect(d.blockedBy).toEqual(['identity']);
  });
});

describe('unknown conditions', () => {
  test('a Deny that may apply makes the answer unknown, naming the context key', () => {
    const d = evaluate(putObject({ context: unknownPath }), policies({ identity: [identityAllows()], resource: policy('bucket', denyOutsideEndpoint) }));
    expect(d.outcome).toBe('unknown');
    expect(d.blockedBy).toEqual(['resource']);
    expect(d.dependsOn).toEqual([expect.objectContaining({ layer: 'resource', key: 'aws:SourceVpce', statement: expect.objectContaining({ sid: 'OnlyViaEndpoint' }) })]);
  });

  test('the same Deny with the key known either way: allowed through the endpoint, denied without', () => {
    const set = policies({ identity: [identityAllows()], resource: policy('bucket', denyOutsideEndpoint) });
    expect(evaluate(putObject({ context: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }), set).outcome).toBe('allow');
    expect(evaluate(putObject({ context: {} }), set).outcome).toBe('explicit-deny');
  });

  test('a Deny that may apply does not change a certain implicit deny', () => {
    const d = evaluate(putObject({ context: unknownPath }), policies({ resource: policy('bucket', denyOutsideEndpoint) }));
    expect(d.outcome).toBe('implicit-deny');
    expect(d.blockedBy).toEqual(['identity']);
    expect(d.dependsOn).toEqual([expect.objectContaining({ key: 'aws:SourceVpce' })]);
  });

  test('an Allow that may apply is unknown alone, and irrelevant next to a certain Allow', () => {
    const maybe = policy('bucket', { ...grantTo({ AWS: ROLE_ARN }), Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } });
    const alone = evaluate(putObject({ context: unknownPath }), policies({ resource: maybe }));
    expect(alone.outcome).toBe('unknown');
    expect(alone.dependsOn).toEqual([expect.objectContaining({ key: 'aws:SourceVpce' })]);
    const withIdentity = evaluate(putObject({ context: unknownPath }), policies({ resource: maybe, identity: [identityAllows()] }));
    expect(withIdentity.outcome).toBe('allow');
    expect(withIdentity.dependsOn).toEqual([]);
  });
});
