import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ExpectWriteOptions, ObjectEncryption, WriteVerdict } from '../../../src/checker';
import { describeFinding, expectNotDeny } from '../../support/harness';
import { scenario, Scenario } from '../../support/scenario';

// Guard-rail statements that security teams put in bucket and role policies (the "data perimeter" examples and
// S3 condition keys). Sources: S3 User Guide, "Amazon S3 condition key examples" and Service Authorization Reference,
// "Condition keys for Amazon S3": s3:authType (REST-HEADER for a signed request in the Authorization header, which the
// SDK sends; REST-QUERY-STRING for presigned URLs), s3:signatureversion (AWS4-HMAC-SHA256 for SigV4, the SDK's
// default), s3:x-amz-server-side-encryption-aws-kms-key-id (the key ARN sent in the header); IAM User Guide, global
// keys aws:PrincipalIsAWSService / aws:SourceAccount (present only for calls made by AWS service principals).

/** The scenario wired by `build`; its write declared with `intent` (then judged on the declared finding) or inferred. */
function judge(build: () => { s: Scenario; intent?: ExpectWriteOptions }, declared: boolean) {
  const { s, intent } = build();
  const outcome = declared ? s.checkDeclared(intent ?? {}) : s.check();
  return { finding: declared ? outcome.finding : outcome.findingOf('inferred'), error: outcome.error };
}

/** An enforceSSL bucket with grantPut and a guard of `s3:*` on the bucket and its objects, Deny unless `conditions`. */
const guarded = (conditions: Record<string, unknown>) => () => ({
  s: scenario().withBucket({ enforceSSL: true }).withWriter().grantPut().deny({ actions: ['s3:*'], bucketToo: true, conditions }),
});

describe('guard rails the SDK request satisfies: ALLOW (declared and inferred)', () => {
  test.each([
    ['Deny unless s3:authType = REST-HEADER', guarded({ StringNotEquals: { 's3:authType': 'REST-HEADER' } })],
    ['Deny presigned URLs (s3:authType = REST-QUERY-STRING)', guarded({ StringEquals: { 's3:authType': 'REST-QUERY-STRING' } })],
    ['Deny unless s3:signatureversion = AWS4-HMAC-SHA256', guarded({ StringNotEquals: { 's3:signatureversion': 'AWS4-HMAC-SHA256' } })],
    ['a service perimeter: Deny AWS services from other accounts (aws:PrincipalIsAWSService + aws:SourceAccount)',
      guarded({ Bool: { 'aws:PrincipalIsAWSService': 'true' }, StringNotEqualsIfExists: { 'aws:SourceAccount': '111111111111' } })],
    ['Deny principals outside the account (aws:PrincipalAccount)', guarded({ StringNotEquals: { 'aws:PrincipalAccount': '111111111111' } })],
  ] as Array<[string, () => { s: Scenario }]>)('%s', (_n, build) => {
    for (const declared of [true, false]) {
      const { finding, error } = judge(build, declared);
      expect(`${declared}: ${describeFinding(finding)}`).toBe(`${declared}: ALLOW [] `);
      expect(error).toBeUndefined();
    }
  });
});

describe('"only this CMK" (Deny StringNotEquals s3:x-amz-server-side-encryption-aws-kms-key-id)', () => {
  function onlyThisKey(sendKey: boolean | 'other') {
    return () => {
      const s = scenario();
      const key = new kms.Key(s.stack, 'Key');
      const other = new kms.Key(s.stack, 'Other');
      s.withBucket({ encryptionKey: key }).withWriter().grantPut();
      other.grantEncryptDecrypt(s.fn);
      s.deny({ sid: 'OnlyBucketKey', conditions: { StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': key.keyArn } } });
      const intent = sendKey === false ? {} : { request: { encryption: ObjectEncryption.KMS, kmsKey: sendKey === true ? key : other } };
      return { s, intent };
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
    return () => {
      const s = scenario().withBucket();
      let props = {};
      if (vpc) {
        const v = new ec2.Vpc(s.stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'iso', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
        v.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
        props = { vpc: v };
        conditions = { StringEquals: { 'aws:SourceVpc': v.vpcId } };
      }
      return { s: s.withWriter(props).roleAllows({ actions: ['s3:PutObject'], resources: [s.bucket.arnForObjects('*')], conditions }) };
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
