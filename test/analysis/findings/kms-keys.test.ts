import { buildAssemblyIndex } from '../../../src/analysis/cfn/assembly-index';
import { keysForWrite } from '../../../src/analysis/decide/kms-keys';
import { buildModel } from '../../../src/analysis/model/build-model';
import { bucket, key, keyAccountRoot, kmsEncryption, stack } from '../support/app';

// Which key encrypts a write (S3 User Guide, "Specifying server-side encryption with AWS KMS (SSE-KMS)").

function modelOf(resources: object) {
  return buildModel(buildAssemblyIndex({ stacks: [stack(resources as never)] }), {});
}

describe('keysForWrite', () => {
  const kmsModel = modelOf({ Key: key([keyAccountRoot()]), Bucket: bucket(kmsEncryption('Key')) });
  const b = kmsModel.buckets[0];

  test('no header: the bucket default key', () => {
    expect(keysForWrite(b, {}, undefined, kmsModel, {}).candidates.map((k) => k.display)).toEqual(['Stack/Key']);
  });

  test('AES256 or SSE-C in the request: no KMS at all', () => {
    expect(keysForWrite(b, { serverSideEncryption: 'AES256' }, undefined, kmsModel, {}).candidates).toEqual([]);
    expect(keysForWrite(b, { sseCustomerKey: true }, undefined, kmsModel, {}).candidates).toEqual([]);
  });

  test('aws:kms without a key ID on a bucket with a default key: both keys are candidates, and a note says so', () => {
    const s = keysForWrite(b, { serverSideEncryption: 'aws:kms' }, undefined, kmsModel, {});
    expect(s.candidates.map((k) => k.awsManaged)).toEqual([false, true]);
    expect(s.notes[0]).toContain('both keys');
  });

  test('SSE-S3 bucket and no header: no KMS; KMS bucket without a key ID: aws/s3', () => {
    const plain = modelOf({ Bucket: bucket() });
    expect(keysForWrite(plain.buckets[0], {}, undefined, plain, {}).candidates).toEqual([]);
    const managed = modelOf({ Bucket: bucket(kmsEncryption()) });
    expect(keysForWrite(managed.buckets[0], {}, undefined, managed, {}).candidates[0].awsManaged).toBe(true);
  });

  test('a key named by alias resolves to the key of the app', () => {
    const aliased = modelOf({
      Key: key([keyAccountRoot()]),
      Alias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/ingest', TargetKeyId: { Ref: 'Key' } } },
      Bucket: bucket({ BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/ingest' } }] } }),
    });
    expect(keysForWrite(aliased.buckets[0], {}, undefined, aliased, {}).candidates[0].display).toBe('Stack/Key');
  });
});
