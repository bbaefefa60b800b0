import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteAccessChecker, WriteVerdict } from '../../../src/checker';
import { codesOf, findingFor, newApp, synthChecked, writerFunction } from '../../support/harness';

// Cross-account: both the identity policy in the caller's account and the bucket policy in the owner's account must
// allow (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html).

const COMPUTE = '111111111111';
const DATA = '222222222222';

/** A function in one account writing to a named bucket of another account, two stacks with explicit envs. */
function app() {
  const a = newApp();
  const data = new Stack(a, 'Data', { env: { account: DATA, region: 'eu-west-1' } });
  const compute = new Stack(a, 'Compute', { env: { account: COMPUTE, region: 'eu-west-1' } });
  const bucket = new s3.Bucket(data, 'Bucket', { bucketName: 'shared-landing-zone' });
  const fn = writerFunction(compute, 'Fn');
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::shared-landing-zone/*'] }));
  WriteAccessChecker.expectWrite(fn, s3.Bucket.fromBucketName(compute, 'Landing', 'shared-landing-zone'), { keyPrefix: 'in/' });
  return { app: a, data, compute, bucket, fn };
}

describe('CROSS_ACCOUNT_NO_BUCKET_ALLOW', () => {
  test('the role allows it, the bucket in the other account does not: DENY', () => {
    const { app: a, bucket, fn } = app();
    const { checker, error } = synthChecked(a);
    const finding = findingFor(checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('CROSS_ACCOUNT_NO_BUCKET_ALLOW');
    expect(error?.message).toContain("'WriteAccessChecker::CROSS_ACCOUNT_NO_BUCKET_ALLOW'");
  });

  test('twin: the bucket policy allows the compute account → ALLOW', () => {
    const { app: a, bucket, fn } = app();
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AccountPrincipal(COMPUTE)], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('in/*')],
    }));
    const { checker, error } = synthChecked(a);
    expect(findingFor(checker, fn, bucket).verdict).toBe(WriteVerdict.ALLOW);
    expect(error).toBeUndefined();
  });

  test('a bucket-policy allow without the identity allow is not enough across accounts', () => {
    const { app: a, compute, bucket } = app();
    const other = writerFunction(compute, 'NoGrant');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AccountPrincipal(COMPUTE)], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')],
    }));
    WriteAccessChecker.expectWrite(other, s3.Bucket.fromBucketName(compute, 'Landing2', 'shared-landing-zone'));
    const finding = findingFor(synthChecked(a).checker, other, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('NO_IDENTITY_ALLOW');
  });
});
