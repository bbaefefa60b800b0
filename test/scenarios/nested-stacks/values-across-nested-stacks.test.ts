import { NestedStack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteVerdict } from '../../../src/checker';
import { writerFunction } from '../../support/harness';
import { expectAllow, scenario } from '../../support/scenario';

// Values crossing nested-stack parameters and outputs: a bucket name passed down, a role ARN passed up.

/** The bucket in the stack 'Parent', the function in its NestedStack 'Workers'. */
function nestedWriter(bucketProps: s3.BucketProps = {}) {
  const s = scenario({ stackId: 'Parent' }).withBucket(bucketProps);
  return s.withWriter({}, new NestedStack(s.stack, 'Workers'));
}

describe('values crossing a NestedStack boundary', () => {
  test('bucket name passed into the nested stack, imported there with fromBucketName and grantPut: ALLOW', () => {
    const s = nestedWriter({ enforceSSL: true });
    s3.Bucket.fromBucketName(s.fn.stack, 'Target', s.bucket.bucketName).grantPut(s.fn, 'out/*');
    expectAllow(s.expectWrite({ keyPrefix: 'out/' }).check());
  });

  test('the nested role\'s ARN, passed up as an output, is the only principal a parent bucket policy exempts: ALLOW', () => {
    const s = nestedWriter().grantPut();
    expectAllow(s.deny({ sid: 'OnlyTheWriter', conditions: { ArnNotEquals: { 'aws:PrincipalArn': s.fn.role!.roleArn } } }).check());
  });

  test('the same exemption naming ANOTHER nested function\'s role: DENY for the writer', () => {
    const s = nestedWriter().grantPut();
    const other = writerFunction(s.fn.stack, 'Other');
    const f = s.deny({ sid: 'OnlyTheOther', conditions: { ArnNotEquals: { 'aws:PrincipalArn': other.role!.roleArn } } }).check().finding;
    expect(f.verdict).toBe(WriteVerdict.DENY);
    expect(f.causes[0].code).toBe('BUCKET_POLICY_DENY');
  });
});
