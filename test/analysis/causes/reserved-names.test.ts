import {
  analyze, app, bucket, codes, declared, fn, grantPut, identityPolicy, key, only, resource, stack, statement,
} from '../support/app';

// Names AWS reserves decide something without anything else being known.

describe('bucket names S3 reserves for what is not a general purpose bucket (S3 User Guide, "General purpose bucket naming rules")', () => {
  const writeTo = (name: string) => only(analyze(stack(app({
    Fn: fn('FnRole', {}, [declared({}, '', { bucketName: name })]),
    FnPolicy: identityPolicy([statement('Allow', 's3:GetObject', '*')]),
  })), { externalBucketPolicies: { [name]: { Version: '2012-10-17', Statement: [] } }, externalBucketAccounts: { [name]: '111111111111' } }));

  test.each([
    ['an access point alias', 'ingest-abcdefghijklmnopqrstuvwxyz0123-s3alias', '-s3alias'],
    ['an Object Lambda access point alias', 'redact-abcdefghijklmnopqrstuvwxyz01--ol-s3', '--ol-s3'],
    ['a Multi-Region Access Point', 'mfzwi23gnjvgw.mrap', '.mrap'],
    ['a directory bucket', 'landing--euw1-az1--x-s3', '--x-s3'],
    ['a table bucket', 'analytics--table-s3', '--table-s3'],
  ])('%s: not a bucket whose authorization is analysed, UNKNOWN (was DENY NO_IDENTITY_ALLOW)', (_what, name, suffix) => {
    const f = writeTo(name);
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes.map((c) => c.message).join(' ')).toContain(suffix);
  });

  test('twin: the same write to a general purpose bucket name is DENY NO_IDENTITY_ALLOW', () => {
    const f = writeTo('ingest-landing-bucket');
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['NO_IDENTITY_ALLOW']);
  });
});

describe('KMS aliases under alias/aws/ (AWS KMS Developer Guide, "Create aliases": reserved for AWS managed keys)', () => {
  /** A bucket encrypted by alias; the app's key has a key policy that lets nobody use it. */
  const encryptedBy = (aliasName: string) => only(analyze(stack(app({
    Fn: fn('FnRole', {}, [declared({}, 'incoming/')]),
    FnPolicy: identityPolicy([grantPut(), statement('Allow', 'kms:GenerateDataKey', '*')]),
    Key: key([]),
    Alias: resource('AWS::KMS::Alias', { AliasName: aliasName, TargetKeyId: { Ref: 'Key' } }, 'Stack/Key/Alias/Resource'),
    Bucket: bucket({ BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: aliasName } }] } }),
  }))));

  test('an alias of the app named alias/aws/… cannot be the app key\'s: the key stays unknown, UNKNOWN, not decided by the app key\'s policy', () => {
    const f = encryptedBy('alias/aws/ingest');
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes.map((c) => c.message).join(' ')).toContain('externalKeyPolicies');
  });

  test('twin: the same alias without the reserved prefix names the app\'s key, whose policy denies: DENY KMS_KEY_POLICY', () => {
    const f = encryptedBy('alias/ingest');
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toContain('KMS_KEY_POLICY');
  });
});
