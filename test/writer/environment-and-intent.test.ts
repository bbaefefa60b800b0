import { CfnParameter } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ACCOUNT, functionProps, newStack, onlyResource, REGION, synthWriter } from './support/fixtures';
import { SecureLambdaWriter, ObjectEncryption, CannedAcl } from '../../src';
import { INTENT_METADATA_KEY, RecordedIntent } from '../../src/contract/intent';

function functionResource(template: Template): any {
  return onlyResource(template, 'AWS::Lambda::Function').resource;
}

function intents(template: Template): RecordedIntent[] {
  return functionResource(template).Metadata[INTENT_METADATA_KEY];
}

describe('the function environment states the contract', () => {
  test('SSE-S3 writer: bucket name, prefix, SSE mode; no KMS, tag or ACL variables', () => {
    const { template } = synthWriter({ keyPrefix: 'in/' });
    const bucketId = onlyResource(template, 'AWS::S3::Bucket').logicalId;
    expect(functionResource(template).Properties.Environment.Variables).toEqual({
      WRITER_BUCKET_NAME: { Ref: bucketId }, WRITER_KEY_PREFIX: 'in/', WRITER_SSE: 'AES256',
    });
  });

  test('KMS, tags and ACL writer: every variable, and writer.environment/requiredHeaders agree', () => {
    const { template, writer, stack } = synthWriter({
      encryption: ObjectEncryption.KMS,
      bucketKeyEnabled: false,
      objectTags: { team: 'a' },
      acl: CannedAcl.BUCKET_OWNER_FULL_CONTROL,
    });
    const vars = functionResource(template).Properties.Environment.Variables;
    expect(vars).toEqual({
      WRITER_BUCKET_NAME: { Ref: onlyResource(template, 'AWS::S3::Bucket').logicalId },
      WRITER_KEY_PREFIX: '',
      WRITER_SSE: 'aws:kms',
      WRITER_KMS_KEY_ARN: { 'Fn::GetAtt': [onlyResource(template, 'AWS::KMS::Key').logicalId, 'Arn'] },
      WRITER_BUCKET_KEY_ENABLED: 'false',
      WRITER_OBJECT_TAGS: '{"team":"a"}',
      WRITER_ACL: 'bucket-owner-full-control',
    });
    expect(stack.resolve(writer.environment)).toEqual(vars);
    expect(writer.requiredHeaders).toEqual([
      'x-amz-server-side-encryption', 'x-amz-server-side-encryption-aws-kms-key-id',
      'x-amz-server-side-encryption-bucket-key-enabled', 'x-amz-tagging', 'x-amz-acl',
    ]);
  });

  test('the user\'s own variables are kept; a clash with a writer variable is refused', () => {
    const { template } = synthWriter({ functionProps: functionProps({ environment: { MODE: 'x' } }) });
    expect(functionResource(template).Properties.Environment.Variables.MODE).toBe('x');
    expect(() => synthWriter({ functionProps: functionProps({ environment: { WRITER_SSE: 'none' } }) }))
      .toThrow(/functionProps\.environment\.WRITER_SSE: the writer sets this variable itself/);
  });

  test('an existing function gets the variables under its environmentPrefix', () => {
    const { stack } = newStack();
    const fn = new lambda.Function(stack, 'Fn', functionProps({ environment: { KEEP: '1' } }));
    new SecureLambdaWriter(stack, 'W', { function: fn, environmentPrefix: 'ARCHIVE_', keyPrefix: 'a/' });
    const vars = functionResource(Template.fromStack(stack)).Properties.Environment.Variables;
    expect(vars.KEEP).toBe('1');
    expect(vars.ARCHIVE_KEY_PREFIX).toBe('a/');
    expect(vars.WRITER_KEY_PREFIX).toBeUndefined();
  });
});

describe('the writer records its exact request profile for the WriteAccessChecker (literals only)', () => {
  test('new bucket and key: construct paths of the CfnBucket and CfnKey', () => {
    const { template } = synthWriter({ keyPrefix: 'in/', encryption: ObjectEncryption.KMS, objectTags: { team: 'a' }, multipart: true });
    expect(intents(template)).toEqual([{
      source: 'construct',
      bucket: { constructPath: 'Stack/Writer/Bucket/Resource', account: ACCOUNT, region: REGION, encryptionKeyArn: 'Stack/Writer/Key/Resource' },
      keyPrefix: 'in/',
      request: {
        serverSideEncryption: 'aws:kms',
        bucketKeyEnabled: true,
        sseKmsKeyId: 'Stack/Writer/Key/Resource',
        sseKmsKeyPath: 'Stack/Writer/Key/Resource',
        tags: { team: 'a' },
        multipart: true,
        secureTransport: true,
      },
      writer: 'Stack/Writer',
    }]);
  });

  test('SSE-S3 with an ACL: no KMS fields, the ACL recorded', () => {
    const [intent] = intents(synthWriter({ acl: CannedAcl.BUCKET_OWNER_FULL_CONTROL }).template);
    expect(intent.request).toEqual({ serverSideEncryption: 'AES256', acl: 'bucket-owner-full-control', multipart: false, secureTransport: true });
  });

  test('Object Lock: variables, headers and the recorded profile', () => {
    const { template, writer } = synthWriter({
      objectLockMode: s3.ObjectLockMode.GOVERNANCE, objectLockRetentionDays: 30, objectLockLegalHold: true,
    });
    expect(functionResource(template).Properties.Environment.Variables).toMatchObject({
      WRITER_OBJECT_LOCK_MODE: 'GOVERNANCE', WRITER_OBJECT_LOCK_RETENTION_DAYS: '30', WRITER_OBJECT_LOCK_LEGAL_HOLD: 'ON',
    });
    expect(writer.requiredHeaders).toEqual(expect.arrayContaining(['x-amz-object-lock-mode', 'x-amz-object-lock-retain-until-date', 'x-amz-object-lock-legal-hold']));
    expect(intents(template)[0].request).toMatchObject({ objectLockMode: 'GOVERNANCE', objectLockLegalHold: true });
  });

  test('imported bucket and key: literal name and ARN, and the owner-statements output', () => {
    const { stack } = newStack();
    const keyArn = `arn:aws:kms:${REGION}:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const bucket = s3.Bucket.fromBucketAttributes(stack, 'B', { bucketName: 'partner-drop', account: '222222222222', region: REGION });
    new SecureLambdaWriter(stack, 'W', { functionProps: functionProps(), bucket, encryptionKey: kms.Key.fromKeyArn(stack, 'K', keyArn) });
    const [intent] = intents(Template.fromStack(stack));
    expect(intent.bucket).toEqual({ bucketName: 'partner-drop', account: '222222222222', region: REGION, encryptionKeyArn: keyArn });
    expect(intent.request.sseKmsKeyId).toBe(keyArn);
    expect(intent.request.sseKmsKeyPath).toBeUndefined();
    expect(intent.ownerStatementsOutput).toBe('Stack/W/OwnerPolicyStatements');
  });

  test('an imported bucket known only by a token is not recorded, with a warning saying why', () => {
    const { stack } = newStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'B', new CfnParameter(stack, 'BucketName').valueAsString);
    new SecureLambdaWriter(stack, 'W', { functionProps: functionProps(), bucket });
    const template = Template.fromStack(stack);
    expect(functionResource(template).Metadata?.[INTENT_METADATA_KEY]).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('/Stack/W', Match.stringLikeRegexp('cannot name it'));
  });
});
