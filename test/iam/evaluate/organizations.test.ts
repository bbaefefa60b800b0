import { ALLOW_ALL, ALLOW_PUT, DENY_PUT, policy, policies, putObject } from './fixtures';
import { evaluate } from '../../../src/iam';

// Organizations "SCP evaluation" / "RCP evaluation" and IAM "Policy evaluation logic" steps 2–3
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html): an Allow is needed at
// every level from the root to the account; a Deny at any level denies; RCPFullAWSAccess is attached everywhere.
const identity = [policy('identity', ALLOW_PUT)];
const fullAccess = () => policy('FullAWSAccess', ALLOW_ALL);
const ec2Only = () => policy('Ec2Only', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' });

describe('service control policies', () => {
  test('no SCP levels (no organisation, or the management account): not limited', () => {
    expect(evaluate(putObject(), policies({ identity })).outcome).toBe('allow');
    expect(evaluate(putObject(), policies({ identity, serviceControlPolicies: [] })).outcome).toBe('allow');
  });

  test('an Allow at every level allows', () => {
    const d = evaluate(putObject(), policies({ identity, serviceControlPolicies: [[fullAccess()], [fullAccess()], [fullAccess()]] }));
    expect(d.outcome).toBe('allow');
  });

  test('one OU level without a matching Allow denies implicitly, though root and account allow', () => {
    const d = evaluate(putObject(), policies({ identity, serviceControlPolicies: [[fullAccess()], [ec2Only()], [fullAccess()]] }));
    expect(d.outcome).toBe('implicit-deny');
    expect(d.blockedBy).toEqual(['scp']);
  });

  test('a level with no policy attached has no Allow', () => {
    expect(evaluate(putObject(), policies({ identity, serviceControlPolicies: [[fullAccess()], []] })).outcome).toBe('implicit-deny');
  });

  test('an SCP Allow never grants by itself: the identity policy must still allow', () => {
    const d = evaluate(putObject(), policies({ identity: [], serviceControlPolicies: [[fullAccess()]] }));
    expect(d.outcome).toBe('implicit-deny');
    expect(d.blockedBy).toEqual(['identity']);
  });

  test('a Deny at the account level wins over Allows at every level', () => {
    const d = evaluate(putObject(), policies({ identity, serviceControlPolicies: [[fullAccess()], [policy('account', ALLOW_ALL, DENY_PUT)]] }));
    expect(d.outcome).toBe('explicit-deny');
    expect(d.blockedBy).toEqual(['scp']);
  });
});

describe('resource control policies', () => {
  const denyPut = { ...DENY_PUT, Principal: '*' };

  test('RCPFullAWSAccess is implied: levels with no RCP of our own still allow', () => {
    expect(evaluate(putObject(), policies({ identity, resourceControlPolicies: [[], [], []] })).outcome).toBe('allow');
  });

  test('an RCP Deny at any level denies; removing it allows', () => {
    const denying = evaluate(putObject(), policies({ identity, resourceControlPolicies: [[], [policy('perimeter', denyPut)]] }));
    expect(denying.outcome).toBe('explicit-deny');
    expect(denying.blockedBy).toEqual(['rcp']);
    const otherAction = { ...denyPut, Action: 's3:DeleteObject' };
    expect(evaluate(putObject(), policies({ identity, resourceControlPolicies: [[], [policy('perimeter', otherAction)]] })).outcome).toBe('allow');
  });

  test('an RCP never grants: identity must still allow', () => {
    const grant = { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' };
    expect(evaluate(putObject(), policies({ resourceControlPolicies: [[policy('rcp', grant)]] })).outcome).toBe('implicit-deny');
  });
});
