import { ACCOUNT, BUCKET_ARN, identityAllows, OTHER_ACCOUNT, policy, policies, putObject, ROLE_ARN, SESSION_ARN } from './fixtures';
import { evaluate } from '../../../src/iam';
import { Policy } from '../../../src/iam/model';

// IAM User Guide, "AWS JSON policy elements: NotPrincipal"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html): with Deny, AWS
// may evaluate the account, then the role, then the session; the caller escapes the Deny only if every level is
// listed. The page's examples (2023 text): [user/Bob, root] denies "all principals except the user named Bob";
// [assumed-role session, role, root] exempts that session.
const ACCOUNT_ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const OTHER_ROLE = `arn:aws:iam::${ACCOUNT}:role/OtherFnRole`;

/** A bucket policy that grants the write to the role and denies it to everyone but `listed`. */
function bucketPolicy(...listed: string[]): Policy {
  return policy('BucketPolicy',
    { Sid: 'Grant', Effect: 'Allow', Principal: { AWS: ROLE_ARN }, Action: 's3:PutObject', Resource: `${BUCKET_ARN}/*` },
    { Sid: 'OnlyListed', Effect: 'Deny', NotPrincipal: { AWS: listed }, Action: 's3:PutObject', Resource: `${BUCKET_ARN}/*` });
}
const decide = (...listed: string[]) => evaluate(putObject(), policies({ identity: [identityAllows()], resource: bucketPolicy(...listed) }));

describe('Deny + NotPrincipal in a bucket policy: which listings exempt the Lambda session', () => {
  test('another function\'s role and the account: the writer is denied (the account does not exempt its principals)', () => {
    const d = decide(OTHER_ROLE, ACCOUNT_ROOT);
    expect(d.outcome).toBe('explicit-deny');
    expect(d.decisive).toEqual([expect.objectContaining({ layer: 'resource', sid: 'OnlyListed' })]);
  });

  test('the account ID alone: denied; the documented [session, role, account]: allowed', () => {
    expect(decide(ACCOUNT).outcome).toBe('explicit-deny');
    expect(decide(SESSION_ARN, ROLE_ARN, ACCOUNT_ROOT).outcome).toBe('allow');
  });

  test('the role and the account without the session: denied (Knowledge Center: "you must list the role session name")', () => {
    const d = decide(ROLE_ARN, ACCOUNT_ROOT);
    expect(d.outcome).toBe('explicit-deny');
    expect(d.decisive).toEqual([expect.objectContaining({ layer: 'resource', sid: 'OnlyListed' })]);
  });

  test('the session and the account without the role: unknown, and the report says why', () => {
    const d = decide(SESSION_ARN, ACCOUNT_ROOT);
    expect(d.outcome).toBe('unknown');
    expect(d.dependsOn).toEqual([expect.objectContaining({ layer: 'resource', reason: expect.stringMatching(/NotPrincipal.*might/) })]);
  });

  test('the session and the account without the role: unknown ("missing the ARN of the role … might … deny")', () => {
    expect(decide(SESSION_ARN, ACCOUNT_ROOT).outcome).toBe('unknown');
  });

  test('the session (with or without the role) but not the account: unknown ("might deny access to the entire account")', () => {
    expect(decide(SESSION_ARN, ROLE_ARN).outcome).toBe('unknown');
    expect(decide(SESSION_ARN).outcome).toBe('unknown');
    expect(decide(ROLE_ARN).outcome).toBe('explicit-deny');
  });

  test('nothing of the caller listed, another account only: denied', () => {
    expect(decide(`arn:aws:iam::${OTHER_ACCOUNT}:root`).outcome).toBe('explicit-deny');
  });

  test('an open NotPrincipal never turns a write that nothing allows into an allow', () => {
    const noGrant = policy('BucketPolicy', { Effect: 'Deny', NotPrincipal: { AWS: [SESSION_ARN, ACCOUNT_ROOT] }, Action: 's3:PutObject', Resource: `${BUCKET_ARN}/*` });
    expect(evaluate(putObject(), policies({ resource: noGrant })).outcome).toBe('implicit-deny');
  });
});

describe('Deny + NotPrincipal for an IAM user (the docs\' "Bob" example)', () => {
  const bob = { kind: 'User' as const, arn: `arn:aws:iam::${ACCOUNT}:user/Bob`, account: ACCOUNT };
  const alice = { ...bob, arn: `arn:aws:iam::${ACCOUNT}:user/Alice` };
  const onlyBob = policy('BucketPolicy',
    { Sid: 'Grant', Effect: 'Allow', Principal: { AWS: ACCOUNT_ROOT }, Action: 's3:PutObject', Resource: `${BUCKET_ARN}/*` },
    { Sid: 'OnlyBob', Effect: 'Deny', NotPrincipal: { AWS: [bob.arn, ACCOUNT_ROOT] }, Action: 's3:*', Resource: `${BUCKET_ARN}/*` });
  const userAllows = () => policy('UserPolicy', { Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET_ARN}/*` });

  test('Bob is exempt; Alice, in the same account, is denied', () => {
    expect(evaluate(putObject({ principal: bob }), policies({ identity: [userAllows()], resource: onlyBob })).outcome).toBe('allow');
    expect(evaluate(putObject({ principal: alice }), policies({ identity: [userAllows()], resource: onlyBob })).outcome).toBe('explicit-deny');
  });
});
