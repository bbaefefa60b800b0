import { ACCOUNT, generateDataKey, KEY_ARN, OTHER_ACCOUNT, policy, policies, ROLE_ARN } from './fixtures';
import { evaluate } from '../../../src/iam';
import { Policy } from '../../../src/iam/model';

// KMS "Key policies in AWS KMS" and "Default key policy": "Unless the key policy explicitly allows it, you
// cannot use IAM policies to allow access to a KMS key"; the statement that names the account
// (arn:aws:iam::A:root) "allows access to the AWS account and enables IAM policies". Cross-account use needs
// the key policy AND an IAM policy in the caller's account ("Allowing users in other accounts to use a KMS key").
const identityAllowsKms = (): Policy => policy('Fn/ServiceRole/DefaultPolicy', { Sid: 'UseKey', Effect: 'Allow', Action: 'kms:GenerateDataKey*', Resource: KEY_ARN });
const enableIam = (account: string) => ({ Sid: 'EnableIamPolicies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' });
const adminOnly = { Sid: 'KeyAdmins', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Admin` }, Action: 'kms:*', Resource: '*' };
const namesRole = { Sid: 'FunctionUsesKey', Effect: 'Allow', Principal: { AWS: ROLE_ARN }, Action: 'kms:GenerateDataKey', Resource: '*' };

describe('KMS key policy, same account', () => {
  test('the key policy enables IAM policies and the identity policy allows: allowed', () => {
    const d = evaluate(generateDataKey(), policies({ resourceKind: 'kms', resource: policy('KeyPolicy', enableIam(ACCOUNT), adminOnly), identity: [identityAllowsKms()] }));
    expect(d.outcome).toBe('allow');
    expect(d.decisive.map((r) => r.sid)).toEqual(['EnableIamPolicies', 'UseKey']);
  });

  test('without the account statement an identity Allow alone does not suffice: denied by the key policy', () => {
    const d = evaluate(generateDataKey(), policies({ resourceKind: 'kms', resource: policy('KeyPolicy', adminOnly), identity: [identityAllowsKms()] }));
    expect(d.outcome).toBe('implicit-deny');
    expect(d.blockedBy).toEqual(['resource']);
  });

  test('the same policies with an ordinary resource policy would allow (same-account union)', () => {
    const d = evaluate(generateDataKey(), policies({ resource: policy('KeyPolicy', adminOnly), identity: [identityAllowsKms()] }));
    expect(d.outcome).toBe('allow');
  });

  test('the key policy enables IAM policies but no identity policy allows: denied by identity', () => {
    const d = evaluate(generateDataKey(), policies({ resourceKind: 'kms', resource: policy('KeyPolicy', enableIam(ACCOUNT)) }));
    expect(d.outcome).toBe('implicit-deny');
    expect(d.blockedBy).toEqual(['identity']);
  });

  test('the key policy names the role: allowed without any identity policy', () => {
    const d = evaluate(generateDataKey(), policies({ resourceKind: 'kms', resource: policy('KeyPolicy', adminOnly, namesRole) }));
    expect(d.outcome).toBe('allow');
    expect(d.decisive).toEqual([expect.objectContaining({ sid: 'FunctionUsesKey' })]);
  });

  test('the account statement only delegates the actions it lists', () => {
    const describeOnly = { ...enableIam(ACCOUNT), Action: 'kms:Describe*' };
    const d = evaluate(generateDataKey(), policies({ resourceKind: 'kms', resource: policy('KeyPolicy', describeOnly), identity: [identityAllowsKms()] }));
    expect(d.outcome).toBe('implicit-deny');
    expect(d.blockedBy).toEqual(['resource']);
  });

  test('a key policy we were not given is unknown, not a deny', () => {
    const d = evaluate(generateDataKey(), policies({ resourceKind: 'kms', identity: [identityAllowsKms()] }));
    expect(d.outcome).toBe('unknown');
    expect(d.dependsOn).toEqual(expect.arrayContaining([expect.objectContaining({ layer: 'resource', reason: expect.stringContaining('key policy') })]));
  });
});

describe('KMS key policy, cross account', () => {
  const foreignKey = generateDataKey({ resource: `arn:aws:kms:us-east-1:${OTHER_ACCOUNT}:key/k`, resourceAccount: OTHER_ACCOUNT });
  const identity = () => policy('Fn/ServiceRole/DefaultPolicy', { Sid: 'UseKey', Effect: 'Allow', Action: 'kms:GenerateDataKey*', Resource: '*' });

  test('the key policy names the caller\'s account and the caller\'s IAM policy allows: allowed', () => {
    const d = evaluate(foreignKey, policies({ resourceKind: 'kms', resource: policy('KeyPolicy', enableIam(OTHER_ACCOUNT), enableIam(ACCOUNT)), identity: [identity()] }));
    expect(d.outcome).toBe('allow');
  });

  test('the key policy names only its own account: denied by the key policy', () => {
    const d = evaluate(foreignKey, policies({ resourceKind: 'kms', resource: policy('KeyPolicy', enableIam(OTHER_ACCOUNT)), identity: [identity()] }));
    expect(d.outcome).toBe('implicit-deny');
    expect(d.blockedBy).toEqual(['resource']);
  });

  test('the key policy names the role itself, but cross account the caller\'s IAM policy must allow too', () => {
    const set = { resourceKind: 'kms' as const, resource: policy('KeyPolicy', namesRole) };
    const noIdentity = evaluate(foreignKey, policies(set));
    expect(noIdentity.outcome).toBe('implicit-deny');
    expect(noIdentity.blockedBy).toEqual(['identity']);
    expect(evaluate(foreignKey, policies({ ...set, identity: [identity()] })).outcome).toBe('allow');
  });
});
