import { ACCOUNT, ALLOW_ALL, grantTo, identityAllows, policy, policies, putObject, ROLE_ARN, SESSION_ARN } from './fixtures';
import { evaluate } from '../../../src/iam';
import { Policy, RequestPrincipal } from '../../../src/iam/model';

// The role-ARN rule, from IAM "Policy evaluation logic" (2023,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html) and "Permissions boundaries
// for IAM entities" (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html): in
// one account, which limits a resource-policy Allow escapes depends on the principal it names.
//   session ARN / user ARN / "*": not limited by identity, boundary or session policy;
//   role ARN: not limited by identity, but limited by boundary and session policy;
//   account: delegates — identity, boundary and session policy all needed.
const ec2OnlyBoundary = (): Policy => policy('Boundary', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' });
const ec2OnlySessionPolicy = (): Policy => policy('SessionPolicy', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' });
const bucketGranting = (principal: unknown): Policy => policy('BucketPolicy', grantTo(principal));

describe('the role-ARN rule with a permissions boundary that does not allow s3', () => {
  test('bucket policy names the session ARN: allowed, the boundary does not limit it', () => {
    const d = evaluate(putObject(), policies({ resource: bucketGranting({ AWS: SESSION_ARN }), permissionsBoundary: ec2OnlyBoundary() }));
    expect(d.outcome).toBe('allow');
    expect(d.decisive).toEqual([expect.objectContaining({ layer: 'resource', policyId: 'BucketPolicy' })]);
  });

  test('bucket policy names "*": allowed, the boundary does not limit it', () => {
    expect(evaluate(putObject(), policies({ resource: bucketGranting('*'), permissionsBoundary: ec2OnlyBoundary() })).outcome).toBe('allow');
  });

  test('"*" with an aws:PrincipalArn condition naming the role is not limited by the boundary (IAM "Principal" element)', () => {
    const withArn = (arn: string) => policy('BucketPolicy', { ...grantTo('*'), Condition: { ArnEquals: { 'aws:PrincipalArn': arn } } });
    const granted = evaluate(putObject(), policies({ resource: withArn(ROLE_ARN), permissionsBoundary: ec2OnlyBoundary() }));
    expect(granted.outcome).toBe('allow');
    const otherRole = evaluate(putObject(), policies({ resource: withArn(`arn:aws:iam::${ACCOUNT}:role/Other`), permissionsBoundary: ec2OnlyBoundary() }));
    expect(otherRole.outcome).toBe('implicit-deny');
  });

  test('bucket policy names the role ARN: denied by the boundary; a boundary that allows → allowed', () => {
    const limited = evaluate(putObject(), policies({ resource: bucketGranting({ AWS: ROLE_ARN }), permissionsBoundary: ec2OnlyBoundary() }));
    expect(limited.outcome).toBe('implicit-deny');
    expect(limited.blockedBy).toEqual(['boundary']);
    const open = evaluate(putObject(), policies({ resource: bucketGranting({ AWS: ROLE_ARN }), permissionsBoundary: policy('Boundary', ALLOW_ALL) }));
    expect(open.outcome).toBe('allow');
  });

  test('bucket policy names the role ARN, no boundary at all: allowed without any identity policy', () => {
    expect(evaluate(putObject(), policies({ resource: bucketGranting({ AWS: ROLE_ARN }) })).outcome).toBe('allow');
  });

  test('bucket policy names both the role and the session: the session entry grants directly', () => {
    const d = evaluate(putObject(), policies({ resource: bucketGranting({ AWS: [ROLE_ARN, SESSION_ARN] }), permissionsBoundary: ec2OnlyBoundary() }));
    expect(d.outcome).toBe('allow');
  });

  test('bucket policy names the account: delegation, so the identity policy must allow', () => {
    const account = bucketGranting({ AWS: `arn:aws:iam::${ACCOUNT}:root` });
    const noIdentity = evaluate(putObject(), policies({ resource: account }));
    expect(noIdentity.outcome).toBe('implicit-deny');
    expect(noIdentity.blockedBy).toEqual(['identity']);
    expect(evaluate(putObject(), policies({ resource: account, identity: [identityAllows()] })).outcome).toBe('allow');
  });

  test('bucket policy names the account, identity allows, boundary does not: denied by the boundary', () => {
    const set = { resource: bucketGranting({ AWS: ACCOUNT }), identity: [identityAllows()], permissionsBoundary: ec2OnlyBoundary() };
    const d = evaluate(putObject(), policies(set));
    expect(d.outcome).toBe('implicit-deny');
    expect(d.blockedBy).toEqual(['boundary']);
  });

  test('identity allows but the boundary does not: denied "because no permissions boundary allows"', () => {
    const d = evaluate(putObject(), policies({ identity: [identityAllows()], permissionsBoundary: ec2OnlyBoundary() }));
    expect(d.outcome).toBe('implicit-deny');
    expect(d.blockedBy).toEqual(['boundary']);
  });
});

describe('the role-ARN rule with a session policy that does not allow s3', () => {
  test('role ARN: denied by the session policy; session ARN: allowed', () => {
    const byRole = evaluate(putObject(), policies({ resource: bucketGranting({ AWS: ROLE_ARN }), sessionPolicy: ec2OnlySessionPolicy() }));
    expect(byRole.outcome).toBe('implicit-deny');
    expect(byRole.blockedBy).toEqual(['session']);
    const bySession = evaluate(putObject(), policies({ resource: bucketGranting({ AWS: SESSION_ARN }), sessionPolicy: ec2OnlySessionPolicy() }));
    expect(bySession.outcome).toBe('allow');
  });

  test('identity allows, session policy does not: denied "because no session policy allows"; no session policy → allowed', () => {
    const limited = evaluate(putObject(), policies({ identity: [identityAllows()], sessionPolicy: ec2OnlySessionPolicy() }));
    expect(limited.outcome).toBe('implicit-deny');
    expect(limited.blockedBy).toEqual(['session']);
    expect(evaluate(putObject(), policies({ identity: [identityAllows()] })).outcome).toBe('allow');
  });
});

describe('IAM users', () => {
  const user: RequestPrincipal = { kind: 'User', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, account: ACCOUNT };
  test('a bucket policy naming the user ARN grants despite a boundary (role-ARN rule: IAM user ARN row)', () => {
    const named = policies({ resource: bucketGranting({ AWS: user.arn }), permissionsBoundary: ec2OnlyBoundary() });
    const d = evaluate(putObject({ principal: user }), named);
    expect(d.outcome).toBe('allow');
    const other = evaluate(putObject({ principal: user }), policies({ resource: bucketGranting({ AWS: `arn:aws:iam::${ACCOUNT}:user/bob` }), permissionsBoundary: ec2OnlyBoundary() }));
    expect(other.outcome).toBe('implicit-deny');
  });
});

describe('NotPrincipal with Deny and a permissions boundary (IAM "Permissions boundaries for IAM entities")', () => {
  // "The NotPrincipal element with a Deny effect will always deny any IAM principal that has a permissions
  // boundary policy attached, regardless of the values specified in the NotPrincipal element."
  const denyAllButUs = policy('BucketPolicy', {
    Sid: 'DenyOthers', Effect: 'Deny', NotPrincipal: { AWS: [ROLE_ARN, SESSION_ARN, `arn:aws:iam::${ACCOUNT}:root`] }, Action: 's3:*', Resource: '*',
  });

  test('without a boundary the listed role is excluded from the Deny', () => {
    expect(evaluate(putObject(), policies({ identity: [identityAllows()], resource: denyAllButUs })).outcome).toBe('allow');
  });

  test('with a boundary (even one allowing everything) the Deny applies', () => {
    const d = evaluate(putObject(), policies({ identity: [identityAllows()], resource: denyAllButUs, permissionsBoundary: policy('Boundary', ALLOW_ALL) }));
    expect(d.outcome).toBe('explicit-deny');
    expect(d.decisive).toEqual([expect.objectContaining({ layer: 'resource', sid: 'DenyOthers' })]);
  });

  test('with a boundary whose content is unknown, the Deny still applies', () => {
    const d = evaluate(putObject(), policies({ identity: [identityAllows()], resource: denyAllButUs, permissionsBoundary: { unknownPolicy: 'cdk-hnb659fds-permissions-boundary' } }));
    expect(d.outcome).toBe('explicit-deny');
  });

  test('a principal that is not listed is denied with or without a boundary', () => {
    const stranger = policy('BucketPolicy', { Effect: 'Deny', NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Admin` }, Action: 's3:*', Resource: '*' });
    expect(evaluate(putObject(), policies({ identity: [identityAllows()], resource: stranger })).outcome).toBe('explicit-deny');
  });
});
