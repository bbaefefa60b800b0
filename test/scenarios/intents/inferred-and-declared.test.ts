import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { describeFinding, findingsOf, newApp, expectNotDeny, stackIn, synthWithChecker, verdictFor, writerFunction } from '../../support/harness';
import { WriteAccessChecker, WriteEncryption, WriteVerdict } from '../../../src/checker';

// Where intents come from (the public API): declared with expectWrite, or inferred from an identity-policy
// Allow of s3:PutObject that reaches a bucket of the app. An inferred intent does not know the request, so a bucket
// policy that needs a header the default SDK request lacks makes it CONDITIONAL, never DENY; and a function that
// only reads, lists or deletes must get no write finding at all.

/** The common "deny uploads without SSE-KMS" statement (S3 User Guide, "Requiring server-side encryption"). */
function requireKmsHeader(bucket: s3.Bucket) {
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'DenyUnEncryptedObjectUploads',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['s3:PutObject'],
    resources: [bucket.arnForObjects('*')],
    conditions: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
  }));
}

describe('inferred intents against header conditions: CONDITIONAL, never DENY', () => {
  test.each([
    ['StringNotEquals s3:x-amz-server-side-encryption aws:kms', requireKmsHeader],
    ['Null s3:x-amz-server-side-encryption true', (bucket: s3.Bucket) => bucket.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects('*')],
      conditions: { Null: { 's3:x-amz-server-side-encryption': 'true' } },
    }))],
    ['StringNotEquals s3:x-amz-acl bucket-owner-full-control', (bucket: s3.Bucket) => bucket.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects('*')],
      conditions: { StringNotEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
    }))],
    ['StringNotEquals s3:x-amz-storage-class STANDARD_IA', (bucket: s3.Bucket) => bucket.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects('*')],
      conditions: { StringNotEquals: { 's3:x-amz-storage-class': 'STANDARD_IA' } },
    }))],
    ['Null s3:RequestObjectTag/classification true (requires a tag)', (bucket: s3.Bucket) => bucket.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects('*')],
      conditions: { Null: { 's3:RequestObjectTag/classification': 'true' } },
    }))],
  ] as Array<[string, (b: s3.Bucket) => void]>)('%s: inferred → CONDITIONAL; declared with the default request → DENY', (_n, addPolicy) => {
    for (const declared of [false, true]) {
      const app = newApp();
      const stack = stackIn(app, 'App');
      const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS_MANAGED });
      addPolicy(bucket);
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn);
      if (declared) WriteAccessChecker.expectWrite(fn, bucket);
      const { checker, error } = synthWithChecker(app);
      const finding = verdictFor(checker, fn, bucket, declared ? 'declared' : 'inferred');
      if (declared) {
        expect(finding.verdict).toBe(WriteVerdict.DENY);
        expect(error).toBeDefined();
      } else {
        expect(describeFinding(finding)).toMatch(/^CONDITIONAL \[REQUEST_CONDITION\]/);
        expect(error).toBeUndefined();
      }
    }
  });

  test('declared with the header the policy needs: ALLOW', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS_MANAGED });
    requireKmsHeader(bucket);
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket, { request: { serverSideEncryption: WriteEncryption.KMS } });
    expect(describeFinding(verdictFor(synthWithChecker(app).checker, fn, bucket, 'declared'))).toBe('ALLOW [] ');
  });

  test('an inferred intent on an enforceSSL + minimumTLSVersion 1.2 bucket: not DENY (SDKs use TLS 1.2+)', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true, minimumTLSVersion: 1.2 });
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    const { checker, error } = synthWithChecker(app);
    expectNotDeny(verdictFor(checker, fn, bucket));
    expect(error).toBeUndefined();
  });

  test('…the same with a declared intent: not DENY either (the profile promises HTTPS; Node 22 negotiates TLS 1.2 or 1.3)', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true, minimumTLSVersion: 1.2 });
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket);
    const { checker, error } = synthWithChecker(app);
    expectNotDeny(verdictFor(checker, fn, bucket, 'declared'));
    expect(error).toBeUndefined();
  });
});

describe('no invented intents', () => {
  test('functions that only read, list, delete, or set ACLs/notifications get no write finding', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS, autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
    const reader = writerFunction(stack, 'Reader');
    bucket.grantRead(reader);
    const deleter = writerFunction(stack, 'Deleter');
    bucket.grantDelete(deleter);
    const aclSetter = writerFunction(stack, 'AclSetter');
    bucket.grantPutAcl(aclSetter);
    const lister = writerFunction(stack, 'Lister');
    lister.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
    const tagger = writerFunction(stack, 'Tagger');
    tagger.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObjectTagging', 's3:PutBucketTagging'], resources: [bucket.bucketArn, bucket.arnForObjects('*')] }));
    const onUpload = writerFunction(stack, 'OnUpload');
    bucket.addObjectCreatedNotification(new s3n.LambdaDestination(onUpload));
    const { checker, error } = synthWithChecker(app);
    expect(error).toBeUndefined();
    for (const fn of [reader, deleter, aclSetter, lister, tagger, onUpload]) expect(findingsOf(checker, fn)).toEqual([]);
    // The notifications handler and the auto-delete provider are CDK's own functions: neither writes objects.
    expect(checker.findings).toEqual([]);
  });

  test('a Deny-only statement that mentions s3:PutObject is not an intent', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Guarded');
    bucket.grantRead(fn);
    fn.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] }));
    const { checker, error } = synthWithChecker(app);
    expect(findingsOf(checker, fn)).toEqual([]);
    expect(error).toBeUndefined();
  });

  test('a function with s3:* on "*" (an admin-ish role) and a locked bucket it never writes: synth must not fail', () => {
    // The bucket denies everyone but its own writer. Another function has a broad s3:* on "*" for unrelated buckets.
    // Nothing says that function writes to the locked bucket; a DENY would fail synth for an app that works.
    const app = newApp();
    const stack = stackIn(app, 'App');
    const locked = new s3.Bucket(stack, 'Locked');
    const owner = writerFunction(stack, 'Owner');
    locked.grantPut(owner);
    locked.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:PutObject'],
      resources: [locked.arnForObjects('*')],
      conditions: { ArnNotEquals: { 'aws:PrincipalArn': owner.role!.roleArn } },
    }));
    const ops = writerFunction(stack, 'Ops');
    ops.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    const { checker, error } = synthWithChecker(app);
    expect(error).toBeUndefined();
    expect(describeFinding(verdictFor(checker, owner, locked))).toBe('ALLOW [] ');
    for (const f of findingsOf(checker, ops)) expectNotDeny(f);
  });

  test('…but a declared write of that broad function to the locked bucket is DENY', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const locked = new s3.Bucket(stack, 'Locked');
    const owner = writerFunction(stack, 'Owner');
    locked.grantPut(owner);
    locked.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:PutObject'],
      resources: [locked.arnForObjects('*')],
      conditions: { ArnNotEquals: { 'aws:PrincipalArn': owner.role!.roleArn } },
    }));
    const ops = writerFunction(stack, 'Ops');
    ops.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    WriteAccessChecker.expectWrite(ops, locked);
    const finding = verdictFor(synthWithChecker(app).checker, ops, locked, 'declared');
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(finding.causes.map(c => c.code)).toContain('BUCKET_POLICY_DENY');
  });

  test('BucketDeployment\'s handler writes; the asset bucket it reads from is not an intent', () => {
    const app = newApp();
    const stack = stackIn(app, 'Site');
    const bucket = new s3.Bucket(stack, 'Bucket');
    new s3deploy.BucketDeployment(stack, 'Deploy', { destinationBucket: bucket, sources: [s3deploy.Source.data('a.txt', 'a')] });
    const { checker, error } = synthWithChecker(app);
    expect(error).toBeUndefined();
    expect(checker.findings.map(f => f.bucket)).toEqual(['Site/Bucket']);
    expect(checker.findings[0].verdict).toBe(WriteVerdict.ALLOW);
  });
});

describe('declared intents', () => {
  test('expectWrite twice for two prefixes: one finding each, each judged on its own', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn, 'a/*');
    WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'a/' });
    WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'b/' });
    const { checker } = synthWithChecker(app);
    const declared = findingsOf(checker, fn).filter(f => f.intent === 'declared');
    expect(declared.map(f => `${f.keyPattern}:${f.verdict}`).sort()).toEqual(['a/*:ALLOW', 'b/*:DENY']);
  });

  test('expectWrite on the function\'s alias and version reaches the function', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn.addAlias('live'), bucket, { keyPrefix: 'x/' });
    const { checker, error } = synthWithChecker(app);
    expect(error).toBeUndefined();
    expect(describeFinding(verdictFor(checker, fn, bucket, 'declared'))).toBe('ALLOW [] ');
  });

  test('the request names a KMS key (x-amz-server-side-encryption-aws-kms-key-id) the role may not use: DENY; a key it may: ALLOW', () => {
    for (const granted of [false, true]) {
      const app = newApp();
      const stack = stackIn(app, 'App');
      const bucket = new s3.Bucket(stack, 'Bucket');
      const key = new kms.Key(stack, 'Key');
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn);
      if (granted) key.grantEncryptDecrypt(fn);
      WriteAccessChecker.expectWrite(fn, bucket, { request: { kmsKey: key } });
      const finding = verdictFor(synthWithChecker(app).checker, fn, bucket, 'declared');
      if (granted) {expect(describeFinding(finding)).toBe('ALLOW [] ');} else {
        expect(finding.verdict).toBe(WriteVerdict.DENY);
        expect(finding.causes.map(c => c.code)).toContain('KMS_IDENTITY');
      }
    }
  });
});

