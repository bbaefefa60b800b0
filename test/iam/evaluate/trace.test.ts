import { ALLOW_ALL, ALLOW_PUT, grantTo, policy, policies, putObject, ROLE_ARN } from './fixtures';
import { evaluate } from '../../../src/iam';

// The trace and decisive statements let a later layer write S3's enhanced AccessDenied messages (S3
// "Troubleshoot access denied (403 Forbidden) errors": "because no identity-based policy allows", "with an
// explicit deny in a resource-based policy").
describe('decision trace', () => {
  test('statements that applied are listed in evaluation order (RCP, SCP, resource, identity, boundary, session)', () => {
    const d = evaluate(putObject(), policies({
      identity: [policy('identity', ALLOW_PUT)],
      resource: policy('bucket', grantTo({ AWS: ROLE_ARN })),
      permissionsBoundary: policy('boundary', ALLOW_ALL),
      sessionPolicy: policy('session', ALLOW_ALL),
      serviceControlPolicies: [[policy('scp', ALLOW_ALL)]],
      resourceControlPolicies: [[policy('rcp', { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' })]],
    }));
    expect(d.outcome).toBe('allow');
    expect(d.trace.map((t) => t.statement.layer)).toEqual(['rcp', 'scp', 'resource', 'identity', 'boundary', 'session']);
  });

  test('statements that did not apply are left out', () => {
    const d = evaluate(putObject(), policies({ identity: [policy('identity', ALLOW_PUT, { Effect: 'Deny', Action: 'ec2:*', Resource: '*' })] }));
    expect(d.trace).toHaveLength(1);
    expect(d.trace[0].effect).toBe('Allow');
  });

  test('an allow names the statement that granted it; removing it names the layer that failed', () => {
    const allowed = evaluate(putObject(), policies({ identity: [policy('Fn/Role/Policy', ALLOW_PUT)] }));
    expect(allowed.decisive).toEqual([{ layer: 'identity', policyId: 'Fn/Role/Policy', index: 0, sid: 'AllowPut' }]);
    const denied = evaluate(putObject(), policies({ identity: [policy('Fn/Role/Policy', { ...ALLOW_PUT, Action: 's3:GetObject' })] }));
    expect(denied).toMatchObject({ outcome: 'implicit-deny', blockedBy: ['identity'], decisive: [], trace: [] });
  });
});
