import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteAccessChecker, WriteVerdict } from '../../../src/checker';
import { codesOf, findingFor, newApp, synthChecked, writerFunction } from '../../support/harness';

// Writes through an access point: the access point policy is evaluated along with the bucket policy, and an explicit
// Deny in it denies (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html).

const ACCOUNT = '111111111111';

function app(accessPointDenies: boolean) {
  const a = newApp();
  const stack = new Stack(a, 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  const fn = writerFunction(stack, 'Fn');
  const bucket = new s3.Bucket(stack, 'Bucket');
  const apArn = `arn:aws:s3:eu-west-1:${ACCOUNT}:accesspoint/ingest`;
  const statements: object[] = [{
    Effect: 'Allow', Principal: { AWS: fn.role!.roleArn }, Action: 's3:PutObject', Resource: `${apArn}/object/*`,
  }];
  if (accessPointDenies) {
    statements.push({ Sid: 'NoUploads', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `${apArn}/object/*` });
  }
  const ap = new s3.CfnAccessPoint(stack, 'AccessPoint', {
    bucket: bucket.bucketName, name: 'ingest', policy: { Version: '2012-10-17', Statement: statements },
  });
  // Delegate access control to the account's access points (the pattern the S3 User Guide recommends).
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.AnyPrincipal()],
    actions: ['*'],
    resources: [bucket.bucketArn, bucket.arnForObjects('*')],
    conditions: { StringEquals: { 's3:DataAccessPointAccount': ACCOUNT } },
  }));
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [`${apArn}/object/*`, bucket.arnForObjects('*')] }));
  WriteAccessChecker.expectWrite(fn, bucket, { request: { accessPoint: ap.attrArn } });
  return { app: a, fn, bucket };
}

describe('ACCESS_POINT_POLICY', () => {
  test('an access point policy that denies uploads: DENY', () => {
    const { app: a, fn, bucket } = app(true);
    const finding = findingFor(synthChecked(a).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('ACCESS_POINT_POLICY');
  });

  test('twin: the same access point without the Deny → ALLOW', () => {
    const { app: a, fn, bucket } = app(false);
    expect(findingFor(synthChecked(a).checker, fn, bucket).verdict).toBe(WriteVerdict.ALLOW);
  });
});
