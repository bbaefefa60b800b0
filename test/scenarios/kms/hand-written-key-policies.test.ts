import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteVerdict } from '../../../src/checker';
import { describeFinding, expectNotDeny, synthWithChecker } from '../../support/harness';
import { expectAllow, outcomeOf, scenario } from '../../support/scenario';

// SSE-KMS buckets whose key policy the user wrote (or left to CloudFormation's default), and keys of another stack.
// S3 calls KMS with the caller's credentials: the key policy must allow it, directly or by delegating to IAM (KMS
// Developer Guide, "Key policies in AWS KMS" and "Default key policy"; S3 User Guide, "Using SSE-KMS").

describe('KMS key policies written by hand', () => {
  function keyApp(statement: (fn: lambda.Function, bucketName: () => string) => iam.PolicyStatement, bucketKeyEnabled = false) {
    const s = scenario().withWriter();
    const admin = new iam.PolicyStatement({ principals: [new iam.ArnPrincipal(`arn:aws:iam::${s.stack.account}:role/key-admins`)], actions: ['kms:*'], resources: ['*'] });
    const bucketName = 'acme-kms-ctx';
    const key = new kms.Key(s.stack, 'Key', { policy: new iam.PolicyDocument({ statements: [admin, statement(s.fn, () => bucketName)] }) });
    return s.withBucket({ bucketName, encryptionKey: key, bucketKeyEnabled }).grantPut().expectWrite().check().findingOf('declared');
  }
  const forRole = (fn: lambda.Function, conditions?: any) => new iam.PolicyStatement({
    principals: [fn.role!], actions: ['kms:GenerateDataKey*', 'kms:Decrypt'], resources: ['*'], conditions,
  });
  const objectsContext = (name: () => string) => ({ StringLike: { 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${name()}/*` } });

  test('role statement with kms:ViaService s3.<region>.amazonaws.com: ALLOW (S3 calls KMS for the role)', () => {
    expect(describeFinding(keyApp(fn => forRole(fn, { StringEquals: { 'kms:ViaService': `s3.${Stack.of(fn).region}.amazonaws.com` } })))).toBe('ALLOW [] ');
  });

  test('role statement with kms:EncryptionContext:aws:s3:arn = the objects ARN: ALLOW without a Bucket Key', () => {
    expect(describeFinding(keyApp((fn, name) => forRole(fn, objectsContext(name))))).toBe('ALLOW [] ');
  });

  test('…the same with bucketKeyEnabled: the context is the bucket ARN, so the statement no longer matches: DENY (S3 User Guide, "S3 Bucket Keys": encryption context)', () => {
    const finding = keyApp((fn, name) => forRole(fn, objectsContext(name)), true);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(finding.causes.map(c => c.code)).toContain('KMS_KEY_POLICY');
  });

  test('the aws/s3-style statement (any principal of the account, via S3): ALLOW', () => {
    expect(describeFinding(keyApp(fn => new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'kms:CallerAccount': Stack.of(fn).account, 'kms:ViaService': `s3.${Stack.of(fn).region}.amazonaws.com` } },
    })))).toBe('ALLOW [] ');
  });
});

describe('KMS key without KeyPolicy (CloudFormation applies the default key policy: account root kms:*)', () => {
  function keyApp(grantKms: boolean) {
    const s = scenario();
    const key = new kms.CfnKey(s.stack, 'Key', {});
    const bucket = new s3.CfnBucket(s.stack, 'Bucket', {
      bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.attrArn } }] },
    });
    s.withWriter().roleAllows({ actions: ['s3:PutObject'], resources: [`${bucket.attrArn}/*`] });
    if (grantKms) s.roleAllows({ actions: ['kms:GenerateDataKey'], resources: [key.attrArn] });
    return outcomeOf(synthWithChecker(s.app), s.fn, bucket);
  }
  test('the role is granted kms:GenerateDataKey: ALLOW (the default policy delegates to IAM)', () => {
    expectAllow(keyApp(true));
  });
  test('the role lacks kms:GenerateDataKey: DENY KMS_IDENTITY', () => {
    const f = keyApp(false).finding;
    expect(f.verdict).toBe(WriteVerdict.DENY);
    expect(f.causes[0].code).toBe('KMS_IDENTITY');
  });
});

describe('KMS key in another stack of the same account (cross-stack reference)', () => {
  test('kms.Key in a security stack, bucket and function elsewhere, grantWrite: ALLOW', () => {
    const s = scenario({ stackId: 'Security' });
    const key = new kms.Key(s.stack, 'DataKey', { enableKeyRotation: true });
    s.withBucket({ encryptionKey: key, bucketKeyEnabled: true }, s.addStack('Data')).withWriter({}, s.addStack('Compute'));
    s.bucket.grantWrite(s.fn);
    expectAllow(s.check());
  });

  test('key policy with kms:ViaService = s3.us-east-1 and kms:CallerAccount, no IAM delegation: ALLOW', () => {
    const s = scenario().withWriter();
    const key = new kms.Key(s.stack, 'Key', {
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ sid: 'Admin', principals: [new iam.AccountRootPrincipal()], actions: ['kms:Create*', 'kms:Describe*', 'kms:Put*', 'kms:ScheduleKeyDeletion'], resources: ['*'] }),
          new iam.PolicyStatement({
            sid: 'S3Use',
            principals: [new iam.AnyPrincipal()],
            actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
            resources: ['*'],
            conditions: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:CallerAccount': '111111111111' } },
          }),
        ],
      }),
    });
    const outcome = s.withBucket({ encryptionKey: key }).grantPut().check();
    // Same account: the key policy's Allow for any principal of the account via S3 suffices (KMS: key policy alone
    // can grant); the identity side is not needed, but grantPut adds it anyway.
    expectNotDeny(outcome.finding);
    expect(outcome.finding.verdict).toBe(WriteVerdict.ALLOW);
    expect(outcome.error).toBeUndefined();
  });
});
