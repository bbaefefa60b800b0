import { Aws, CfnParameter, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CannedAcl, WriteAccessChecker, ObjectEncryption } from '../../src/checker';
import { INTENT_METADATA_KEY, RecordedIntent } from '../../src/contract/intent';
import { newApp, templateOf, writerFunction } from '../support/harness';

/** The intents recorded on the function's resource in the synthesized template. */
function recordedIntents(stack: Stack, fn: lambda.Function): RecordedIntent[] {
  const logicalId = stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction);
  return templateOf(stack).Resources[logicalId].Metadata[INTENT_METADATA_KEY];
}

function setup() {
  const app = newApp();
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
  const fn = writerFunction(stack, 'Fn');
  const bucket = new s3.Bucket(stack, 'Bucket');
  return { app, stack, fn, bucket };
}

describe('WriteAccessChecker.expectWrite records the declared intent on the function', () => {
  test('a bucket of the app by the construct path of its CfnBucket; the default request is empty', () => {
    const { stack, fn, bucket } = setup();
    WriteAccessChecker.expectWrite(fn, bucket);
    expect(recordedIntents(stack, fn)).toEqual([
      { source: 'declared', bucket: { constructPath: 'Stack/Bucket/Resource' }, keyPrefix: '', request: {} },
    ]);
  });

  test('the key prefix exactly as the code uses it, odd leading slash included', () => {
    const { stack, fn, bucket } = setup();
    WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: '/out/' });
    expect(recordedIntents(stack, fn)[0].keyPrefix).toBe('/out/');
  });

  test('several intents accumulate in declaration order', () => {
    const { stack, fn, bucket } = setup();
    const other = new s3.Bucket(stack, 'Other');
    WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'a/' });
    WriteAccessChecker.expectWrite(fn, other, { keyPrefix: 'b/' });
    expect(recordedIntents(stack, fn).map(i => [i.bucket.constructPath, i.keyPrefix])).toEqual([
      ['Stack/Bucket/Resource', 'a/'], ['Stack/Other/Resource', 'b/'],
    ]);
  });

  test('the full request profile maps to the header values S3 sees', () => {
    const { stack, fn, bucket } = setup();
    const key = new kms.Key(stack, 'Key');
    WriteAccessChecker.expectWrite(fn, bucket, {
      keyPrefix: 'in/',
      request: {
        encryption: ObjectEncryption.KMS,
        kmsKey: key,
        bucketKeyEnabled: true,
        acl: CannedAcl.BUCKET_OWNER_FULL_CONTROL,
        objectTags: { team: 'a' },
        multipart: true,
        objectLockMode: s3.ObjectLockMode.GOVERNANCE,
        objectLockLegalHold: true,
        storageClass: 'STANDARD_IA',
        requesterPays: true,
        sseCustomerKey: false,
      },
    });
    expect(recordedIntents(stack, fn)[0].request).toEqual({
      serverSideEncryption: 'aws:kms',
      sseKmsKeyId: 'Stack/Key/Resource',
      sseKmsKeyPath: 'Stack/Key/Resource',
      bucketKeyEnabled: true,
      acl: CannedAcl.BUCKET_OWNER_FULL_CONTROL,
      tags: { team: 'a' },
      multipart: true,
      objectLockMode: 'GOVERNANCE',
      objectLockLegalHold: true,
      storageClass: 'STANDARD_IA',
      requesterPays: true,
      sseCustomerKey: false,
    });
  });

  test.each([
    [ObjectEncryption.NONE, undefined],
    [ObjectEncryption.S3_MANAGED, 'AES256'],
    [ObjectEncryption.KMS, 'aws:kms'],
    [ObjectEncryption.KMS_DSSE, 'aws:kms:dsse'],
  ])('encryption %s sends header %s', (sse, header) => {
    const { stack, fn, bucket } = setup();
    WriteAccessChecker.expectWrite(fn, bucket, { request: { encryption: sse } });
    expect(recordedIntents(stack, fn)[0].request.serverSideEncryption).toBe(header);
  });

  test('a KMS key alone implies SSE-KMS (S3 rejects the key header without it)', () => {
    const { stack, fn, bucket } = setup();
    WriteAccessChecker.expectWrite(fn, bucket, { request: { kmsKey: new kms.Key(stack, 'Key') } });
    expect(recordedIntents(stack, fn)[0].request.serverSideEncryption).toBe('aws:kms');
  });

  test('a KMS key with SSE-S3 is a contradiction and says so', () => {
    const { stack, fn, bucket } = setup();
    expect(() => WriteAccessChecker.expectWrite(fn, bucket, {
      request: { kmsKey: new kms.Key(stack, 'Key'), encryption: ObjectEncryption.S3_MANAGED },
    })).toThrow(/kmsKey is only sent with encryption KMS/);
  });

  test('an imported key by its literal ARN; an alias of an app key by the key\'s path', () => {
    const { stack, fn, bucket } = setup();
    const arn = 'arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const key = new kms.Key(stack, 'Key');
    const alias = new kms.Alias(stack, 'Alias', { aliasName: 'alias/ingest', targetKey: key });
    WriteAccessChecker.expectWrite(fn, bucket, { request: { kmsKey: kms.Key.fromKeyArn(stack, 'Imported', arn) } });
    WriteAccessChecker.expectWrite(fn, bucket, { request: { kmsKey: alias } });
    const [imported, aliased] = recordedIntents(stack, fn);
    expect(imported.request).toEqual({ serverSideEncryption: 'aws:kms', sseKmsKeyId: arn });
    expect(aliased.request.sseKmsKeyPath).toBe('Stack/Key/Resource');
  });

  test('an imported bucket by its literal name, with the account and key the import names', () => {
    const { stack, fn } = setup();
    const keyArn = 'arn:aws:kms:eu-west-1:222222222222:key/k';
    const byName = s3.Bucket.fromBucketName(stack, 'ByName', 'partner-drop');
    const byAttrs = s3.Bucket.fromBucketAttributes(stack, 'ByAttrs', {
      bucketArn: 'arn:aws:s3:::partner-other',
      account: '222222222222',
      encryptionKey: kms.Key.fromKeyArn(stack, 'PartnerKey', keyArn),
    });
    WriteAccessChecker.expectWrite(fn, byName);
    WriteAccessChecker.expectWrite(fn, byAttrs);
    const [first, second] = recordedIntents(stack, fn);
    expect(first.bucket).toEqual({ bucketName: 'partner-drop' });
    expect(second.bucket).toEqual({
      bucketName: 'partner-other', bucketArn: 'arn:aws:s3:::partner-other', account: '222222222222', encryptionKeyArn: keyArn,
    });
  });

  test('a bucket of another stack imported by name token is the app bucket, by path, with no cross-stack reference', () => {
    const app = newApp();
    const data = new Stack(app, 'Data');
    const bucket = new s3.Bucket(data, 'Bucket');
    const compute = new Stack(app, 'Compute');
    const fn = writerFunction(compute, 'Fn');
    WriteAccessChecker.expectWrite(fn, s3.Bucket.fromBucketName(compute, 'Ref', bucket.bucketName));
    expect(recordedIntents(compute, fn)[0].bucket).toEqual({ constructPath: 'Data/Bucket/Resource' });
    expect(JSON.stringify(templateOf(compute))).not.toContain('Fn::ImportValue');
    expect(templateOf(data).Outputs).toBeUndefined();
  });

  test('an imported bucket whose name is an unresolvable token is named by its import path (UNKNOWN, never a token)', () => {
    const { stack, fn } = setup();
    const name = new CfnParameter(stack, 'BucketName').valueAsString;
    WriteAccessChecker.expectWrite(fn, s3.Bucket.fromBucketName(stack, 'FromParam', name));
    expect(recordedIntents(stack, fn)[0].bucket).toEqual({ constructPath: 'Stack/FromParam' });
  });

  test('an alias or a version of a function records the intent on the function it points to', () => {
    const { stack, fn, bucket } = setup();
    const alias = new lambda.Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion });
    WriteAccessChecker.expectWrite(alias, bucket, { keyPrefix: 'alias/' });
    WriteAccessChecker.expectWrite(fn.currentVersion, bucket, { keyPrefix: 'version/' });
    expect(recordedIntents(stack, fn).map(i => i.keyPrefix)).toEqual(['alias/', 'version/']);
  });

  test('an access point by its attrArn token is recorded by its construct path', () => {
    const { stack, fn, bucket } = setup();
    const ap = new s3.CfnAccessPoint(stack, 'AccessPoint', { bucket: bucket.bucketName });
    WriteAccessChecker.expectWrite(fn, bucket, { request: { accessPoint: ap.attrArn } });
    WriteAccessChecker.expectWrite(fn, bucket, { request: { accessPoint: 'arn:aws:s3:eu-west-1:111111111111:accesspoint/ap' } });
    expect(recordedIntents(stack, fn).map(i => i.request.accessPoint)).toEqual([
      'Stack/AccessPoint', 'arn:aws:s3:eu-west-1:111111111111:accesspoint/ap',
    ]);
  });
});

describe('WriteAccessChecker.expectWrite refuses what it cannot record', () => {
  test('an imported function: the error names fn and the fix', () => {
    const { stack, bucket } = setup();
    const imported = lambda.Function.fromFunctionArn(stack, 'Imported', 'arn:aws:lambda:eu-west-1:111111111111:function:f');
    expect(() => WriteAccessChecker.expectWrite(imported, bucket))
      .toThrow(/`fn` \(Stack\/Imported\) is not a function of this app.*Declare the intent in the app that defines the function/);
  });

  test('a token key prefix', () => {
    const { fn, bucket } = setup();
    expect(() => WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: Aws.STACK_NAME }))
      .toThrow(/keyPrefix must be the literal prefix/);
  });

  test('an ACL that is not a canned ACL', () => {
    const { fn, bucket } = setup();
    // JavaScript callers are not held to the enum by a compiler: a wrong string still fails clearly.
    expect(() => WriteAccessChecker.expectWrite(fn, bucket, { request: { acl: 'PublicRead' as CannedAcl } }))
      .toThrow(/acl 'PublicRead' is not a canned ACL/);
  });

  test('objectTags holding tokens', () => {
    const { stack, fn, bucket } = setup();
    expect(() => WriteAccessChecker.expectWrite(fn, bucket, { request: { objectTags: { stack: stack.stackId } } }))
      .toThrow(/objectTags must be the literal tags/);
  });
});
