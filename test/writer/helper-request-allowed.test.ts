import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { COMBINATIONS } from './support/combinations';
import { ACCOUNT, functionProps, newStack, REGION, synthWriter } from './support/fixtures';
import { Deployment } from './support/resolve-template';
import { UploadOptions, writerAuthorizations } from './support/writer-requests';
import { SecureLambdaWriter, SecureLambdaWriterProps, ObjectEncryption, CannedAcl } from '../../src';
import { evaluate } from '../../src/iam';

const DEPLOYMENT: Deployment = { partition: 'aws', account: ACCOUNT, region: REGION };

function outcomes(template: any, options: UploadOptions = {}): Record<string, string> {
  return Object.fromEntries(writerAuthorizations(template, DEPLOYMENT, options).map((a) => [a.name, evaluate(a.request, a.policies).outcome]));
}

function templateOf(props: Partial<SecureLambdaWriterProps>): any {
  return synthWriter(props).template.toJSON();
}

describe('a request built by the runtime helper from the environment is ALLOWed by the generated policies (src/iam)', () => {
  test.each(COMBINATIONS)('$name', ({ props }) => {
    const multipart = props.multipart ?? false;
    const result = outcomes(templateOf(props), { multipart });
    expect(Object.values(result).length).toBeGreaterThan(0);
    expect(result).toEqual(Object.fromEntries(Object.keys(result).map((k) => [k, 'allow'])));
    // Every extra action the options call for was part of the check.
    if (props.objectTags) expect(result).toHaveProperty(['s3:PutObjectTagging']);
    if (props.acl) expect(result).toHaveProperty(['s3:PutObjectAcl']);
    if (props.encryption === ObjectEncryption.KMS) expect(result).toHaveProperty(['kms:GenerateDataKey']);
    if (multipart && props.encryption === ObjectEncryption.KMS) expect(result).toHaveProperty(['kms:Decrypt']);
  });

  test('an existing bucket of the app, with its own key, is ALLOWed too', () => {
    const { stack } = newStack();
    const bucket = new s3.Bucket(stack, 'AppBucket', { encryption: s3.BucketEncryption.KMS, enforceSSL: true });
    new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), bucket, keyPrefix: 'in/', multipart: true, enforceEncryptionHeader: true });
    const result = outcomes(Template.fromStack(stack).toJSON(), { multipart: true });
    expect(Object.values(result)).toEqual(['allow', 'allow', 'allow', 'allow']);
  });

  test('a VPC function through its endpoint is ALLOWed; the same request from outside the endpoint is denied', () => {
    const { stack } = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'iso', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const endpoint = vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps({ vpc }), vpcEndpoint: endpoint });
    const template = Template.fromStack(stack).toJSON();
    const endpointId = Object.keys(template.Resources).find((id) => template.Resources[id].Type === 'AWS::EC2::VPCEndpoint')!;
    const vpce = `vpce-${endpointId.slice(-8).toLowerCase()}`;
    expect(outcomes(template, { sourceVpce: vpce })['s3:PutObject']).toBe('allow');
    expect(outcomes(template)['s3:PutObject']).toBe('explicit-deny');
    expect(outcomes(template, { sourceVpce: 'vpce-elsewhere' })['s3:PutObject']).toBe('explicit-deny');
  });
});

describe('the same checks deny when the request leaves the contract (each rule both ways)', () => {
  test('a key outside the prefix is not allowed', () => {
    const template = templateOf({ keyPrefix: 'incoming/' });
    expect(outcomes(template)['s3:PutObject']).toBe('allow');
    expect(outcomes(template, { tamper: (i) => ({ ...i, Key: 'elsewhere/x' }) })['s3:PutObject']).toBe('implicit-deny');
  });

  test('required tags: a request without them, or with another value, or an extra tag, is not allowed', () => {
    const template = templateOf({ objectTags: { team: 'blue' } });
    expect(outcomes(template)['s3:PutObject']).toBe('allow');
    expect(outcomes(template, { tamper: ({ Tagging, ...rest }) => rest })['s3:PutObject']).toBe('implicit-deny');
    expect(outcomes(template, { tamper: (i) => ({ ...i, Tagging: 'team=red' }) })['s3:PutObject']).toBe('implicit-deny');
    expect(outcomes(template, { tamper: (i) => ({ ...i, Tagging: 'team=blue&extra=1' }) })['s3:PutObject']).toBe('implicit-deny');
  });

  test('ABAC: a request tag that differs from the principal tag is explicitly denied by the bucket policy', () => {
    const template = templateOf({ objectTags: { team: 'blue' }, principalTagKeys: ['team'] });
    expect(outcomes(template)['s3:PutObject']).toBe('allow');
    expect(outcomes(template, { tamper: (i) => ({ ...i, Tagging: 'team=red' }) })['s3:PutObject']).toBe('explicit-deny');
  });

  test('enforceEncryptionHeader: without the header the write is explicitly denied; without the option it is allowed', () => {
    const strip = ({ ServerSideEncryption, SSEKMSKeyId, ...rest }: any) => rest;
    expect(outcomes(templateOf({ enforceEncryptionHeader: true }), { tamper: strip })['s3:PutObject']).toBe('explicit-deny');
    expect(outcomes(templateOf({}), { tamper: strip })['s3:PutObject']).toBe('allow');
    const kmsTemplate = templateOf({ enforceEncryptionHeader: true, encryption: ObjectEncryption.KMS });
    expect(outcomes(kmsTemplate, { tamper: (i) => ({ ...i, SSEKMSKeyId: 'arn:aws:kms:eu-west-1:111111111111:key/other' }) })['s3:PutObject']).toBe('explicit-deny');
  });

  test('an ACL other than the allowed one is not allowed', () => {
    const template = templateOf({ acl: CannedAcl.BUCKET_OWNER_FULL_CONTROL });
    expect(outcomes(template)['s3:PutObjectAcl']).toBe('allow');
    expect(outcomes(template, { tamper: (i) => ({ ...i, ACL: 'bucket-owner-read' }) })['s3:PutObjectAcl']).toBe('implicit-deny');
  });

  test('KMS: a direct call to KMS (not through S3) is not allowed', () => {
    const template = templateOf({ encryption: ObjectEncryption.KMS });
    expect(outcomes(template)['kms:GenerateDataKey']).toBe('allow');
    const direct = outcomes(template, { kmsContext: ({ 'kms:ViaService': _, ...rest }) => ({ ...rest, 'aws:ViaAWSService': 'false' }) });
    expect(direct['kms:GenerateDataKey']).toBe('implicit-deny');
  });
});
