import { CfnCondition, CfnParameter, Fn } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteAccessChecker, WriteVerdict } from '../../../src/checker';
import { describeFinding, expectNotDeny, newApp, OTHER_ENV, stackIn, synthWithChecker, verdictFor, writerFunction } from '../../support/harness';

// CloudFormation Conditions decided by deploy-time parameters (CloudFormation User Guide, "Conditions" and
// "Fn::If"): which branch deploys is not known at synth, so a write that one branch denies is UNKNOWN, never DENY.

function withEnvCondition() {
  const app = newApp();
  const stack = stackIn(app, 'App');
  const env = new CfnParameter(stack, 'Env', { type: 'String', allowedValues: ['dev', 'prod'], default: 'dev' });
  const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(env.valueAsString, 'prod') });
  const bucket = new s3.Bucket(stack, 'Bucket');
  const fn = writerFunction(stack, 'Writer');
  return { app, stack, isProd, bucket, fn };
}

test('the only identity Allow is an iam.Policy with a CloudFormation Condition: not DENY', () => {
  const { app, stack, isProd, bucket, fn } = withEnvCondition();
  const policy = new iam.Policy(stack, 'ProdWrites', {
    roles: [fn.role!], statements: [new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] })],
  });
  (policy.node.defaultChild as iam.CfnPolicy).cfnOptions.condition = isProd;
  WriteAccessChecker.expectWrite(fn, bucket, {});
  const { checker, error } = synthWithChecker(app);
  expectNotDeny(verdictFor(checker, fn, bucket));
  expect(error).toBeUndefined();
});

test('an identity Allow whose Resource is Fn::If(IsProd, this bucket, another bucket): not DENY', () => {
  const { app, isProd, bucket, fn } = withEnvCondition();
  fn.addToRolePolicy(new iam.PolicyStatement({
    actions: ['s3:PutObject'], resources: [Fn.conditionIf(isProd.logicalId, bucket.arnForObjects('*'), 'arn:aws:s3:::sandbox-bucket/*').toString()],
  }));
  WriteAccessChecker.expectWrite(fn, bucket, {});
  const { checker, error } = synthWithChecker(app);
  expectNotDeny(verdictFor(checker, fn, bucket));
  expect(error).toBeUndefined();
});

test('a bucket-policy statement that is a freezing Deny only in prod (Fn::If on IsProd): not DENY', () => {
  const { app, isProd, bucket, fn } = withEnvCondition();
  bucket.grantPut(fn);
  const policy = new s3.CfnBucketPolicy(bucket, 'Guard', {
    bucket: bucket.bucketName,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        Fn.conditionIf(isProd.logicalId,
          { Sid: 'FreezeInProd', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: bucket.arnForObjects('*') },
          { Sid: 'Nothing', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::nothing-here/*' }),
      ],
    },
  });
  void policy;
  const { checker, error } = synthWithChecker(app);
  expectNotDeny(verdictFor(checker, fn, bucket));
  expect(error).toBeUndefined();
});

test('control: the same Deny without a Condition: DENY', () => {
  const { app, bucket, fn } = withEnvCondition();
  bucket.grantPut(fn);
  new s3.CfnBucketPolicy(bucket, 'Guard', {
    bucket: bucket.bucketName,
    policyDocument: { Version: '2012-10-17', Statement: [{ Sid: 'Freeze', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: bucket.arnForObjects('*') }] },
  });
  const { checker } = synthWithChecker(app);
  expect(verdictFor(checker, fn, bucket).verdict).toBe(WriteVerdict.DENY);
});

test('cross-account: the bucket-policy Allow for the writer account exists only when a parameter says so: not DENY', () => {
  const app = newApp();
  const data = stackIn(app, 'Data', OTHER_ENV);
  const compute = stackIn(app, 'Compute');
  const share = new CfnParameter(data, 'Share', { type: 'String', default: 'yes' });
  const sharing = new CfnCondition(data, 'Sharing', { expression: Fn.conditionEquals(share.valueAsString, 'yes') });
  const bucket = new s3.Bucket(data, 'Bucket', { bucketName: 'shared-222' });
  const grant = new s3.CfnBucketPolicy(data, 'ShareWithCompute', {
    bucket: bucket.bucketName,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::shared-222/*' }],
    },
  });
  grant.cfnOptions.condition = sharing;
  const fn = writerFunction(compute, 'Writer');
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::shared-222/*'] }));
  WriteAccessChecker.expectWrite(fn, bucket, {});
  const { checker, error } = synthWithChecker(app);
  const f = verdictFor(checker, fn, bucket);
  expect(f.verdict === WriteVerdict.DENY ? describeFinding(f) : 'not DENY').toBe('not DENY');
  expect(error).toBeUndefined();
});
