import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ACCOUNT, actionsOf, bucketPolicyStatements, bySid, functionProps, hasSid, newStack, onlyResource, REGION, synthWriter } from './support/fixtures';
import { ObjectEncryption, SecureLambdaWriter } from '../../src';

function roleArnOf(template: Template): any {
  return { 'Fn::GetAtt': [onlyResource(template, 'AWS::IAM::Role').logicalId, 'Arn'] };
}

describe('a new bucket has secure defaults (S3 security best practices)', () => {
  test('Block Public Access, BucketOwnerEnforced, versioning, TLS-only policy', () => {
    const { template } = synthWriter();
    const bucket = onlyResource(template, 'AWS::S3::Bucket').resource.Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
    });
    expect(bucket.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const tls = bucketPolicyStatements(template).find((s) => s.Condition?.Bool?.['aws:SecureTransport'] === 'false');
    expect(tls?.Effect).toBe('Deny');
  });

  test('bucketProps refine the defaults (e.g. lifecycle rules) without removing them', () => {
    const { template } = synthWriter({ bucketProps: { lifecycleRules: [{ expiration: Duration.days(30) }] } });
    const bucket = onlyResource(template, 'AWS::S3::Bucket').resource.Properties;
    expect(bucket.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(30);
    expect(bucket.PublicAccessBlockConfiguration.BlockPublicAcls).toBe(true);
  });
});

describe('the bucket policy agrees with the role: an Allow on the prefix, and only denies the writer satisfies', () => {
  test('Allow for the role on bucket/prefix* with the identity statement\'s actions', () => {
    const { template } = synthWriter({ keyPrefix: 'in/', objectTags: { team: 'a' } });
    const allow = bySid(bucketPolicyStatements(template), 'WriterPutObject');
    expect(allow.Effect).toBe('Allow');
    expect(allow.Principal).toEqual({ AWS: roleArnOf(template) });
    expect(actionsOf(allow)).toEqual(['s3:PutObject', 's3:PutObjectTagging']);
    expect(allow.Resource['Fn::Join'][1][1]).toBe('/in/*');
  });

  test('no deny of the writer\'s own statements by default: only the TLS deny', () => {
    const denies = bucketPolicyStatements(synthWriter().template).filter((s) => s.Effect === 'Deny');
    expect(denies).toHaveLength(1);
    expect(denies[0].Condition).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
  });

  test('enforceEncryptionHeader (SSE-S3): deny writes without x-amz-server-side-encryption: AES256', () => {
    const statements = bucketPolicyStatements(synthWriter({ enforceEncryptionHeader: true }).template);
    const deny = bySid(statements, 'WriterDenyMissingEncryptionHeader');
    expect(deny).toMatchObject({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:PutObject' });
    expect(deny.Condition).toEqual({ StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' } });
    expect(hasSid(statements, 'WriterDenyOtherKmsKey')).toBe(false);
    expect(hasSid(bucketPolicyStatements(synthWriter().template), 'WriterDenyMissingEncryptionHeader')).toBe(false);
  });

  test('enforceEncryptionHeader (KMS): also deny a different key id', () => {
    const { template } = synthWriter({ enforceEncryptionHeader: true, encryption: ObjectEncryption.KMS });
    const statements = bucketPolicyStatements(template);
    expect(bySid(statements, 'WriterDenyMissingEncryptionHeader').Condition).toEqual({ StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } });
    expect(bySid(statements, 'WriterDenyOtherKmsKey').Condition).toEqual({
      StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': { 'Fn::GetAtt': [onlyResource(template, 'AWS::KMS::Key').logicalId, 'Arn'] } },
    });
  });

  test('restrictPrefixToThisWriter: deny every other principal under the prefix', () => {
    const { template } = synthWriter({ restrictPrefixToThisWriter: true, keyPrefix: 'in/' });
    const deny = bySid(bucketPolicyStatements(template), 'WriterDenyOtherPrincipals');
    expect(deny.Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': roleArnOf(template) } });
    expect(deny.Resource['Fn::Join'][1][1]).toBe('/in/*');
  });

  test('principalTagKeys: one deny per key for a request tag that differs from the principal tag', () => {
    const statements = bucketPolicyStatements(synthWriter({ objectTags: { team: 'a', env: 'p' }, principalTagKeys: ['team', 'env'] }).template);
    const denies = statements.filter((s) => s.Sid?.startsWith('WriterDenyPrincipalTagMismatch'));
    expect(denies.map((d) => d.Condition)).toEqual([
      { StringNotEquals: { 's3:RequestObjectTag/team': '${aws:PrincipalTag/team}' } },
      { StringNotEquals: { 's3:RequestObjectTag/env': '${aws:PrincipalTag/env}' } },
    ]);
  });

  test('vpcEndpoint: deny the writer role when the request does not come through that endpoint', () => {
    const { stack } = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'iso', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const endpoint = vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps({ vpc }), vpcEndpoint: endpoint });
    const template = Template.fromStack(stack);
    const deny = bySid(bucketPolicyStatements(template), 'WriterDenyOutsideVpcEndpoint');
    expect(deny.Condition).toEqual({
      ArnEquals: { 'aws:PrincipalArn': roleArnOf(template) },
      StringNotEquals: { 'aws:SourceVpce': { Ref: onlyResource(template, 'AWS::EC2::VPCEndpoint').logicalId } },
    });
  });

  test('two writers on one bucket: distinct Sids (a policy with duplicate Sids is rejected)', () => {
    const { stack } = newStack();
    const bucket = new s3.Bucket(stack, 'Shared', { enforceSSL: true });
    new SecureLambdaWriter(stack, 'A', { functionProps: functionProps(), bucket, keyPrefix: 'a/' });
    new SecureLambdaWriter(stack, 'B', { functionProps: functionProps(), bucket, keyPrefix: 'b/' });
    const sids = bucketPolicyStatements(Template.fromStack(stack)).map((s) => s.Sid).filter(Boolean);
    expect(sids.filter((s) => s.startsWith('WriterPutObject'))).toHaveLength(2);
    expect(new Set(sids).size).toBe(sids.length);
  });
});

describe('existing and imported buckets', () => {
  test('a bucket of the app in the same stack: statements are added to its policy, nothing reported to an owner', () => {
    const { stack } = newStack();
    const bucket = new s3.Bucket(stack, 'AppBucket', { enforceSSL: true });
    const writer = new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), bucket, restrictPrefixToThisWriter: true });
    expect(writer.bucket).toBe(bucket);
    expect(writer.ownerBucketPolicyStatements).toEqual([]);
    expect(writer.ownerStatementsOutput).toBeUndefined();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::Bucket', 1);
    expect(hasSid(bucketPolicyStatements(template), 'WriterDenyOtherPrincipals')).toBe(true);
    expect(Object.keys(template.findOutputs('*'))).toEqual([]);
  });

  test('an imported bucket: no bucket policy; the exact statements for its owner, as a property and a CfnOutput', () => {
    const { stack } = newStack();
    const bucket = s3.Bucket.fromBucketAttributes(stack, 'Imported', { bucketName: 'partner-drop', account: '222222222222' });
    const writer = new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), bucket, keyPrefix: 'in/', enforceEncryptionHeader: true });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::BucketPolicy', 0);
    const owner = writer.ownerBucketPolicyStatements.map((s) => stack.resolve(s.toStatementJson()));
    expect(owner.map((s) => s.Sid.replace(/[0-9a-f]{8}$/, ''))).toEqual(['WriterPutObject', 'WriterDenyMissingEncryptionHeader']);
    expect(owner[0].Resource).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::partner-drop/in/*']] });
    expect(owner[0].Principal).toEqual({ AWS: roleArnOf(template) });
    const outputs = template.findOutputs('*');
    const outputId = Object.keys(outputs).find((k) => k.includes('OwnerPolicyStatements'));
    expect(outputId).toBeDefined();
    expect(JSON.stringify(outputs[outputId!].Value)).toContain('bucketPolicyStatements');
  });

  test('an imported bucket with KMS needs encryptionKey (fromBucketName carries no key)', () => {
    const { stack } = newStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Imported', 'partner-drop');
    expect(() => new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), bucket, encryption: ObjectEncryption.KMS }))
      .toThrow(/encryptionKey: .*imported bucket carries no key.*Fix: pass encryptionKey/);
    const { stack: ok } = newStack();
    const okBucket = s3.Bucket.fromBucketName(ok, 'Imported', 'partner-drop');
    const key = kms.Key.fromKeyArn(ok, 'Key', `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`);
    expect(() => new SecureLambdaWriter(ok, 'Writer', { functionProps: functionProps(), bucket: okBucket, encryption: ObjectEncryption.KMS, encryptionKey: key })).not.toThrow();
  });

  test('a bucket of the app in another stack: the Allow is left to the identity policy (no cross-stack cycle)', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const env = { account: ACCOUNT, region: REGION };
    const data = new Stack(app, 'Data', { env });
    const bucket = new s3.Bucket(data, 'Bucket', { enforceSSL: true });
    const compute = new Stack(app, 'Compute', { env });
    new SecureLambdaWriter(compute, 'Writer', { functionProps: functionProps(), bucket });
    const dataTemplate = Template.fromStack(data);
    expect(bucketPolicyStatements(dataTemplate).some((s) => s.Sid?.startsWith('WriterPutObject'))).toBe(false);
    expect(() => Template.fromStack(compute)).not.toThrow();
  });
});
