import { Aws, Fn, PermissionsBoundary, Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteAccessChecker, WriteVerdict } from '../../../src/checker';
import { describeFinding, ENV, expectNotDeny, newApp, stackIn, synthWithChecker, verdictFor, writerFunction } from '../../support/harness';

// Role shapes and bucket names as users write them: names built from pseudo parameters on one side and Fn::Sub on
// the other, permissions boundaries from the CDK's Stage option, AWS managed policies, roles imported by ARN.

describe('bucket names built from pseudo parameters (equal values written two ways)', () => {
  test.each([['fixed account', ENV], ['environment-agnostic', undefined]] as const)('%s: Join(AccountId, "-data") vs Sub("${AWS::AccountId}-data"): ALLOW', (_n, env) => {
    const app = newApp();
    const stack = new Stack(app, 'App', env ? { env } : {});
    const bucket = new s3.Bucket(stack, 'Bucket', { bucketName: `${Aws.ACCOUNT_ID}-data` });
    const fn = writerFunction(stack, 'Writer');
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [Fn.sub('arn:${AWS::Partition}:s3:::${AWS::AccountId}-data/*')] }));
    WriteAccessChecker.expectWrite(fn, bucket, {});
    const { checker, error } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });
});

describe('permissions boundaries', () => {
  test('Stage permissionsBoundary naming a bootstrap policy the app does not define: not DENY (unknown policy)', () => {
    const app = newApp();
    const stage = new Stage(app, 'Prod', { env: ENV, permissionsBoundary: PermissionsBoundary.fromName('cdk-hnb659fds-permissions-boundary') });
    const stack = new Stack(stage, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    const { checker, error } = synthWithChecker(app);
    expectNotDeny(verdictFor(checker, fn, bucket));
    expect(error).toBeUndefined();
  });

  test('the same boundary given through externalManagedPolicies: allowing s3:PutObject ALLOW, allowing only reads DENY', () => {
    for (const actions of [['s3:*', 'logs:*'], ['s3:GetObject', 'logs:*']]) {
      const app = newApp();
      const stage = new Stage(app, 'Prod', { env: ENV, permissionsBoundary: PermissionsBoundary.fromName('cdk-boundary') });
      const stack = new Stack(stage, 'App');
      const bucket = new s3.Bucket(stack, 'Bucket');
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn);
      const boundary = new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions, resources: ['*'] })] });
      const { checker } = synthWithChecker(app, { externalManagedPolicies: { 'arn:aws:iam::111111111111:policy/cdk-boundary': boundary } });
      const f = verdictFor(checker, fn, bucket);
      expect(`${actions[0]}: ${f.verdict} ${f.causes[0]?.code ?? ''}`).toBe(actions[0] === 's3:*' ? 's3:*: ALLOW ' : 's3:GetObject: DENY PERMISSIONS_BOUNDARY');
    }
  });
});

describe('AWS managed policies and imported roles', () => {
  test('AmazonS3FullAccess on the function\'s role, declared write: ALLOW', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    fn.role!.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3FullAccess'));
    WriteAccessChecker.expectWrite(fn, bucket, {});
    const { checker } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
  });

  test('an AWS managed policy outside the bundled table (PowerUserAccess), declared write: not DENY', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    fn.role!.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('PowerUserAccess'));
    WriteAccessChecker.expectWrite(fn, bucket, {});
    const { checker, error } = synthWithChecker(app);
    expectNotDeny(verdictFor(checker, fn, bucket));
    expect(error).toBeUndefined();
  });

  test('a role imported by ARN (mutable: false; its policies are managed elsewhere), declared write: not DENY', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const role = iam.Role.fromRoleArn(stack, 'Platform', 'arn:aws:iam::111111111111:role/platform-lambda', { mutable: false });
    const fn = writerFunction(stack, 'Writer', { role });
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket, {});
    const { checker, error } = synthWithChecker(app);
    const f = verdictFor(checker, fn, bucket);
    expectNotDeny(f);
    expect(f.verdict).toBe(WriteVerdict.UNKNOWN);
    expect(error).toBeUndefined();
  });
});
