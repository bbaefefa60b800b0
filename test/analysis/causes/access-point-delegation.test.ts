import {
  ACCOUNT, analyze, app, bucket, bucketArn, bucketPolicy, codes, declared, fn, identityPolicy, objects, only, OTHER_ACCOUNT, resource, role,
  stack, statement,
} from '../support/app';

// A write through an access point needs both the access point and the bucket to permit it; a bucket delegates with
// a statement allowing "*" when s3:DataAccessPointAccount is the account that owns the access point (S3 User Guide,
// "Configuring IAM policies for using access points", https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html;
// Service Authorization Reference: s3:DataAccessPointAccount is the account ID of the owner of the access point).
// The delegation is in the templates, so it is evaluated with the request's s3:DataAccessPointArn,
// s3:DataAccessPointAccount and s3:AccessPointNetworkOrigin.

const AP = `arn:aws:s3:eu-west-1:${ACCOUNT}:accesspoint/ingest`;
const WRITER = `arn:aws:iam::${OTHER_ACCOUNT}:role/writer`;

const delegateTo = (account: string) => bucketPolicy([statement('Allow', '*', [bucketArn(), objects()], {
  Principal: '*', Condition: { StringEquals: { 's3:DataAccessPointAccount': account } },
})], 'Bucket', 'Data/Bucket/Policy/Resource');

function accessPoint(allowed: string): Record<string, unknown> {
  return resource('AWS::S3::AccessPoint', {
    Bucket: { Ref: 'Bucket' },
    Name: 'ingest',
    Policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: allowed }, Action: 's3:PutObject', Resource: `${AP}/object/*` }] },
  }, 'Data/AccessPoint');
}

/** The bucket and its access point in account 111111111111; the writing function in 222222222222. */
function crossAccount(apAllows: string, bucketPolicyResource?: unknown) {
  const data = stack({
    Bucket: bucket({ BucketName: 'data-bucket' }, 'Data/Bucket/Resource'),
    AccessPoint: accessPoint(apAllows),
    ...(bucketPolicyResource ? { BucketPolicy: bucketPolicyResource } : {}),
  }, { artifactId: 'Data', stackName: 'Data', templatePath: 'Data.template.json' });
  const writer = stack({
    Fn: fn('FnRole', {}, [declared({ accessPoint: AP }, '', { bucketName: 'data-bucket' })]),
    FnRole: role({ RoleName: 'writer' }),
    FnPolicy: identityPolicy([statement('Allow', 's3:PutObject', [`${AP}/object/*`, 'arn:aws:s3:::data-bucket/*'])]),
  }, { account: OTHER_ACCOUNT });
  return only(analyze([writer, data]));
}

describe('a bucket that delegates to the access points of its account, written from another account', () => {
  test('the access point policy does not allow the writer\'s role: DENY ACCESS_POINT_POLICY (was UNKNOWN, "the bucket may delegate")', () => {
    const f = crossAccount(`arn:aws:iam::${ACCOUNT}:role/someone-else`, delegateTo(ACCOUNT));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['ACCESS_POINT_POLICY']);
    expect(f.causes[0].message).toContain('access point of another account');
  });

  test('twin: the access point policy allows the role: ALLOW', () => {
    expect(crossAccount(WRITER, delegateTo(ACCOUNT)).verdict).toBe('ALLOW');
  });

  test('the bucket delegates to another account\'s access points only: DENY CROSS_ACCOUNT_NO_BUCKET_ALLOW', () => {
    const f = crossAccount(WRITER, delegateTo('333333333333'));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['CROSS_ACCOUNT_NO_BUCKET_ALLOW']);
  });

  test('no bucket policy at all: across accounts only the bucket policy can allow, DENY', () => {
    expect(crossAccount(WRITER).verdict).toBe('DENY');
  });
});

describe('in one account', () => {
  const apArnHere = `arn:aws:s3:eu-west-1:${ACCOUNT}:accesspoint/ingest`;
  const sameAccount = (bucketPolicyResource?: unknown) => only(analyze(stack(app({
    Fn: fn('FnRole', {}, [declared({ accessPoint: 'Data/AccessPoint' })]),
    FnPolicy: identityPolicy([statement('Allow', 's3:PutObject', `${apArnHere}/object/*`)]),
    AccessPoint: accessPoint(`arn:aws:iam::${ACCOUNT}:role/someone-else`),
    ...(bucketPolicyResource ? { BucketPolicy: bucketPolicyResource } : {}),
  }))));

  test('the bucket delegates, the role\'s policy allows the access point: ALLOW, decided', () => {
    expect(sameAccount(delegateTo(ACCOUNT)).verdict).toBe('ALLOW');
  });

  test('twin: no delegation, and the role\'s policy names only the access point: UNKNOWN (whether identity counts on the bucket side is not documented)', () => {
    const f = sameAccount();
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes[0].message).toContain('Not conclusive');
  });
});
