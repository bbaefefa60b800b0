import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ExpectWriteOptions, WriteAccessChecker, WriteEncryption, WriteVerdict } from '../../../src/checker';
import { describeFinding, expectNotDeny, newApp, stackIn, synthWithChecker, verdictFor, writerFunction } from '../../support/harness';

// Guard-rail statements that security teams put in bucket and role policies (the "data perimeter" examples and
// S3 condition keys). Sources: S3 User Guide, "Amazon S3 condition key examples" and Service Authorization Reference,
// "Condition keys for Amazon S3": s3:authType (REST-HEADER for a signed request in the Authorization header, which the
// SDK sends; REST-QUERY-STRING for presigned URLs), s3:signatureversion (AWS4-HMAC-SHA256 for SigV4, the SDK's
// default), s3:x-amz-server-side-encryption-aws-kms-key-id (the key ARN sent in the header); IAM User Guide, global
// keys aws:PrincipalIsAWSService / aws:SourceAccount (present only for calls made by AWS service principals).

interface Built { fn: lambda.IFunction; bucket: s3.IBucket; intent?: ExpectWriteOptions }

function judge(build: (stack: Stack) => Built, declared: boolean) {
  const app = newApp();
  const stack = stackIn(app, 'App');
  const { fn, bucket, intent } = build(stack);
  if (declared) WriteAccessChecker.expectWrite(fn, bucket, intent ?? {});
  const { checker, error } = synthWithChecker(app);
  return { finding: verdictFor(checker, fn, bucket, declared ? 'declared' : 'inferred'), error };
}

function guarded(statement: (bucket: s3.Bucket) => iam.PolicyStatement, intent?: ExpectWriteOptions) {
  return (stack: Stack): Built => {
    const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    bucket.addToResourcePolicy(statement(bucket));
    return { fn, bucket, intent };
  };
}

const denyPut = (bucket: s3.Bucket, conditions: Record<string, unknown>) => new iam.PolicyStatement({
  effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:*'], resources: [bucket.bucketArn, bucket.arnForObjects('*')], conditions,
});

describe('guard rails the SDK request satisfies: ALLOW (declared and inferred)', () => {
  test.each([
    ['Deny unless s3:authType = REST-HEADER', guarded(b => denyPut(b, { StringNotEquals: { 's3:authType': 'REST-HEADER' } }))],
    ['Deny presigned URLs (s3:authType = REST-QUERY-STRING)', guarded(b => denyPut(b, { StringEquals: { 's3:authType': 'REST-QUERY-STRING' } }))],
    ['Deny unless s3:signatureversion = AWS4-HMAC-SHA256', guarded(b => denyPut(b, { StringNotEquals: { 's3:signatureversion': 'AWS4-HMAC-SHA256' } }))],
    ['a service perimeter: Deny AWS services from other accounts (aws:PrincipalIsAWSService + aws:SourceAccount)',
      guarded(b => denyPut(b, { Bool: { 'aws:PrincipalIsAWSService': 'true' }, StringNotEqualsIfExists: { 'aws:SourceAccount': '111111111111' } }))],
    ['Deny principals outside the account (aws:PrincipalAccount)', guarded(b => denyPut(b, { StringNotEquals: { 'aws:PrincipalAccount': '111111111111' } }))],
  ] as Array<[string, (s: Stack) => Built]>)('%s', (_n, build) => {
    for (const declared of [true, false]) {
      const { finding, error } = judge(build, declared);
      expect(`${declared}: ${describeFinding(finding)}`).toBe(`${declared}: ALLOW [] `);
      expect(error).toBeUndefined();
    }
  });
});

describe('"only this CMK" (Deny StringNotEquals s3:x-amz-server-side-encryption-aws-kms-key-id)', () => {
  function onlyThisKey(sendKey: boolean | 'other') {
    return (stack: Stack): Built => {
      const key = new kms.Key(stack, 'Key');
      const other = new kms.Key(stack, 'Other');
      const bucket = new s3.Bucket(stack, 'Bucket', { encryptionKey: key });
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn);
      other.grantEncryptDecrypt(fn);
      bucket.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'OnlyBucketKey',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('*')],
        conditions: { StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': key.keyArn } },
      }));
      const intent = sendKey === false ? {} : { request: { serverSideEncryption: WriteEncryption.KMS, kmsKey: sendKey === true ? key : other } };
      return { fn, bucket, intent };
    };
  }
  test('the request names the bucket\'s key: ALLOW', () => expect(describeFinding(judge(onlyThisKey(true), true).finding)).toBe('ALLOW [] '));
  test('the request names another key: DENY', () => {
    const { finding } = judge(onlyThisKey('other'), true);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(finding.causes[0].statement).toBe('OnlyBucketKey');
  });
  test('the default request (no key header): DENY when declared', () => expect(judge(onlyThisKey(false), true).finding.verdict).toBe(WriteVerdict.DENY));
  test('…CONDITIONAL when inferred', () => expect(judge(onlyThisKey(false), false).finding.verdict).toBe(WriteVerdict.CONDITIONAL));
});

describe('conditions on the identity side', () => {
  function identity(conditions: Record<string, unknown>, vpc?: 'endpoint') {
    return (stack: Stack): Built => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      let props = {};
      if (vpc) {
        const v = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'iso', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
        v.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
        props = { vpc: v };
        conditions = { StringEquals: { 'aws:SourceVpc': v.vpcId } };
      }
      const fn = writerFunction(stack, 'Writer', props);
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')], conditions }));
      return { fn, bucket };
    };
  }
  test('Allow only over TLS (Bool aws:SecureTransport true): ALLOW', () => {
    expect(describeFinding(judge(identity({ Bool: { 'aws:SecureTransport': 'true' } }), true).finding)).toBe('ALLOW [] ');
  });
  test('Allow only from an office CIDR (aws:SourceIp), a function outside any VPC: not DENY (Lambda\'s public IPs are not known)', () => {
    for (const declared of [true, false]) expectNotDeny(judge(identity({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }), declared).finding);
  });
  test('Allow only from the VPC (aws:SourceVpc), the function in it behind a gateway endpoint: ALLOW', () => {
    expect(describeFinding(judge(identity({}, 'endpoint'), true).finding)).toBe('ALLOW [] ');
  });
});
