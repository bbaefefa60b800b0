import { CfnCondition, CfnParameter, Fn } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { WriteVerdict } from '../../../src/checker';
import { OTHER_ENV } from '../../support/harness';
import { expectNotDenied, scenario } from '../../support/scenario';

// CloudFormation Conditions decided by deploy-time parameters (CloudFormation User Guide, "Conditions" and
// "Fn::If"): which branch deploys is not known at synth, so a write that one branch denies is UNKNOWN, never DENY.

function withEnvCondition() {
  const s = scenario();
  const env = new CfnParameter(s.stack, 'Env', { type: 'String', allowedValues: ['dev', 'prod'], default: 'dev' });
  const isProd = new CfnCondition(s.stack, 'IsProd', { expression: Fn.conditionEquals(env.valueAsString, 'prod') });
  return { s: s.withBucket().withWriter(), isProd };
}

/** An AWS::S3::BucketPolicy written as an L1 with these statements. */
function cfnBucketPolicy(scope: Construct, id: string, bucket: s3.Bucket, statements: unknown[]) {
  return new s3.CfnBucketPolicy(scope, id, { bucket: bucket.bucketName, policyDocument: { Version: '2012-10-17', Statement: statements } });
}

test('the only identity Allow is an iam.Policy with a CloudFormation Condition: not DENY', () => {
  const { s, isProd } = withEnvCondition();
  const policy = new iam.Policy(s.stack, 'ProdWrites', {
    roles: [s.fn.role!], statements: [new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [s.bucket.arnForObjects('*')] })],
  });
  (policy.node.defaultChild as iam.CfnPolicy).cfnOptions.condition = isProd;
  expectNotDenied(s.expectWrite().check());
});

test('an identity Allow whose Resource is Fn::If(IsProd, this bucket, another bucket): not DENY', () => {
  const { s, isProd } = withEnvCondition();
  s.roleAllows({
    actions: ['s3:PutObject'], resources: [Fn.conditionIf(isProd.logicalId, s.bucket.arnForObjects('*'), 'arn:aws:s3:::sandbox-bucket/*').toString()],
  });
  expectNotDenied(s.expectWrite().check());
});

test('a bucket-policy statement that is a freezing Deny only in prod (Fn::If on IsProd): not DENY', () => {
  const { s, isProd } = withEnvCondition();
  s.grantPut();
  cfnBucketPolicy(s.bucket, 'Guard', s.bucket, [
    Fn.conditionIf(isProd.logicalId,
      { Sid: 'FreezeInProd', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: s.bucket.arnForObjects('*') },
      { Sid: 'Nothing', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::nothing-here/*' }),
  ]);
  expectNotDenied(s.check());
});

test('control: the same Deny without a Condition: DENY', () => {
  const { s } = withEnvCondition();
  s.grantPut();
  cfnBucketPolicy(s.bucket, 'Guard', s.bucket, [{ Sid: 'Freeze', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: s.bucket.arnForObjects('*') }]);
  expect(s.check().finding.verdict).toBe(WriteVerdict.DENY);
});

test('cross-account: the bucket-policy Allow for the writer account exists only when a parameter says so: not DENY', () => {
  const s = scenario({ stackId: 'Data', env: OTHER_ENV });
  const share = new CfnParameter(s.stack, 'Share', { type: 'String', default: 'yes' });
  const sharing = new CfnCondition(s.stack, 'Sharing', { expression: Fn.conditionEquals(share.valueAsString, 'yes') });
  s.withBucket({ bucketName: 'shared-222' });
  const grant = cfnBucketPolicy(s.stack, 'ShareWithCompute', s.bucket, [
    { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::shared-222/*' },
  ]);
  grant.cfnOptions.condition = sharing;
  s.withWriter({}, s.addStack('Compute')).roleAllows({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::shared-222/*'] });
  expectNotDenied(s.expectWrite().check());
});

describe('undecidable CloudFormation Conditions and several bucket policies: never DENY', () => {
  test('a bucket policy Deny guarded by Fn::Equals on a parameter: not DENY', () => {
    const s = scenario();
    const env = new CfnParameter(s.stack, 'Env', { type: 'String', default: 'dev' });
    const isProd = new CfnCondition(s.stack, 'IsProd', { expression: Fn.conditionEquals(env.valueAsString, 'prod') });
    s.withBucket().withWriter().grantPut();
    const freeze = cfnBucketPolicy(s.stack, 'Freeze', s.bucket, [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: s.bucket.arnForObjects('*') }]);
    freeze.cfnOptions.condition = isProd;
    expectNotDenied(s.check());
  });

  test('two AWS::S3::BucketPolicy resources on one bucket, one of them denying: not DENY (S3 keeps one, which is unknown)', () => {
    const s = scenario().withBucket({ enforceSSL: true }).withWriter().grantPut();
    cfnBucketPolicy(s.stack, 'Second', s.bucket, [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: s.bucket.arnForObjects('*') }]);
    expectNotDenied(s.check());
  });
});
