import * as s3 from 'aws-cdk-lib/aws-s3';
import { CannedAcl, ExpectWriteOptions, WriteVerdict } from '../../../src/checker';
import { expectAllow, expectDeny, scenario } from '../../support/scenario';

// What the request carries beyond the object decides more permissions: S3 API Reference, PutObject "Permissions"
// (tags need s3:PutObjectTagging, Object Lock headers s3:PutObjectRetention / s3:PutObjectLegalHold, an ACL
// s3:PutObjectAcl); S3 User Guide, "Controlling ownership of objects" (a bucket with ACLs disabled refuses ACL
// headers with HTTP 400) and "Blocking public access to your Amazon S3 storage" (public ACLs refused when blocked).

/** The role allows only s3:PutObject ('put-only') or gets `bucket.grantPut` ('grantPut'); the request is `intent`. */
function putOnlyOr(grant: 'put-only' | 'grantPut', bucketProps: s3.BucketProps, intent: ExpectWriteOptions) {
  const s = scenario().withBucket(bucketProps).withWriter();
  if (grant === 'grantPut') s.grantPut();
  else s.roleAllows({ actions: ['s3:PutObject'], resources: [s.bucket.arnForObjects('*')] });
  return s.checkDeclared(intent);
}

/** The writer has grantPut and grantPutAcl on a bucket with these props; the request sends the canned ACL `acl`. */
function withAcl(bucketProps: s3.BucketProps, acl: CannedAcl, putAcl = true, props = {}) {
  const s = scenario().withBucket(bucketProps).withWriter().grantPut();
  if (putAcl) s.bucket.grantPutAcl(s.fn);
  return s.checkDeclared({ request: { acl } }, props);
}

describe('request parameters that need more than s3:PutObject', () => {
  const tagged = (grant: 'put-only' | 'grantPut') => putOnlyOr(grant, {}, { request: { objectTags: { classification: 'internal' } } });
  test('x-amz-tagging with only s3:PutObject: DENY (MISSING_TAGGING_PERMISSION)', () => expectDeny(tagged('put-only'), 'MISSING_TAGGING_PERMISSION'));
  test('twin: grantPut (includes s3:PutObjectTagging): ALLOW', () => expectAllow(tagged('grantPut')));

  const locked = (grant: 'put-only' | 'grantPut') => putOnlyOr(grant, { objectLockEnabled: true, versioned: true }, { request: { objectLockMode: s3.ObjectLockMode.GOVERNANCE } });
  test('Object Lock retention header with only s3:PutObject: DENY (MISSING_OBJECT_LOCK_PERMISSION)', () => expectDeny(locked('put-only'), 'MISSING_OBJECT_LOCK_PERMISSION'));
  test('twin: grantPut (includes s3:PutObjectRetention): ALLOW', () => expectAllow(locked('grantPut')));

  test('a public-read ACL on a default bucket (ACLs disabled): DENY (ACL_NOT_SUPPORTED, HTTP 400)', () => {
    const result = withAcl({}, CannedAcl.PUBLIC_READ);
    expect(result.finding.verdict).toBe(WriteVerdict.DENY);
    expect(result.finding.causes.map(c => c.code)).toEqual(expect.arrayContaining(['ACL_NOT_SUPPORTED']));
  });

  test('a private ACL on an OBJECT_WRITER bucket with grantPutAcl: ALLOW; without grantPutAcl: DENY (MISSING_ACL_PERMISSION)', () => {
    for (const putAcl of [true, false]) {
      const objectWriter = { objectOwnership: s3.ObjectOwnership.OBJECT_WRITER, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL };
      const result = withAcl(objectWriter, CannedAcl.PRIVATE, putAcl);
      if (putAcl) expectAllow(result); else expectDeny(result, 'MISSING_ACL_PERMISSION');
    }
  });

  const publicRead = (blocked: boolean, props = {}) => withAcl({
    objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
    blockPublicAccess: blocked ? s3.BlockPublicAccess.BLOCK_ALL
      : new s3.BlockPublicAccess({ blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: true, restrictPublicBuckets: true }),
  }, CannedAcl.PUBLIC_READ, true, props);
  const accountBpaOff = {
    accountBlockPublicAccess: {
      111111111111: { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: true, restrictPublicBuckets: true },
    },
  };
  test('public-read on an OBJECT_WRITER bucket with BLOCK_ALL: DENY (BLOCK_PUBLIC_ACCESS)', () => {
    expectDeny(publicRead(true), 'BLOCK_PUBLIC_ACCESS');
  });
  test('twin: the bucket\'s BlockPublicAcls off, account-level BPA not given: UNKNOWN (the account setting may block it)', () => {
    const result = publicRead(false);
    expect(result.finding.verdict).toBe(WriteVerdict.UNKNOWN);
    expect(result.finding.causes.map(c => c.code)).toEqual(['BLOCK_PUBLIC_ACCESS']);
  });
  test('twin: bucket and account BlockPublicAcls off: ALLOW', () => expectAllow(publicRead(false, accountBpaOff)));
});
