import { NestedStack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteAccessChecker, WriteEncryption, WriteVerdict } from '../../../src/checker';
import { denyPutObjectUnless, describeFinding, ENV, expectNotDeny, newApp, stackIn, synthWithChecker, verdictFor, writerFunction } from '../../support/harness';

// More realistic apps: values crossing nested-stack parameters, stack-level tags read as principal tags, the
// region an S3 request is made in, and KMS keys from other stacks.

describe('values crossing a NestedStack boundary', () => {
  test('bucket name passed into the nested stack, imported there with fromBucketName and grantPut: ALLOW', () => {
    const app = newApp();
    const parent = stackIn(app, 'Parent');
    const bucket = new s3.Bucket(parent, 'Bucket', { enforceSSL: true });
    const nested = new NestedStack(parent, 'Workers');
    const imported = s3.Bucket.fromBucketName(nested, 'Target', bucket.bucketName);
    const fn = writerFunction(nested, 'Writer');
    imported.grantPut(fn, 'out/*');
    WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'out/' });
    const { checker, error } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test('the nested role\'s ARN, passed up as an output, is the only principal a parent bucket policy exempts: ALLOW', () => {
    const app = newApp();
    const parent = stackIn(app, 'Parent');
    const bucket = new s3.Bucket(parent, 'Bucket');
    const nested = new NestedStack(parent, 'Workers');
    const fn = writerFunction(nested, 'Writer');
    bucket.grantPut(fn);
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'OnlyTheWriter',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects('*')],
      conditions: { ArnNotEquals: { 'aws:PrincipalArn': fn.role!.roleArn } },
    }));
    const { checker, error } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test('the same exemption naming ANOTHER nested function\'s role: DENY for the writer', () => {
    const app = newApp();
    const parent = stackIn(app, 'Parent');
    const bucket = new s3.Bucket(parent, 'Bucket');
    const nested = new NestedStack(parent, 'Workers');
    const fn = writerFunction(nested, 'Writer');
    const other = writerFunction(nested, 'Other');
    bucket.grantPut(fn);
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'OnlyTheOther',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects('*')],
      conditions: { ArnNotEquals: { 'aws:PrincipalArn': other.role!.roleArn } },
    }));
    const { checker } = synthWithChecker(app);
    const f = verdictFor(checker, fn, bucket);
    expect(f.verdict).toBe(WriteVerdict.DENY);
    expect(f.causes[0].code).toBe('BUCKET_POLICY_DENY');
  });
});

describe('principal tags from Tags.of(stack) (tags propagate to the role; IAM: role tags are aws:PrincipalTag)', () => {
  test('bucket policy denies unless aws:PrincipalTag/team = data; the stack is tagged team=data: ALLOW; team=web: DENY', () => {
    for (const team of ['data', 'web']) {
      const app = newApp();
      const stack = stackIn(app, 'App');
      const bucket = new s3.Bucket(stack, 'Bucket');
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn);
      denyPutObjectUnless(bucket, { StringNotEquals: { 'aws:PrincipalTag/team': 'data' } });
      Tags.of(stack).add('team', team);
      const { checker } = synthWithChecker(app);
      expect(`${team}: ${verdictFor(checker, fn, bucket).verdict}`).toBe(`${team}: ${team === 'data' ? 'ALLOW' : 'DENY'}`);
    }
  });
});

describe('aws:RequestedRegion is the region of the S3 request, the bucket\'s region (IAM global keys)', () => {
  function regionApp(bucketRegion: string) {
    const app = newApp();
    const compute = stackIn(app, 'Compute');
    const data = stackIn(app, 'Data', { account: ENV.account, region: bucketRegion });
    const bucket = new s3.Bucket(data, 'Bucket', { bucketName: `logs-${bucketRegion}` });
    const fn = writerFunction(compute, 'Writer');
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [`arn:aws:s3:::logs-${bucketRegion}/*`] }));
    WriteAccessChecker.expectWrite(fn, bucket, {});
    const scp = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }),
        new iam.PolicyStatement({
          sid: 'RegionLock',
          effect: iam.Effect.DENY,
          notActions: ['iam:*', 'sts:*'],
          resources: ['*'],
          conditions: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } },
        }),
      ],
    });
    return { ...synthWithChecker(app, { serviceControlPolicies: [scp] }), fn, bucket };
  }
  test('bucket in the allowed region: ALLOW', () => {
    const { checker, fn, bucket } = regionApp('us-east-1');
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
  });
  test('bucket in eu-west-1 written from us-east-1: not ALLOW (the request goes to eu-west-1, the SCP denies it)', () => {
    const { checker, fn, bucket } = regionApp('eu-west-1');
    expect(verdictFor(checker, fn, bucket).verdict).not.toBe(WriteVerdict.ALLOW);
  });
});

describe('the classic "encrypted uploads only" bucket policy (S3 User Guide, "Requiring server-side encryption")', () => {
  function encryptedOnly(declare: boolean) {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const key = new kms.Key(stack, 'Key');
    const bucket = new s3.Bucket(stack, 'Bucket', { encryptionKey: key, enforceSSL: true });
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'DenyIncorrectEncryptionHeader',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects('*')],
      conditions: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
    }));
    if (declare) WriteAccessChecker.expectWrite(fn, bucket, { request: { serverSideEncryption: WriteEncryption.KMS } });
    const { checker } = synthWithChecker(app);
    return verdictFor(checker, fn, bucket, declare ? 'declared' : 'inferred');
  }
  test('the code sends aws:kms: ALLOW', () => expect(describeFinding(encryptedOnly(true))).toBe('ALLOW [] '));
  test('the default SDK request (no header; IfExists makes the absent key true): not ALLOW', () => {
    const f = encryptedOnly(false);
    expect(f.verdict).not.toBe(WriteVerdict.ALLOW);
    expect(f.causes.map(c => c.code)).toContain('REQUEST_CONDITION');
  });
});

describe('KMS key in another stack of the same account (cross-stack reference)', () => {
  test('kms.Key in a security stack, bucket and function elsewhere, grantWrite: ALLOW', () => {
    const app = newApp();
    const security = stackIn(app, 'Security');
    const key = new kms.Key(security, 'DataKey', { enableKeyRotation: true });
    const data = stackIn(app, 'Data');
    const bucket = new s3.Bucket(data, 'Bucket', { encryptionKey: key, bucketKeyEnabled: true });
    const compute = stackIn(app, 'Compute');
    const fn = writerFunction(compute, 'Writer');
    bucket.grantWrite(fn);
    const { checker, error } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test('key policy with kms:ViaService = s3.us-east-1 and kms:CallerAccount, no IAM delegation: ALLOW', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const fn = writerFunction(stack, 'Writer');
    const key = new kms.Key(stack, 'Key', {
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ sid: 'Admin', principals: [new iam.AccountRootPrincipal()], actions: ['kms:Create*', 'kms:Describe*', 'kms:Put*', 'kms:ScheduleKeyDeletion'], resources: ['*'] }),
          new iam.PolicyStatement({
            sid: 'S3Use',
            principals: [new iam.AnyPrincipal()],
            actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
            resources: ['*'],
            conditions: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:CallerAccount': '111111111111' } },
          }),
        ],
      }),
    });
    const bucket = new s3.Bucket(stack, 'Bucket', { encryptionKey: key });
    bucket.grantPut(fn);
    const { checker, error } = synthWithChecker(app);
    // Same account: the key policy's Allow for any principal of the account via S3 suffices (KMS: key policy alone
    // can grant); the identity side is not needed, but grantPut adds it anyway.
    expectNotDeny(verdictFor(checker, fn, bucket));
    expect(verdictFor(checker, fn, bucket).verdict).toBe(WriteVerdict.ALLOW);
    expect(error).toBeUndefined();
  });
});

