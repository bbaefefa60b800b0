import { clauseFix } from '../../../src/analysis/findings/clause-fix';

// What the request must carry to pass one clause (IAM condition operators: negated operators and Null on absent
// keys; S3 User Guide, "require SSE" bucket policy examples).

const show = (v: string) => v;
const clause = (operator: string, key: string, values: string[]) => ({ operator, key, values });

describe('clauseFix', () => {
  test('Deny + StringNotEquals on the SSE header: send one of the values, with the SDK parameter', () => {
    expect(clauseFix(clause('StringNotEquals', 's3:x-amz-server-side-encryption', ['aws:kms']), 'Deny', show))
      .toBe("send `x-amz-server-side-encryption: aws:kms` (SDK: `ServerSideEncryption: 'aws:kms'`)");
  });

  test('Deny + StringEquals (positive): do not send that value', () => {
    expect(clauseFix(clause('StringEquals', 's3:x-amz-acl', ['public-read']), 'Deny', show)).toBe('do not send `x-amz-acl` with public-read');
  });

  test('Allow + StringEquals: send the value', () => {
    expect(clauseFix(clause('StringEquals', 's3:x-amz-acl', ['bucket-owner-full-control']), 'Allow', show))
      .toContain("ACL: 'bucket-owner-full-control'");
  });

  test('Null: true in a Deny means the header must be sent; Null: false in a Deny means it must not', () => {
    expect(clauseFix(clause('Null', 's3:x-amz-server-side-encryption', ['true']), 'Deny', show)).toBe('send the `x-amz-server-side-encryption` header (SDK: `ServerSideEncryption`)');
    expect(clauseFix(clause('Null', 's3:x-amz-server-side-encryption', ['false']), 'Deny', show)).toBe('do not send the `x-amz-server-side-encryption` header');
  });

  test('request object tags name the tag to send', () => {
    expect(clauseFix(clause('StringNotEquals', 's3:RequestObjectTag/team', ['a']), 'Deny', show)).toContain("Tagging: 'team=a'");
  });

  test('aws:SecureTransport and network keys get their own advice', () => {
    expect(clauseFix(clause('Bool', 'aws:SecureTransport', ['false']), 'Deny', show)).toContain('HTTPS');
    expect(clauseFix(clause('StringNotEquals', 'aws:SourceVpce', ['vpce-1']), 'Deny', show)).toContain('is one of vpce-1');
  });
});
