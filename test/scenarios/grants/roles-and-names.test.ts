import { Aws, Fn } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { WriteVerdict } from '../../../src/checker';
import { describeFinding, ENV, expectNotDeny } from '../../support/harness';
import { expectAllow, expectNotDenied, scenario } from '../../support/scenario';

// Role shapes and bucket names as users write them: names built from pseudo parameters on one side and Fn::Sub on
// the other, AWS managed policies, roles and policies imported by ARN. Whatever the templates do not hold (an
// imported role's other policies, a customer managed policy outside the app, an AWS managed policy not in the
// bundled table) is unknown: never a reason to DENY.

/** The default bucket and function, the role given these AWS managed policies, the write declared. */
function withAwsManaged(grantPut: boolean, ...names: string[]) {
  const s = scenario().withBucket().withWriter();
  if (grantPut) s.grantPut();
  for (const name of names) s.fn.role!.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(name));
  return s.expectWrite().check();
}

/** The default bucket, the function running as a role imported by ARN (not mutable), grantPut, the write declared. */
function withImportedRole(id: string, roleArn: string) {
  const s = scenario().withBucket();
  return s.withWriter({ role: iam.Role.fromRoleArn(s.stack, id, roleArn, { mutable: false }) }).grantPut().expectWrite().check();
}

describe('bucket names built from pseudo parameters (equal values written two ways)', () => {
  test.each([['fixed account', ENV], ['environment-agnostic', undefined]] as const)('%s: Join(AccountId, "-data") vs Sub("${AWS::AccountId}-data"): ALLOW', (_n, env) => {
    const s = scenario({ env: env ?? null }).withBucket({ bucketName: `${Aws.ACCOUNT_ID}-data` }).withWriter();
    s.roleAllows({ actions: ['s3:PutObject'], resources: [Fn.sub('arn:${AWS::Partition}:s3:::${AWS::AccountId}-data/*')] });
    expectAllow(s.expectWrite().check());
  });
});

describe('AWS managed policies and imported roles', () => {
  test('AmazonS3FullAccess on the function\'s role, declared write: ALLOW', () => {
    expect(describeFinding(withAwsManaged(false, 'AmazonS3FullAccess').finding)).toBe('ALLOW [] ');
  });

  test('an AWS managed policy outside the bundled table (PowerUserAccess), declared write: not DENY', () => {
    expectNotDenied(withAwsManaged(false, 'PowerUserAccess'));
  });

  test('a role imported by ARN (mutable: false; its policies are managed elsewhere), declared write: not DENY', () => {
    const outcome = withImportedRole('Platform', 'arn:aws:iam::111111111111:role/platform-lambda');
    expectNotDeny(outcome.finding);
    expect(outcome.finding.verdict).toBe(WriteVerdict.UNKNOWN);
    expect(outcome.error).toBeUndefined();
  });
});

describe('roles and policies the templates do not hold: never DENY', () => {
  test('an imported role (Role.fromRoleArn, mutable: false) with expectWrite: UNKNOWN or ALLOW', () => {
    expectNotDenied(withImportedRole('Existing', 'arn:aws:iam::111111111111:role/platform-writer'));
  });

  test('a customer managed policy imported by ARN is the only possible Allow: UNKNOWN, not DENY', () => {
    const s = scenario().withBucket().withWriter();
    s.fn.role!.addManagedPolicy(iam.ManagedPolicy.fromManagedPolicyArn(s.stack, 'Platform', 'arn:aws:iam::111111111111:policy/platform-s3-writers'));
    const { finding, error } = s.expectWrite().check();
    expect(finding.verdict).toBe(WriteVerdict.UNKNOWN);
    expect(error).toBeUndefined();
  });

  test('AmazonS3FullAccess (AWS managed) is the only Allow: ALLOW or UNKNOWN, not DENY', () => {
    const { finding, error } = withAwsManaged(false, 'AmazonS3FullAccess');
    expect([WriteVerdict.ALLOW, WriteVerdict.UNKNOWN]).toContain(finding.verdict);
    expect(error).toBeUndefined();
  });

  test('grantPut plus the AWS managed AWSDenyAll (Deny *:*): never ALLOW', () => {
    // AWSDenyAll's only statement denies every action; the checker may not bundle it, so DENY or UNKNOWN.
    expect([WriteVerdict.DENY, WriteVerdict.UNKNOWN]).toContain(withAwsManaged(true, 'AWSDenyAll').finding.verdict);
  });

  test('an unknown AWS managed policy (a name not in any table) is the only Allow: UNKNOWN, not DENY', () => {
    const { finding, error } = withAwsManaged(false, 'AmazonFutureServiceFullAccessV9');
    expect(finding.verdict).toBe(WriteVerdict.UNKNOWN);
    expect(error).toBeUndefined();
  });
});
