import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { actionsOf, ACCOUNT, bySid, functionProps, hasSid, keyPolicyStatements, newStack, onlyResource, REGION, synthWriter, writerPolicyStatements } from './support/fixtures';
import { ObjectEncryption, SecureLambdaWriter } from '../../src';

// https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html (GenerateDataKey for PUT, Decrypt for parts)
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html (context = bucket ARN with a Bucket Key)
describe('SSE-KMS: kms:GenerateDataKey on that key only, through S3 only, for this bucket only', () => {
  test('new bucket, KMS: a new key with rotation on; identity statement with ViaService and the bucket-ARN context', () => {
    const { template } = synthWriter({ encryption: ObjectEncryption.KMS, keyPrefix: 'in/' });
    const key = onlyResource(template, 'AWS::KMS::Key');
    expect(key.resource.Properties.EnableKeyRotation).toBe(true);
    const bucket = onlyResource(template, 'AWS::S3::Bucket');
    expect(bucket.resource.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toEqual({
      BucketKeyEnabled: true,
      ServerSideEncryptionByDefault: { KMSMasterKeyID: { 'Fn::GetAtt': [key.logicalId, 'Arn'] }, SSEAlgorithm: 'aws:kms' },
    });
    const use = bySid(writerPolicyStatements(template), 'WriterUseKeyViaS3');
    expect(actionsOf(use)).toEqual(['kms:GenerateDataKey']);
    expect(use.Resource).toEqual({ 'Fn::GetAtt': [key.logicalId, 'Arn'] });
    expect(use.Condition).toEqual({
      StringEquals: {
        'kms:ViaService': `s3.${REGION}.amazonaws.com`,
        'kms:EncryptionContext:aws:s3:arn': { 'Fn::GetAtt': [bucket.logicalId, 'Arn'] },
      },
    });
  });

  test('bucketKeyEnabled: false: the context is the object ARN under the prefix (StringLike)', () => {
    const { template } = synthWriter({ encryption: ObjectEncryption.KMS, bucketKeyEnabled: false, keyPrefix: 'in/' });
    const bucketId = onlyResource(template, 'AWS::S3::Bucket').logicalId;
    const use = bySid(writerPolicyStatements(template), 'WriterUseKeyViaS3');
    expect(use.Condition.StringLike).toEqual({
      'kms:EncryptionContext:aws:s3:arn': { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/in/*']] },
    });
    expect(use.Condition.StringEquals['kms:EncryptionContext:aws:s3:arn']).toBeUndefined();
    expect(onlyResource(template, 'AWS::S3::Bucket').resource.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].BucketKeyEnabled).toBe(false);
  });

  test('multipart adds kms:Decrypt to the same statement; without multipart there is no Decrypt', () => {
    const multipart = bySid(writerPolicyStatements(synthWriter({ encryption: ObjectEncryption.KMS, multipart: true }).template), 'WriterUseKeyViaS3');
    expect(actionsOf(multipart)).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    const single = bySid(writerPolicyStatements(synthWriter({ encryption: ObjectEncryption.KMS }).template), 'WriterUseKeyViaS3');
    expect(actionsOf(single)).toEqual(['kms:GenerateDataKey']);
  });

  test('SSE-S3: no KMS statement, no key', () => {
    const { template } = synthWriter();
    expect(hasSid(writerPolicyStatements(template), 'WriterUseKeyViaS3')).toBe(false);
    template.resourceCountIs('AWS::KMS::Key', 0);
    expect(onlyResource(template, 'AWS::S3::Bucket').resource.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]
      .ServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
  });

  test('the key policy of a key of the writer allows the role, through S3 only', () => {
    const { template } = synthWriter({ encryption: ObjectEncryption.KMS, multipart: true });
    const roleId = onlyResource(template, 'AWS::IAM::Role').logicalId;
    const stmt = bySid(keyPolicyStatements(template), 'WriterUseKeyViaS3');
    expect(stmt.Principal).toEqual({ AWS: { 'Fn::GetAtt': [roleId, 'Arn'] } });
    expect(actionsOf(stmt)).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(stmt.Resource).toBe('*');
    expect(Object.keys(stmt.Condition.StringEquals)).toEqual(['kms:ViaService']);
  });

  test('an app key with an existing SSE-S3 bucket: the key policy also carries the bucket context (no cycle)', () => {
    const { stack } = newStack();
    const key = new kms.Key(stack, 'AppKey', { enableKeyRotation: true });
    const bucket = new s3.Bucket(stack, 'AppBucket', { enforceSSL: true });
    new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), bucket, encryptionKey: key });
    const template = Template.fromStack(stack);
    const stmt = bySid(keyPolicyStatements(template), 'WriterUseKeyViaS3');
    expect(stmt.Condition.StringEquals['kms:EncryptionContext:aws:s3:arn']).toEqual({ 'Fn::GetAtt': [onlyResource(template, 'AWS::S3::Bucket').logicalId, 'Arn'] });
  });

  test('an existing bucket with its own key: the writer uses that key, no new key', () => {
    const { stack } = newStack();
    const bucket = new s3.Bucket(stack, 'AppBucket', { encryption: s3.BucketEncryption.KMS, enforceSSL: true });
    const writer = new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), bucket });
    expect(writer.encryptionKey).toBe(bucket.encryptionKey);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    const keyId = onlyResource(template, 'AWS::KMS::Key').logicalId;
    expect(bySid(writerPolicyStatements(template), 'WriterUseKeyViaS3').Resource).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
  });

  test('an imported key: the key policy statements are reported for its owner, with the context, in a CfnOutput', () => {
    const { stack } = newStack();
    const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const bucket = new s3.Bucket(stack, 'AppBucket', { enforceSSL: true });
    const writer = new SecureLambdaWriter(stack, 'Writer', {
      functionProps: functionProps(), bucket, encryptionKey: kms.Key.fromKeyArn(stack, 'Imported', keyArn),
    });
    expect(writer.ownerBucketPolicyStatements).toEqual([]);
    expect(writer.ownerKeyPolicyStatements).toHaveLength(1);
    const json = stack.resolve(writer.ownerKeyPolicyStatements[0].toStatementJson());
    expect(json.Action).toBe('kms:GenerateDataKey');
    expect(json.Condition.StringEquals['kms:EncryptionContext:aws:s3:arn']).toBeDefined();
    const template = Template.fromStack(stack);
    const outputs = template.findOutputs('*');
    expect(Object.keys(outputs).filter((k) => k.includes('OwnerPolicyStatements'))).toHaveLength(1);
    // Identity side still names the imported key's literal ARN.
    expect(bySid(writerPolicyStatements(template), 'WriterUseKeyViaS3').Resource).toBe(keyArn);
  });
});
