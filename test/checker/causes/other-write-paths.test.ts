import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteAccessChecker, WriteVerdict } from '../../../src/checker';
import { codesOf, findingFor, newApp, synthChecked, writerFunction } from '../../support/harness';

// A function that writes with credentials S3 Access Grants vends (S3 User Guide, "Request access to Amazon S3 data
// through S3 Access Grants", https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-grants-credentials.html)
// has no identity grant of s3:PutObject: the checker does not evaluate that path, so it must not fail the build.

function app(withGrant: boolean) {
  const a = newApp();
  const stack = new Stack(a, 'Stack');
  const fn = writerFunction(stack, 'Fn');
  const bucket = new s3.Bucket(stack, 'Bucket');
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetDataAccess'], resources: ['*'] }));
  const locationRole = new iam.Role(stack, 'LocationRole', { assumedBy: new iam.ServicePrincipal('access-grants.s3.amazonaws.com') });
  bucket.grantReadWrite(locationRole);
  const instance = new s3.CfnAccessGrantsInstance(stack, 'Instance');
  const location = new s3.CfnAccessGrantsLocation(stack, 'Location', { locationScope: `s3://${bucket.bucketName}/`, iamRoleArn: locationRole.roleArn });
  location.addDependency(instance);
  if (withGrant) {
    new s3.CfnAccessGrant(stack, 'Grant', {
      accessGrantsLocationId: location.attrAccessGrantsLocationId,
      grantee: { granteeType: 'IAM', granteeIdentifier: fn.role!.roleArn },
      permission: 'READWRITE',
      accessGrantsLocationConfiguration: { s3SubPrefix: 'out/*' },
    });
  }
  WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'out/' });
  return { app: a, fn, bucket };
}

describe('S3 Access Grants', () => {
  test('an access grant to the function\'s role: UNKNOWN (not a failed synth), naming the grant', () => {
    const { app: a, fn, bucket } = app(true);
    const { checker, error } = synthChecked(a);
    const finding = findingFor(checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.UNKNOWN);
    expect(codesOf(finding)).toEqual(['NO_IDENTITY_ALLOW']);
    expect(finding.causes[0].message).toContain('S3 Access Grant Stack/Grant');
    expect(error).toBeUndefined();
  });

  test('twin: without the grant the write is DENIED and synth fails', () => {
    const { app: a, fn, bucket } = app(false);
    const { checker, error } = synthChecked(a);
    expect(findingFor(checker, fn, bucket).verdict).toBe(WriteVerdict.DENY);
    expect(error?.message).toContain('NO_IDENTITY_ALLOW');
  });
});
