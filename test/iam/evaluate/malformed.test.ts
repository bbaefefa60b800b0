import { ALLOW_PUT, DENY_PUT, grantTo, identityAllows, policy, policies, putObject, ROLE_ARN } from './fixtures';
import { evaluate, parsePolicy } from '../../../src/iam';

// The project's standards: bad input never crashes and never allows; a statement we cannot read may be an Allow
// or a Deny (AWS would reject the document), so it makes its layer 'unknown'.
describe('malformed statements and documents', () => {
  test('a malformed statement alone never allows', () => {
    const d = evaluate(putObject(), policies({ identity: [policy('id', { Effect: 'Allow', Action: 's3:PutObject' })] }));
    expect(d.outcome).toBe('unknown');
    expect(d.dependsOn).toEqual([expect.objectContaining({ layer: 'identity', reason: expect.stringContaining('Resource') })]);
    expect(d.trace).toEqual([expect.objectContaining({ applies: 'unknown', problem: expect.stringContaining('Resource') })]);
  });

  test('a malformed statement next to a valid Allow may be a Deny: unknown; fixed → allowed', () => {
    const broken = { Effect: 'Deny', Action: 's3:PutObject', Resource: '*', Condition: { StringEquals: ['x'] } };
    expect(evaluate(putObject(), policies({ identity: [policy('id', ALLOW_PUT, broken)] })).outcome).toBe('unknown');
    expect(evaluate(putObject(), policies({ identity: [policy('id', ALLOW_PUT)] })).outcome).toBe('allow');
  });

  test('a malformed statement does not hide a definite Deny', () => {
    const d = evaluate(putObject(), policies({ identity: [policy('id', ALLOW_PUT, DENY_PUT, { Effect: 'Sometimes' })] }));
    expect(d.outcome).toBe('explicit-deny');
  });

  test('a malformed statement does not hide a definite implicit deny', () => {
    const d = evaluate(putObject(), policies({ identity: [policy('id', { Effect: 'Deny', Action: '*' })], serviceControlPolicies: [[]] }));
    expect(d.outcome).toBe('implicit-deny');
    expect(d.blockedBy).toContain('scp');
  });

  test('a document with errors makes its layer unknown', () => {
    const broken = parsePolicy({ Version: '2012-10-17' }, 'Broken');
    const d = evaluate(putObject(), policies({ identity: [identityAllows()], permissionsBoundary: broken }));
    expect(d.outcome).toBe('unknown');
    expect(d.dependsOn).toEqual(expect.arrayContaining([expect.objectContaining({ layer: 'boundary', reason: expect.stringContaining('missing Statement') })]));
  });

  test('a Principal in an identity policy is invalid there: unknown', () => {
    const d = evaluate(putObject(), policies({ identity: [policy('id', { ...ALLOW_PUT, Principal: '*' })] }));
    expect(d.outcome).toBe('unknown');
  });

  test('a bucket-policy statement without Principal is invalid: unknown, with it → allowed', () => {
    const { Principal: _omitted, ...noPrincipal } = grantTo({ AWS: ROLE_ARN }) as Record<string, unknown>;
    expect(evaluate(putObject(), policies({ resource: policy('bucket', noPrincipal) })).outcome).toBe('unknown');
    expect(evaluate(putObject(), policies({ resource: policy('bucket', grantTo({ AWS: ROLE_ARN })) })).outcome).toBe('allow');
  });

  test('evaluate never throws, even on input that breaks the contract', () => {
    const d = evaluate(putObject(), { identity: undefined } as never);
    expect(d.outcome).toBe('unknown');
    expect(d.dependsOn[0].reason).toMatch(/evaluation failed/);
  });
});
