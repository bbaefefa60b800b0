import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { WriteAccessChecker, ObjectEncryption, WriteVerdict } from '../../../src/checker';
import { denyEveryone, describeFinding, expectNotDeny, findingsOf, synthWithChecker, writerFunction } from '../../support/harness';
import { scenario, Scenario } from '../../support/scenario';

// Where intents come from (the public API): declared with expectWrite, or inferred from an identity-policy
// Allow of s3:PutObject that reaches a bucket of the app. An inferred intent does not know the request, so a bucket
// policy that needs a header the default SDK request lacks makes it CONDITIONAL, never DENY; and a function that
// only reads, lists or deletes must get no write finding at all.

/** A KMS-encrypted bucket its function may put to (grantPut). */
const kmsBucketWriter = () => scenario().withBucket({ encryption: s3.BucketEncryption.KMS_MANAGED }).withWriter().grantPut();

/** The common "deny uploads without SSE-KMS" statement (S3 User Guide, "Requiring server-side encryption"). */
const requireKmsHeader = (s: Scenario) => s.deny({
  sid: 'DenyUnEncryptedObjectUploads', conditions: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
});

describe('inferred intents against header conditions: CONDITIONAL, never DENY', () => {
  test.each([
    ['StringNotEquals s3:x-amz-server-side-encryption aws:kms', requireKmsHeader],
    ['Null s3:x-amz-server-side-encryption true', (s: Scenario) => s.deny({ conditions: { Null: { 's3:x-amz-server-side-encryption': 'true' } } })],
    ['StringNotEquals s3:x-amz-acl bucket-owner-full-control', (s: Scenario) => s.deny({ conditions: { StringNotEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } } })],
    ['StringNotEquals s3:x-amz-storage-class STANDARD_IA', (s: Scenario) => s.deny({ conditions: { StringNotEquals: { 's3:x-amz-storage-class': 'STANDARD_IA' } } })],
    ['Null s3:RequestObjectTag/classification true (requires a tag)', (s: Scenario) => s.deny({ conditions: { Null: { 's3:RequestObjectTag/classification': 'true' } } })],
  ] as Array<[string, (s: Scenario) => void]>)('%s: inferred → CONDITIONAL; declared with the default request → DENY', (_n, addPolicy) => {
    for (const declared of [false, true]) {
      const s = kmsBucketWriter().with(addPolicy);
      if (declared) s.expectWrite();
      const outcome = s.check();
      const finding = outcome.findingOf(declared ? 'declared' : 'inferred');
      if (declared) {
        expect(finding.verdict).toBe(WriteVerdict.DENY);
        expect(outcome.error).toBeDefined();
      } else {
        expect(describeFinding(finding)).toMatch(/^CONDITIONAL \[REQUEST_CONDITION\]/);
        expect(outcome.error).toBeUndefined();
      }
    }
  });

  test('declared with the header the policy needs: ALLOW', () => {
    const outcome = kmsBucketWriter().with(requireKmsHeader).expectWrite({ request: { encryption: ObjectEncryption.KMS } }).check();
    expect(describeFinding(outcome.findingOf('declared'))).toBe('ALLOW [] ');
  });

  test.each([
    ['an inferred intent on an enforceSSL + minimumTLSVersion 1.2 bucket: not DENY (SDKs use TLS 1.2+)', false],
    ['…the same with a declared intent: not DENY either (the profile promises HTTPS; Node 22 negotiates TLS 1.2 or 1.3)', true],
  ])('%s', (_n, declared) => {
    const s = scenario().withBucket({ enforceSSL: true, minimumTLSVersion: 1.2 }).withWriter().grantPut();
    if (declared) s.expectWrite();
    const outcome = s.check();
    expectNotDeny(declared ? outcome.findingOf('declared') : outcome.finding);
    expect(outcome.error).toBeUndefined();
  });
});

describe('no invented intents', () => {
  test('functions that only read, list, delete, or set ACLs/notifications get no write finding', () => {
    const s = scenario().withBucket({ encryption: s3.BucketEncryption.KMS, autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
    const { stack, bucket } = s;
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
    const { checker, error } = s.useWriter(reader).check();
    expect(error).toBeUndefined();
    for (const fn of [reader, deleter, aclSetter, lister, tagger, onUpload]) expect(findingsOf(checker, fn)).toEqual([]);
    // The notifications handler and the auto-delete provider are CDK's own functions: neither writes objects.
    expect(checker.findings).toEqual([]);
  });

  test('a Deny-only statement that mentions s3:PutObject is not an intent', () => {
    const s = scenario().withBucket().withWriter();
    s.bucket.grantRead(s.fn);
    const outcome = s.roleAllows({ effect: iam.Effect.DENY, actions: ['s3:PutObject'], resources: [s.bucket.arnForObjects('*')] }).check();
    expect(outcome.findings).toEqual([]);
    expect(outcome.error).toBeUndefined();
  });

  /**
   * The bucket denies everyone but its own writer ('Owner'); another function ('Ops') has a broad s3:* on "*" for
   * unrelated buckets.
   */
  function lockedBucketAndBroadFunction() {
    const s = scenario();
    const locked = new s3.Bucket(s.stack, 'Locked');
    const owner = writerFunction(s.stack, 'Owner');
    locked.grantPut(owner);
    locked.addToResourcePolicy(denyEveryone(locked, { conditions: { ArnNotEquals: { 'aws:PrincipalArn': owner.role!.roleArn } } }));
    const ops = writerFunction(s.stack, 'Ops');
    ops.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    return { s: s.useBucket(locked).useWriter(ops), owner, ops };
  }

  test('a function with s3:* on "*" (an admin-ish role) and a locked bucket it never writes: synth must not fail', () => {
    // Nothing says the broad function writes to the locked bucket; a DENY would fail synth for an app that works.
    const { s, owner, ops } = lockedBucketAndBroadFunction();
    const outcome = s.useWriter(owner).check();
    expect(outcome.error).toBeUndefined();
    expect(describeFinding(outcome.finding)).toBe('ALLOW [] ');
    for (const f of findingsOf(outcome.checker, ops)) expectNotDeny(f);
  });

  test('…but a declared write of that broad function to the locked bucket is DENY', () => {
    const { s } = lockedBucketAndBroadFunction();
    const finding = s.expectWrite().check().findingOf('declared');
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(finding.causes.map(c => c.code)).toContain('BUCKET_POLICY_DENY');
  });

  test('BucketDeployment\'s handler writes; the asset bucket it reads from is not an intent', () => {
    const s = scenario({ stackId: 'Site' }).withBucket();
    new s3deploy.BucketDeployment(s.stack, 'Deploy', { destinationBucket: s.bucket, sources: [s3deploy.Source.data('a.txt', 'a')] });
    const { checker, error } = synthWithChecker(s.app);
    expect(error).toBeUndefined();
    expect(checker.findings.map(f => f.bucket)).toEqual(['Site/Bucket']);
    expect(checker.findings[0].verdict).toBe(WriteVerdict.ALLOW);
  });
});

describe('declared intents', () => {
  test('expectWrite twice for two prefixes: one finding each, each judged on its own', () => {
    const s = scenario().withBucket().withWriter().grantPut('a/*').expectWrite({ keyPrefix: 'a/' }).expectWrite({ keyPrefix: 'b/' });
    const declared = s.check().findings.filter(f => f.intent === 'declared');
    expect(declared.map(f => `${f.keyPattern}:${f.verdict}`).sort()).toEqual(['a/*:ALLOW', 'b/*:DENY']);
  });

  test('expectWrite on the function\'s alias and version reaches the function', () => {
    const s = scenario().withBucket().withWriter().grantPut();
    WriteAccessChecker.expectWrite(s.fn.addAlias('live'), s.bucket, { keyPrefix: 'x/' });
    const outcome = s.check();
    expect(outcome.error).toBeUndefined();
    expect(describeFinding(outcome.findingOf('declared'))).toBe('ALLOW [] ');
  });

  test('the request names a KMS key (x-amz-server-side-encryption-aws-kms-key-id) the role may not use: DENY; a key it may: ALLOW', () => {
    for (const granted of [false, true]) {
      const s = scenario().withBucket().withWriter().grantPut();
      const key = new kms.Key(s.stack, 'Key');
      if (granted) key.grantEncryptDecrypt(s.fn);
      const finding = s.expectWrite({ request: { kmsKey: key } }).check().findingOf('declared');
      if (granted) {expect(describeFinding(finding)).toBe('ALLOW [] ');} else {
        expect(finding.verdict).toBe(WriteVerdict.DENY);
        expect(finding.causes.map(c => c.code)).toContain('KMS_IDENTITY');
      }
    }
  });
});
