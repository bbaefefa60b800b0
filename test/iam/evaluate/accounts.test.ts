import {
  ACCOUNT, ALLOW_ALL, ALLOW_PUT, grantTo, identityAllows, OTHER_ACCOUNT, policy, policies, putObject, ROLE_ARN, SESSION_ARN,
} from './fixtures';
import { evaluate } from '../../../src/iam';
import { RequestPrincipal } from '../../../src/iam/model';
import { atom } from '../../../src/iam/symbolic';

// IAM "Policy evaluation logic" (same account: "If either the identity-based policy or the resource-based
// policy within the same account allows the request and the other doesn't, the request is still allowed") and
// "Cross-account policy evaluation logic" (both the trusting and the trusted account must allow),
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html.
const bucketInOtherAccount = putObject({ resourceAccount: OTHER_ACCOUNT });

describe('same account: identity and resource policies form a union', () => {
  test('the identity policy alone allows (no bucket policy)', () => {
    const d = evaluate(putObject(), policies({ identity: [identityAllows()] }));
    expect(d.outcome).toBe('allow');
    expect(d.sameAccount).toBe('true');
    expect(d.decisive).toEqual([expect.objectContaining({ layer: 'identity', sid: 'AllowPut' })]);
  });

  test('the bucket policy alone allows (no identity allow)', () => {
    const d = evaluate(putObject(), policies({ resource: policy('bucket', grantTo({ AWS: ROLE_ARN })) }));
    expect(d.outcome).toBe('allow');
    expect(d.decisive).toEqual([expect.objectContaining({ layer: 'resource', sid: 'Grant' })]);
  });

  test('neither allows: denied "because no identity-based policy allows"', () => {
    const d = evaluate(putObject(), policies({ resource: policy('bucket', grantTo({ AWS: `arn:aws:iam::${ACCOUNT}:role/Other` })) }));
    expect(d.outcome).toBe('implicit-deny');
    expect(d.blockedBy).toEqual(['identity']);
    expect(d.decisive).toEqual([]);
  });
});

describe('cross account: both sides must allow', () => {
  test('identity allows but the bucket has no policy: denied by the resource side', () => {
    const d = evaluate(bucketInOtherAccount, policies({ identity: [identityAllows()] }));
    expect(d.sameAccount).toBe('false');
    expect(d.outcome).toBe('implicit-deny');
    expect(d.blockedBy).toEqual(['resource']);
  });

  test('the bucket policy names the caller\'s account (delegation) and identity allows: allowed', () => {
    const d = evaluate(bucketInOtherAccount, policies({ identity: [identityAllows()], resource: policy('bucket', grantTo({ AWS: `arn:aws:iam::${ACCOUNT}:root` })) }));
    expect(d.outcome).toBe('allow');
    expect(d.decisive.map((r) => r.layer).sort()).toEqual(['identity', 'resource']);
  });

  test('the bucket policy names the role but the identity policy does not allow: denied by identity', () => {
    const d = evaluate(bucketInOtherAccount, policies({ resource: policy('bucket', grantTo({ AWS: ROLE_ARN })) }));
    expect(d.outcome).toBe('implicit-deny');
    expect(d.blockedBy).toEqual(['identity']);
  });

  test('a bucket policy naming the session ARN does not bypass the boundary across accounts (the role-ARN rule is same-account only)', () => {
    const set = { identity: [identityAllows()], resource: policy('bucket', grantTo({ AWS: SESSION_ARN })) };
    const limited = evaluate(bucketInOtherAccount, policies({ ...set, permissionsBoundary: policy('pb', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' }) }));
    expect(limited.outcome).toBe('implicit-deny');
    expect(limited.blockedBy).toEqual(['boundary']);
    expect(evaluate(bucketInOtherAccount, policies({ ...set, permissionsBoundary: policy('pb', ALLOW_ALL) })).outcome).toBe('allow');
  });

  test('a bucket policy naming another account does not let this one in', () => {
    const d = evaluate(bucketInOtherAccount, policies({ identity: [identityAllows()], resource: policy('bucket', grantTo({ AWS: '333333333333' })) }));
    expect(d.outcome).toBe('implicit-deny');
    expect(d.blockedBy).toEqual(['resource']);
  });
});

describe('same account unknown (an account is an atom)', () => {
  const acct = atom('opaque', 'AWS::AccountId');
  const principal: RequestPrincipal = {
    kind: 'AssumedRole', account: acct, arn: `arn:aws:sts::${acct}:assumed-role/FnRole/Fn`, roleArn: `arn:aws:iam::${acct}:role/FnRole`,
  };
  const request = putObject({ principal, resourceAccount: ACCOUNT });

  test('identity allows, no bucket policy: allowed within one account, denied across → unknown', () => {
    const d = evaluate(request, policies({ identity: [identityAllows()] }));
    expect(d.sameAccount).toBe('unknown');
    expect(d.outcome).toBe('unknown');
    expect(d.dependsOn).toEqual([expect.objectContaining({ policyId: '(accounts)' })]);
  });

  test('identity and a bucket policy naming the account both allow: allowed either way', () => {
    const bucket = policy('bucket', grantTo({ AWS: `arn:aws:iam::${acct}:root` }));
    const d = evaluate(request, policies({ identity: [identityAllows()], resource: bucket }));
    expect(d.sameAccount).toBe('unknown');
    expect(d.outcome).toBe('allow');
  });

  test('no identity allow and no bucket policy: denied either way', () => {
    const d = evaluate(request, policies({ identity: [policy('id', { ...ALLOW_PUT, Action: 's3:GetObject' })] }));
    expect(d.outcome).toBe('implicit-deny');
  });

  test('the same opaque account on both sides is the same account', () => {
    const d = evaluate(putObject({ principal, resourceAccount: acct }), policies({ identity: [identityAllows()] }));
    expect(d.sameAccount).toBe('true');
    expect(d.outcome).toBe('allow');
  });
});
