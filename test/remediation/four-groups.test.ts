import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ObjectEncryption, RemediationStepKind, WriteAccessChecker, WriteAccessFinding, WriteVerdict } from '../../src';
import { newApp, stackIn, synthWithChecker, verdictFor, writerFunction } from '../support/harness';

// The four groups of wrong advice of issue #12: each app is built as it was reported, its finding's remediation is
// read, then the same app is built again with the step's CDK change made by hand and checked again: ALLOW.

type Build = (scope: Construct, fixed: boolean) => { fn: import('aws-cdk-lib/aws-lambda').Function; bucket: s3.IBucket };

function check(build: Build, fixed: boolean): WriteAccessFinding {
  const app = newApp();
  const stack = stackIn(app, 'Stack');
  const { fn, bucket } = build(stack, fixed);
  return verdictFor(synthWithChecker(app).checker, fn, bucket);
}

function stepsOf(f: WriteAccessFinding) {
  return f.remediation?.steps ?? [];
}

describe('a multipart SSE-KMS write needs kms:Decrypt', () => {
  const build: Build = (stack, fixed) => {
    const key = new kms.Key(stack, 'Key');
    const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
    const fn = writerFunction(stack, 'Fn');
    // Not bucket.grantPut: with a key it also grants kms:Decrypt.
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] }));
    key.grantEncrypt(fn);
    if (fixed) key.grantDecrypt(fn);
    WriteAccessChecker.expectWrite(fn, bucket, { request: { multipart: true, encryption: ObjectEncryption.KMS, kmsKey: key } });
    return { fn, bucket };
  };

  test('the step grants exactly kms:Decrypt with key.grantDecrypt(fn), not grantEncrypt, and is verified', () => {
    const f = check(build, false);
    expect(f.verdict).toBe(WriteVerdict.DENY);
    expect(f.causes.map(c => c.code)).toEqual(['KMS_IDENTITY']);
    const [step] = stepsOf(f);
    expect(step.kind).toBe(RemediationStepKind.ADD_STATEMENT);
    expect(step.statement).toMatchObject({ Effect: 'Allow', Action: 'kms:Decrypt' });
    expect(step.cdk).toBe('key.grantDecrypt(fn)');
    expect(f.fix).toContain('key.grantDecrypt(fn)');
    expect(f.fix).not.toContain('grantEncrypt');
    expect(f.remediation?.verified).toBe(true);
  });

  test('with key.grantDecrypt(fn) the write is allowed', () => {
    expect(check(build, true).verdict).toBe(WriteVerdict.ALLOW);
  });
});

describe('a role policy conditioning kms:EncryptionContext:aws:s3:arn on the bucket ARN, and a request without a Bucket Key', () => {
  const build: Build = (stack, fixed) => {
    const key = new kms.Key(stack, 'Key');
    const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS, encryptionKey: key, bucketKeyEnabled: true });
    const fn = writerFunction(stack, 'Fn');
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] }));
    fn.addToRolePolicy(new iam.PolicyStatement({
      actions: ['kms:GenerateDataKey'],
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:EncryptionContext:aws:s3:arn': bucket.bucketArn } },
    }));
    WriteAccessChecker.expectWrite(fn, bucket, { request: { encryption: ObjectEncryption.KMS, kmsKey: key, bucketKeyEnabled: fixed } });
    return { fn, bucket };
  };

  test('the message names the context mismatch, not a missing grant; the step sends (and declares) the Bucket Key header', () => {
    const f = check(build, false);
    expect(f.verdict).toBe(WriteVerdict.DENY);
    expect(f.causes[0].code).toBe('KMS_IDENTITY');
    expect(f.causes[0].message).toContain('kms:EncryptionContext:aws:s3:arn');
    expect(f.causes[0].message).toContain('object ARN');
    expect(f.causes[0].message).not.toContain('no identity-based policy');
    const steps = stepsOf(f);
    expect(steps.map(s => s.kind)).toEqual([RemediationStepKind.REQUEST]);
    expect(steps[0].set).toEqual({ bucketKeyEnabled: true });
    expect(steps[0].cdk).toContain('bucketKeyEnabled: true');
    expect(f.remediation?.verified).toBe(true);
    expect(steps.some(s => s.kind === RemediationStepKind.ADD_STATEMENT)).toBe(false);
  });

  test('declaring (and sending) the Bucket Key header: ALLOW', () => {
    expect(check(build, true).verdict).toBe(WriteVerdict.ALLOW);
  });
});

describe('a header the code must send must also be declared', () => {
  const build: Build = (stack, fixed) => {
    const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS });
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects('*')],
      conditions: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
    }));
    const fn = writerFunction(stack, 'Fn');
    bucket.grantPut(fn);
    bucket.encryptionKey!.grantEncrypt(fn);
    if (fixed) WriteAccessChecker.expectWrite(fn, bucket, { request: { encryption: ObjectEncryption.KMS } });
    return { fn, bucket };
  };

  test('the REQUEST step gives the SDK parameter and the expectWrite declaration', () => {
    const f = check(build, false);
    expect([WriteVerdict.CONDITIONAL, WriteVerdict.DENY]).toContain(f.verdict);
    const [step] = stepsOf(f);
    expect(step.kind).toBe(RemediationStepKind.REQUEST);
    expect(step.set).toEqual({ serverSideEncryption: 'aws:kms' });
    expect(step.code).toContain('ServerSideEncryption: \'aws:kms\'');
    expect(step.cdk).toBe('WriteAccessChecker.expectWrite(fn, bucket, { request: { encryption: ObjectEncryption.KMS } })');
    expect(f.fix).toContain('declare it');
    expect(f.remediation?.verified).toBe(true);
  });

  test('declared: ALLOW', () => {
    expect(check(build, true).verdict).toBe(WriteVerdict.ALLOW);
  });
});

describe('an Allow on home/${aws:username}/* for a role', () => {
  const build: Build = (stack, fixed) => {
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Fn');
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('home/${aws:username}/*')] }));
    if (fixed) fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('home/*')] }));
    WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'home/' });
    return { fn, bucket };
  };

  test('the message says aws:username never exists for a role session; the step grants the declared prefix exactly', () => {
    const f = check(build, false);
    expect(f.verdict).toBe(WriteVerdict.DENY);
    expect(f.causes[0].message).toContain('aws:username');
    expect(f.causes[0].message).toContain('role session');
    const [step] = stepsOf(f);
    expect(step.kind).toBe(RemediationStepKind.ADD_STATEMENT);
    expect(step.policy).toBe('identity');
    expect(step.statement.Action).toBe('s3:PutObject');
    expect(step.cdk).toBe('fn.addToRolePolicy(new iam.PolicyStatement({ actions: [\'s3:PutObject\'], resources: [bucket.arnForObjects(\'home/*\')] }))');
    expect(f.remediation?.verified).toBe(true);
  });

  test('with the step made: ALLOW', () => {
    expect(check(build, true).verdict).toBe(WriteVerdict.ALLOW);
  });
});

describe('the synth error', () => {
  test('shows the first step\'s CDK line; for a REQUEST step, the declaration to add', () => {
    const app = newApp();
    const stack = stackIn(app, 'Stack');
    const key = new kms.Key(stack, 'Key');
    const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
    const fn = writerFunction(stack, 'Fn');
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] }));
    key.grantEncrypt(fn);
    WriteAccessChecker.expectWrite(fn, bucket, { request: { multipart: true, encryption: ObjectEncryption.KMS, kmsKey: key } });
    const denied = new s3.Bucket(stack, 'Guarded');
    denied.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:PutObject'],
      resources: [denied.arnForObjects('*')],
      conditions: { Null: { 's3:x-amz-server-side-encryption': 'true' } },
    }));
    const other = writerFunction(stack, 'Other');
    denied.grantPut(other);
    WriteAccessChecker.expectWrite(other, denied);
    const { error } = synthWithChecker(app);
    expect(error?.message).toContain('key.grantDecrypt(fn)');
    expect(error?.message).toContain('WriteAccessChecker.expectWrite(fn, bucket, { request: { encryption: ObjectEncryption.S3_MANAGED } })');
  });
});
