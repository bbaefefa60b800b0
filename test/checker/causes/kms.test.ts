import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteAccessChecker, ObjectEncryption, WriteVerdict } from '../../../src/checker';
import { codesOf, findingFor, newApp, synthChecked, writerFunction } from '../../support/harness';

// SSE-KMS is a second, chained decision: S3 calls kms:GenerateDataKey as the writer, which the key policy must
// allow (itself or by delegating to the account's IAM policies) and, when it delegates, the role's identity
// policies too (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html,
// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).

const ACCOUNT = '111111111111';
const ENV = { account: ACCOUNT, region: 'eu-west-1' };

function app() {
  const a = newApp();
  const stack = new Stack(a, 'Stack', { env: ENV });
  const fn = writerFunction(stack, 'Fn');
  return { app: a, stack, fn };
}

/** A key whose policy names only an admin role: no account delegation, so IAM policies alone cannot grant use. */
function adminOnlyKey(stack: Stack): kms.Key {
  return new kms.Key(stack, 'Key', {
    policy: new iam.PolicyDocument({
      statements: [new iam.PolicyStatement({
        sid: 'KeyAdmins', principals: [new iam.ArnPrincipal(`arn:aws:iam::${ACCOUNT}:role/KeyAdmin`)], actions: ['kms:*'], resources: ['*'],
      })],
    }),
  });
}

/** A bucket whose default key is `key`; the role has grantPut, or only s3:PutObject: the declared write, synthesized. */
function keyedWrite(key: (stack: Stack) => kms.IKey, grant: 'grantPut' | 'put-only') {
  const { app: a, stack, fn } = app();
  const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS, encryptionKey: key(stack) });
  if (grant === 'grantPut') bucket.grantPut(fn);
  else fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] }));
  WriteAccessChecker.expectWrite(fn, bucket);
  const { checker, error } = synthChecked(a);
  return { finding: findingFor(checker, fn, bucket), error };
}
const defaultPolicyKey = (stack: Stack) => new kms.Key(stack, 'Key');

describe('KMS_KEY_POLICY', () => {
  test('the bucket\'s key (encryption: KMS + encryptionKey) does not let the role use it: DENY', () => {
    const { finding, error } = keyedWrite(adminOnlyKey, 'grantPut');
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('KMS_KEY_POLICY');
    expect(error?.message).toContain('WriteAccessChecker::KMS_KEY_POLICY');
  });

  test('twin: a key with the default key policy (account delegation) → ALLOW', () => {
    expect(keyedWrite(defaultPolicyKey, 'grantPut').finding.verdict).toBe(WriteVerdict.ALLOW);
  });

  test('the key named in the request header is checked, not only the bucket default', () => {
    const { app: a, stack, fn } = app();
    const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.S3_MANAGED });
    bucket.grantPut(fn);
    const key = adminOnlyKey(stack);
    key.grantEncrypt(fn);
    WriteAccessChecker.expectWrite(fn, bucket, { request: { encryption: ObjectEncryption.KMS, kmsKey: key } });
    const finding = findingFor(synthChecked(a).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('KMS_KEY_POLICY');
  });
});

describe('KMS_IDENTITY', () => {
  test('the key delegates to IAM but the role has s3:PutObject only (no kms:GenerateDataKey): DENY', () => {
    const { finding } = keyedWrite(defaultPolicyKey, 'put-only');
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('KMS_IDENTITY');
  });

  test('twin: bucket.grantPut(fn) also grants the key → ALLOW', () => {
    expect(keyedWrite(defaultPolicyKey, 'grantPut').finding.verdict).toBe(WriteVerdict.ALLOW);
  });

  test('multipart uploads also need kms:Decrypt: GenerateDataKey alone is DENIED for multipart, ALLOWed for a single PUT', () => {
    const build = (multipart: boolean) => {
      const { app: a, stack, fn } = app();
      const key = new kms.Key(stack, 'Key');
      const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] }));
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey'], resources: [key.keyArn] }));
      WriteAccessChecker.expectWrite(fn, bucket, { request: { multipart } });
      return findingFor(synthChecked(a).checker, fn, bucket);
    };
    const multipart = build(true);
    expect(multipart.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(multipart)).toContain('KMS_IDENTITY');
    expect(JSON.stringify(multipart.causes)).toContain('kms:Decrypt');
    expect(build(false).verdict).toBe(WriteVerdict.ALLOW);
  });
});

describe('KMS_AWS_MANAGED_CROSS_ACCOUNT', () => {
  const OTHER = '222222222222';
  function crossAccount(bucketAccount: string) {
    const a = newApp();
    const data = new Stack(a, 'Data', { env: { account: bucketAccount, region: 'eu-west-1' } });
    const compute = new Stack(a, 'Compute', { env: ENV });
    const bucket = new s3.Bucket(data, 'Bucket', { bucketName: 'reports-landing', encryption: s3.BucketEncryption.KMS_MANAGED });
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AccountPrincipal(ACCOUNT)], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')],
    }));
    const fn = writerFunction(compute, 'Fn');
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::reports-landing/*'] }));
    WriteAccessChecker.expectWrite(fn, s3.Bucket.fromBucketName(compute, 'Landing', 'reports-landing'));
    return { a, bucket, fn };
  }

  test('a bucket encrypted with the AWS managed aws/s3 key in another account cannot be written: DENY', () => {
    const { a, bucket, fn } = crossAccount(OTHER);
    const finding = findingFor(synthChecked(a).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('KMS_AWS_MANAGED_CROSS_ACCOUNT');
  });

  test('twin: the same bucket in the function\'s own account → ALLOW (aws/s3 works in its own account)', () => {
    const { a, bucket, fn } = crossAccount(ACCOUNT);
    expect(findingFor(synthChecked(a).checker, fn, bucket).verdict).toBe(WriteVerdict.ALLOW);
  });
});

describe('imported keys (Key.fromKeyArn)', () => {
  const keyArn = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  function withImportedKey() {
    const { app: a, stack, fn } = app();
    const key = kms.Key.fromKeyArn(stack, 'Shared', keyArn);
    const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket);
    return { a, fn, bucket };
  }

  test('its key policy is outside the app: UNKNOWN, naming externalKeyPolicies', () => {
    const { a, fn, bucket } = withImportedKey();
    const finding = findingFor(synthChecked(a).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.UNKNOWN);
    expect(JSON.stringify(finding)).toContain('externalKeyPolicies');
  });

  test('given a key policy that delegates to the account → ALLOW; one that does not → DENY (KMS_KEY_POLICY)', () => {
    const delegating = iam.PolicyDocument.fromJson({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
    });
    const adminOnly = iam.PolicyDocument.fromJson({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` }, Action: 'kms:*', Resource: '*' }],
    });
    const allowed = withImportedKey();
    expect(findingFor(synthChecked(allowed.a, { externalKeyPolicies: { [keyArn]: delegating } }).checker, allowed.fn, allowed.bucket).verdict)
      .toBe(WriteVerdict.ALLOW);
    const denied = withImportedKey();
    const finding = findingFor(synthChecked(denied.a, { externalKeyPolicies: { [keyArn]: adminOnly } }).checker, denied.fn, denied.bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('KMS_KEY_POLICY');
  });
});
