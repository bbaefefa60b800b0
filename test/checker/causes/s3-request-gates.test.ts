import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CannedAcl, WriteAccessChecker, WriteVerdict } from '../../../src/checker';
import { causeSuiteApp, codesOf, findingFor, synthChecked } from '../../support/harness';

// What the request carries beyond PutObject: ACLs (Object Ownership, Block Public Access, s3:PutObjectAcl), tags
// (s3:PutObjectTagging) and Object Lock headers (s3:PutObjectRetention / s3:PutObjectLegalHold)
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html,
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html,
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html).

const app = causeSuiteApp;

/** grantPut (and grantPutAcl if `putAcl`) on a bucket with this Object Ownership; the code sends `acl`: the finding. */
function aclFinding(objectOwnership: s3.ObjectOwnership, acl: CannedAcl | undefined, putAcl = true) {
  const { app: a, fn, bucket } = app({ objectOwnership });
  bucket.grantPut(fn);
  if (putAcl) bucket.grantPutAcl(fn);
  WriteAccessChecker.expectWrite(fn, bucket, acl ? { request: { acl } } : {});
  return findingFor(synthChecked(a).checker, fn, bucket);
}

describe('ACL_NOT_SUPPORTED', () => {
  test('a public-read ACL on a bucket that disables ACLs (BucketOwnerEnforced) fails: DENY', () => {
    const finding = aclFinding(s3.ObjectOwnership.BUCKET_OWNER_ENFORCED, CannedAcl.PUBLIC_READ);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('ACL_NOT_SUPPORTED');
  });

  test('twin: the code sends no ACL → ALLOW', () => {
    expect(aclFinding(s3.ObjectOwnership.BUCKET_OWNER_ENFORCED, undefined).verdict).toBe(WriteVerdict.ALLOW);
  });
});

describe('MISSING_ACL_PERMISSION', () => {
  test('an ACL on a bucket that accepts ACLs, without s3:PutObjectAcl: DENY', () => {
    const finding = aclFinding(s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, CannedAcl.BUCKET_OWNER_FULL_CONTROL, false);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('MISSING_ACL_PERMISSION');
  });

  test('twin: grantPutAcl → ALLOW', () => {
    expect(aclFinding(s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, CannedAcl.BUCKET_OWNER_FULL_CONTROL).verdict).toBe(WriteVerdict.ALLOW);
  });
});

describe('BLOCK_PUBLIC_ACCESS', () => {
  function publicAclApp(blockPublicAccess: s3.BlockPublicAccess) {
    const built = app({ objectOwnership: s3.ObjectOwnership.OBJECT_WRITER, blockPublicAccess });
    built.bucket.grantPut(built.fn);
    built.bucket.grantPutAcl(built.fn);
    WriteAccessChecker.expectWrite(built.fn, built.bucket, { request: { acl: CannedAcl.PUBLIC_READ } });
    return built;
  }

  test('a public-read ACL with BlockPublicAccess.BLOCK_ALL (BlockPublicAcls): DENY', () => {
    const { app: a, fn, bucket } = publicAclApp(s3.BlockPublicAccess.BLOCK_ALL);
    const finding = findingFor(synthChecked(a).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('BLOCK_PUBLIC_ACCESS');
  });

  test('twin: BlockPublicAcls off on the bucket, and account settings given as off → ALLOW', () => {
    const { app: a, fn, bucket } = publicAclApp(new s3.BlockPublicAccess({ blockPublicPolicy: true, restrictPublicBuckets: true }));
    const checked = synthChecked(a, { accountBlockPublicAccess: { '*': { blockPublicAcls: false, ignorePublicAcls: false } } });
    expect(findingFor(checked.checker, fn, bucket).verdict).toBe(WriteVerdict.ALLOW);
  });

  test('the account-level setting given in props blocks it even when the bucket allows it', () => {
    const { app: a, fn, bucket } = publicAclApp(new s3.BlockPublicAccess({ blockPublicPolicy: true, restrictPublicBuckets: true }));
    const checked = synthChecked(a, { accountBlockPublicAccess: { 111111111111: { blockPublicAcls: true } } });
    const finding = findingFor(checked.checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('BLOCK_PUBLIC_ACCESS');
  });
});

describe('MISSING_TAGGING_PERMISSION', () => {
  test('tags sent with only s3:PutObject allowed: DENY', () => {
    const { app: a, fn, bucket } = app();
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] }));
    WriteAccessChecker.expectWrite(fn, bucket, { request: { objectTags: { team: 'a' } } });
    const finding = findingFor(synthChecked(a).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('MISSING_TAGGING_PERMISSION');
  });

  test('twin: s3:PutObjectTagging allowed too → ALLOW', () => {
    const { app: a, fn, bucket } = app();
    fn.addToRolePolicy(new iam.PolicyStatement({
      actions: ['s3:PutObject', 's3:PutObjectTagging'], resources: [bucket.arnForObjects('*')],
    }));
    WriteAccessChecker.expectWrite(fn, bucket, { request: { objectTags: { team: 'a' } } });
    expect(findingFor(synthChecked(a).checker, fn, bucket).verdict).toBe(WriteVerdict.ALLOW);
  });
});

describe('MISSING_OBJECT_LOCK_PERMISSION', () => {
  test('a retention mode sent with only s3:PutObject allowed: DENY', () => {
    const { app: a, fn, bucket } = app({ objectLockEnabled: true, versioned: true });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] }));
    WriteAccessChecker.expectWrite(fn, bucket, { request: { objectLockMode: s3.ObjectLockMode.GOVERNANCE } });
    const finding = findingFor(synthChecked(a).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('MISSING_OBJECT_LOCK_PERMISSION');
  });

  test('twin: grantPut (which includes s3:PutObjectRetention) → ALLOW', () => {
    const { app: a, fn, bucket } = app({ objectLockEnabled: true, versioned: true });
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket, { request: { objectLockMode: s3.ObjectLockMode.GOVERNANCE } });
    expect(findingFor(synthChecked(a).checker, fn, bucket).verdict).toBe(WriteVerdict.ALLOW);
  });
});
