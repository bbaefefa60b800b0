import { appBucket, expectWellFormed, importedBucket, OPAQUE, results } from './fixtures';
import { checkAcl, impliedActions } from '../../../src/analysis/gates';
import { parseBucketSettings } from '../../../src/analysis/model/bucket-settings';
import { worst } from '../../../src/analysis/step-outcome';

const enforced = { OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } };
const writer = { OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } };
const preferred = { OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] } };
const bpaOff = {
  PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false },
};
const bpaOn = { PublicAccessBlockConfiguration: { BlockPublicAcls: 'true' } };
const accountOff = { '*': { blockPublicAcls: false } };

// S3 User Guide, "Object Ownership error responses" and "Controlling ownership of objects" (ACLs disabled by
// default since April 2023): a non-compliant bucket next to the compliant twin, the cause removed.
describe('ACL vs Object Ownership (ACL_NOT_SUPPORTED)', () => {
  test.each([
    ['no OwnershipControls = BucketOwnerEnforced', {}, 'private', 'deny'],
    ['explicit BucketOwnerEnforced', enforced, 'bucket-owner-read', 'deny'],
    ['BucketOwnerEnforced accepts bucket-owner-full-control', enforced, 'bucket-owner-full-control', 'pass'],
    ['no OwnershipControls accepts bucket-owner-full-control', {}, 'bucket-owner-full-control', 'pass'],
    ['ObjectWriter enables ACLs', writer, 'private', 'pass'],
    ['BucketOwnerPreferred enables ACLs', preferred, 'bucket-owner-read', 'pass'],
  ])('%s', (_name, props, acl, expected) => {
    const outcomes = checkAcl({ request: { acl }, bucket: appBucket(props) });
    const ownership = outcomes.find((o) => o.code === 'ACL_NOT_SUPPORTED');
    expect(ownership?.result).toBe(expected);
    expect(ownership?.location).toBe('Stack/Bucket/Resource');
    expectWellFormed(outcomes);
  });

  test('the deny names the setting, the header and the 400, and the fix names the prop', () => {
    const [o] = checkAcl({ request: { acl: 'private' }, bucket: appBucket({}) });
    expect(o.reason).toContain('BucketOwnerEnforced');
    expect(o.reason).toContain('x-amz-acl: private');
    expect(o.reason).toContain('AccessControlListNotSupported');
    expect(o.fix).toContain('objectOwnership');
  });

  test('no ACL in the request: nothing to check', () => {
    expect(checkAcl({ request: {}, bucket: appBucket({}) })).toEqual([]);
    expect(checkAcl({ request: { acl: '' }, bucket: appBucket({}) })).toEqual([]);
  });

  test('imported bucket: unknown ownership, unless the ACL is bucket-owner-full-control', () => {
    expect(results(checkAcl({ request: { acl: 'private' }, bucket: importedBucket() }))).toEqual(['unknown:ACL_NOT_SUPPORTED']);
    expect(results(checkAcl({ request: { acl: 'bucket-owner-full-control' }, bucket: importedBucket() }))).toEqual(['pass:ACL_NOT_SUPPORTED']);
  });
});

// S3 User Guide, "Blocking public access to your Amazon S3 storage": BlockPublicAcls rejects PUTs with a public ACL.
describe('public ACL vs Block Public Access (BLOCK_PUBLIC_ACCESS)', () => {
  test.each([
    ['bucket sets no BPA (on by default)', { ...writer }, accountOff, 'deny'],
    ['bucket BlockPublicAcls on', { ...writer, ...bpaOn }, accountOff, 'deny'],
    ['bucket and account BPA off', { ...writer, ...bpaOff }, accountOff, 'pass'],
    ['account BPA on', { ...writer, ...bpaOff }, { '*': { blockPublicAcls: true } }, 'deny'],
    ['account BPA not given', { ...writer, ...bpaOff }, undefined, 'unknown'],
  ])('%s', (_name, props, account, expected) => {
    const outcomes = checkAcl({ request: { acl: 'public-read' }, bucket: appBucket(props), accountBlockPublicAccess: account });
    expect(worst(outcomes.filter((o) => o.code === 'BLOCK_PUBLIC_ACCESS'))).toBe(expected);
    expectWellFormed(outcomes);
  });

  test('account-level unknown names the checker prop accountBlockPublicAccess', () => {
    const outcomes = checkAcl({ request: { acl: 'authenticated-read' }, bucket: appBucket({ ...writer, ...bpaOff }) });
    const account = outcomes.find((o) => o.result === 'unknown');
    expect(account?.reason).toContain('accountBlockPublicAccess');
    expect(account?.location).toBe('accountBlockPublicAccess');
  });

  test('account settings are looked up by the bucket account before "*"', () => {
    const base = { request: { acl: 'public-read-write' }, bucket: appBucket({ ...writer, ...bpaOff }) };
    const env = { '111111111111': { blockPublicAcls: true }, '*': { blockPublicAcls: false } };
    expect(worst(checkAcl({ ...base, bucketAccount: '111111111111', accountBlockPublicAccess: env }))).toBe('deny');
    expect(worst(checkAcl({ ...base, bucketAccount: '222222222222', accountBlockPublicAccess: env }))).toBe('pass');
    // An unknown account might be the blocking one: '*' cannot be assumed.
    expect(worst(checkAcl({ ...base, bucketAccount: OPAQUE, accountBlockPublicAccess: env }))).toBe('unknown');
  });

  test('a non-public ACL never meets Block Public Access', () => {
    const outcomes = checkAcl({ request: { acl: 'bucket-owner-full-control' }, bucket: appBucket(bpaOn) });
    expect(outcomes.some((o) => o.code === 'BLOCK_PUBLIC_ACCESS')).toBe(false);
  });

  test('IgnorePublicAcls alone does not reject the PUT', () => {
    const props = { ...writer, PublicAccessBlockConfiguration: { IgnorePublicAcls: true } };
    const outcomes = checkAcl({ request: { acl: 'public-read' }, bucket: appBucket(props), accountBlockPublicAccess: accountOff });
    expect(worst(outcomes)).toBe('pass');
  });
});

describe('robustness', () => {
  test.each([
    ['unresolved ObjectOwnership', { OwnershipControls: { Rules: [{ ObjectOwnership: OPAQUE }] } }],
    ['malformed OwnershipControls', { OwnershipControls: { Rules: 'x' } }],
    ['unknown ownership value', { OwnershipControls: { Rules: [{ ObjectOwnership: 'Whatever' }] } }],
  ])('%s → unknown with reason', (_name, props) => {
    const [o] = checkAcl({ request: { acl: 'private' }, bucket: appBucket(props) });
    expect(o.result).toBe('unknown');
    expect(o.reason.length).toBeGreaterThan(10);
  });

  test('unresolved BlockPublicAcls → unknown', () => {
    const props = { ...writer, PublicAccessBlockConfiguration: { BlockPublicAcls: OPAQUE } };
    const outcomes = checkAcl({ request: { acl: 'public-read' }, bucket: appBucket(props), accountBlockPublicAccess: accountOff });
    expect(worst(outcomes)).toBe('unknown');
  });

  test('an ACL that is not canned, or not known → unknown', () => {
    expect(results(checkAcl({ request: { acl: 'everyone-rw' }, bucket: appBucket({}) }))).toEqual(['unknown:ACL_NOT_SUPPORTED']);
    expect(results(checkAcl({ request: { acl: OPAQUE }, bucket: appBucket({}) }))).toEqual(['unknown:ACL_NOT_SUPPORTED']);
  });

  test('garbage input never throws', () => {
    expect(() => checkAcl(undefined as any)).not.toThrow();
    expect(worst(checkAcl(undefined as any))).toBe('unknown');
    expect(worst(checkAcl({ request: { acl: 'private' }, bucket: { location: 'B', type: 'AWS::S3::Bucket', settings: parseBucketSettings('B', 42) } }))).toBe('unknown');
  });
});

// PutObject API reference, "Permissions"; S3 User Guide, Object Lock and multipart permissions.
describe('implied actions', () => {
  test.each([
    [{}, []],
    [{ acl: 'bucket-owner-full-control' }, ['s3:PutObjectAcl:MISSING_ACL_PERMISSION']],
    [{ tags: { team: 'a' } }, ['s3:PutObjectTagging:MISSING_TAGGING_PERMISSION']],
    [{ tags: {} }, []],
    [{ objectLockMode: 'GOVERNANCE' }, ['s3:PutObjectRetention:MISSING_OBJECT_LOCK_PERMISSION']],
    [{ objectLockLegalHold: true }, ['s3:PutObjectLegalHold:MISSING_OBJECT_LOCK_PERMISSION']],
    [{ objectLockLegalHold: false }, []],
    [{ multipart: true }, ['s3:AbortMultipartUpload:NO_IDENTITY_ALLOW']],
  ])('%j', (request, expected) => {
    expect(impliedActions(request).map((a) => `${a.action}:${a.code}`)).toEqual(expected);
  });

  test('only the multipart abort is optional', () => {
    const all = impliedActions({ acl: 'private', tags: { a: 'b' }, objectLockMode: 'COMPLIANCE', objectLockLegalHold: true, multipart: true });
    expect(all.filter((a) => !a.required).map((a) => a.action)).toEqual(['s3:AbortMultipartUpload']);
  });
});
