import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { expectAllow, expectDeny, scenario } from '../../support/scenario';

// The KMS causes of "Lambda s3:PutObject AccessDenied" on an SSE-KMS bucket, both ways. KMS Developer Guide, "Key
// policies" (without the account-root statement, IAM policies cannot grant access to the key); S3 User Guide, "Using
// SSE-KMS" (PutObject needs kms:GenerateDataKey, a multipart upload also kms:Decrypt).

describe('KMS_KEY_POLICY (aws/aws-cdk#32286: a strict key policy CDK grants do not touch)', () => {
  const app = (keyPolicy: 'admins-only' | 'account-root' | 'role-statement') => {
    const s = scenario();
    const admin = new iam.Role(s.stack, 'KeyAdmin', { assumedBy: new iam.AccountRootPrincipal() });
    const fn = s.withWriter().fn;
    const statements = [new iam.PolicyStatement({ principals: [admin], actions: ['kms:*'], resources: ['*'] })];
    if (keyPolicy === 'account-root') statements.push(new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['kms:*'], resources: ['*'] }));
    if (keyPolicy === 'role-statement') {
      statements.push(new iam.PolicyStatement({ principals: [fn.role!], actions: ['kms:GenerateDataKey*', 'kms:Decrypt', 'kms:Encrypt'], resources: ['*'] }));
    }
    const key = new kms.Key(s.stack, 'Key', { policy: new iam.PolicyDocument({ statements }) });
    return s.withBucket({ encryptionKey: key }).grantPut().checkDeclared();
  };
  test('key policy names only an admin role (no account root, no writer): DENY', () => expectDeny(app('admins-only'), 'KMS_KEY_POLICY'));
  test('twin: key policy delegates to the account: ALLOW', () => expectAllow(app('account-root')));
  test('twin: key policy names the writer role: ALLOW', () => expectAllow(app('role-statement')));
});

describe('KMS_IDENTITY', () => {
  const app = (grant: 'put-only' | 'grantPut') => {
    const s = scenario().withBucket({ encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true }).withWriter();
    if (grant === 'grantPut') s.grantPut();
    else s.roleAllows({ actions: ['s3:PutObject'], resources: [s.bucket.arnForObjects('*')] });
    return s.checkDeclared();
  };
  test('SSE-KMS bucket (CDK key, default key policy), role allows only s3:PutObject: DENY', () => expectDeny(app('put-only'), 'KMS_IDENTITY'));
  test('twin: grantPut (adds kms:GenerateDataKey* on the key): ALLOW', () => expectAllow(app('grantPut')));

  const multipart = (decrypt: boolean) => {
    const s = scenario().withBucket({ encryption: s3.BucketEncryption.KMS }).withWriter();
    s.roleAllows({ actions: ['s3:PutObject', 's3:AbortMultipartUpload'], resources: [s.bucket.arnForObjects('*')] });
    s.roleAllows({ actions: decrypt ? ['kms:GenerateDataKey', 'kms:Decrypt'] : ['kms:GenerateDataKey'], resources: [s.bucket.encryptionKey!.keyArn] });
    return s.checkDeclared({ request: { multipart: true } });
  };
  test('multipart upload with only kms:GenerateDataKey: DENY (UploadPart needs kms:Decrypt)', () => expectDeny(multipart(false), 'KMS_IDENTITY'));
  test('twin: with kms:Decrypt: ALLOW', () => expectAllow(multipart(true)));
});
