import { Tags } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ObjectEncryption, WriteVerdict } from '../../../src/checker';
import { describeFinding, expectNotDeny } from '../../support/harness';
import { expectAllow, scenario } from '../../support/scenario';

// Bucket-policy Denies conditioned on what the request carries: the TLS version, the SSE header, the principal's tags.

describe('s3:TlsVersion (S3 condition keys; the AWS SDKs negotiate TLS 1.2 or 1.3)', () => {
  const tlsApp = (conditions: Record<string, unknown>) =>
    scenario().withBucket({ enforceSSL: true }).withWriter().grantPut().deny({ sid: 'Tls', actions: ['s3:*'], bucketToo: true, conditions });
  test('Deny NumericLessThan s3:TlsVersion 1.2 (the documented minimum-TLS policy): ALLOW', () => {
    expectAllow(tlsApp({ NumericLessThan: { 's3:TlsVersion': '1.2' } }).check());
  });
  test('Deny NumericLessThan s3:TlsVersion 1.3: not DENY (the SDK may negotiate 1.3)', () => {
    const { finding, error } = tlsApp({ NumericLessThan: { 's3:TlsVersion': '1.3' } }).check();
    expectNotDeny(finding);
    expect(error).toBeUndefined();
  });
  test('s3.Bucket minimumTLSVersion: 1.2 (the CDK way): ALLOW', () => {
    expectAllow(scenario().withBucket({ enforceSSL: true, minimumTLSVersion: 1.2 }).withWriter().grantPut().check());
  });
});

describe('principal tags from Tags.of(stack) (tags propagate to the role; IAM: role tags are aws:PrincipalTag)', () => {
  test('bucket policy denies unless aws:PrincipalTag/team = data; the stack is tagged team=data: ALLOW; team=web: DENY', () => {
    for (const team of ['data', 'web']) {
      const s = scenario().withBucket().withWriter().grantPut().deny({ conditions: { StringNotEquals: { 'aws:PrincipalTag/team': 'data' } } });
      Tags.of(s.stack).add('team', team);
      expect(`${team}: ${s.check().finding.verdict}`).toBe(`${team}: ${team === 'data' ? 'ALLOW' : 'DENY'}`);
    }
  });
});

describe('the classic "encrypted uploads only" bucket policy (S3 User Guide, "Requiring server-side encryption")', () => {
  function encryptedOnly(declare: boolean) {
    const s = scenario();
    s.withBucket({ encryptionKey: new kms.Key(s.stack, 'Key'), enforceSSL: true }).withWriter().grantPut().deny({
      sid: 'DenyIncorrectEncryptionHeader', conditions: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
    });
    if (declare) s.expectWrite({ request: { encryption: ObjectEncryption.KMS } });
    return s.check().findingOf(declare ? 'declared' : 'inferred');
  }
  test('the code sends aws:kms: ALLOW', () => expect(describeFinding(encryptedOnly(true))).toBe('ALLOW [] '));
  test('the default SDK request (no header; IfExists makes the absent key true): not ALLOW', () => {
    const f = encryptedOnly(false);
    expect(f.verdict).not.toBe(WriteVerdict.ALLOW);
    expect(f.causes.map(c => c.code)).toContain('REQUEST_CONDITION');
  });
});
