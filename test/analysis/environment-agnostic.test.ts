import {
  analyze, app, bucket, codes, declared, fn, grantPut, identityPolicy, key, keyAccountRoot, kmsEncryption, only, stack, statement,
} from './support/app';

// Environment-agnostic stacks (no account/region in the templates): one shared opaque account and region, so the
// usual CDK app — key policy naming `arn:${AWS::Partition}:iam::${AWS::AccountId}:root` — is judged, not UNKNOWN.

const agnostic = { account: undefined, region: undefined };
const keyArn = { 'Fn::GetAtt': ['Key', 'Arn'] };

test('a KMS-encrypted bucket with grantPut and the key grant: ALLOW, and the assumption is noted', () => {
  const f = only(analyze(stack(app({
    Key: key([keyAccountRoot()]),
    Bucket: bucket(kmsEncryption('Key')),
    FnPolicy: identityPolicy([grantPut(), statement('Allow', ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Decrypt'], keyArn)]),
    Fn: fn('FnRole', {}, [declared({ multipart: true })]),
  }), agnostic)));
  expect(f.verdict).toBe('ALLOW');
  expect(f.notes).toContainEqual(expect.stringContaining('environment-agnostic'));
});

test('the same app without the key grant: KMS_IDENTITY', () => {
  const f = only(analyze(stack(app({ Key: key([keyAccountRoot()]), Bucket: bucket(kmsEncryption('Key')), Fn: fn('FnRole', {}, [declared()]) }), agnostic)));
  expect(f.verdict).toBe('DENY');
  expect(codes(f)).toEqual(['KMS_IDENTITY']);
});

test('aws/s3 in an agnostic stack is usable (same shared account)', () => {
  expect(only(analyze(stack(app({ Bucket: bucket(kmsEncryption()), Fn: fn('FnRole', {}, [declared()]) }), agnostic))).verdict).toBe('ALLOW');
});
