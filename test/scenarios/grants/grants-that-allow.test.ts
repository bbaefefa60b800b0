import { Environment, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { WriteAccessChecker } from '../../../src/checker';
import { describeFinding, ENV, writerFunction } from '../../support/harness';
import { expectAllow, expectNotDenied, scenario, Scenario } from '../../support/scenario';

// Apps as CDK users write them, whose Lambda → S3 PutObject works in AWS. The checker must answer ALLOW (never DENY:
// a false DENY fails the user's `cdk synth` for a write that works).
//
// Why each one is allowed in AWS:
// - Same-account access needs an Allow in the identity policy OR the bucket policy, and no explicit Deny
//   (IAM User Guide, "Policy evaluation logic"; S3 User Guide, "How Amazon S3 authorizes a request").
//   `bucket.grantPut/grantWrite/grantReadWrite` put `s3:PutObject` on `arn/*` in the role's policy (aws-s3 perms.ts).
// - `enforceSSL` denies only `aws:SecureTransport = false`; the AWS SDK always uses HTTPS (S3 User Guide,
//   "Security best practices": enforce encryption in transit).
// - Default bucket encryption (SSE-S3 or SSE-KMS) needs no request header (S3 User Guide, "Setting default server-side
//   encryption behavior"); SSE-S3 needs no extra permission; SSE-KMS with a customer managed key needs
//   kms:GenerateDataKey (+ kms:Decrypt for multipart) in the key policy or, when the key policy delegates to the
//   account (CDK's default key policy), in the identity policy, which `grantPut` adds (KEY_WRITE_ACTIONS)
//   (S3 User Guide, "Using SSE-KMS": permissions; KMS Developer Guide, "Default key policy").
// - The AWS managed key aws/s3 (`KMS_MANAGED`) lets every principal of the account use it through S3
//   (kms:CallerAccount + kms:ViaService in its key policy) (KMS Developer Guide, "AWS managed keys").
// - Versioning, Object Ownership, Block Public Access, access logging, EventBridge and notifications do not
//   restrict a private PutObject with no ACL header (S3 User Guide: "Controlling ownership of objects" — a request
//   with no ACL succeeds when ACLs are disabled; "Blocking public access" — only public ACLs/policies are blocked).

/** Wires the default bucket and function; the third element is where the code writes when the grant is scoped. */
type Case = [string, (s: Scenario) => void, string?];

/** A grant made on the default bucket to the default function (the writer made with `writerProps`). */
const granted = (grant: (bucket: s3.Bucket, fn: lambda.Function) => void, bucketProps: s3.BucketProps = {}) =>
  (s: Scenario) => grant(s.withBucket(bucketProps).withWriter().bucket, s.fn);
const put = (bucket: s3.Bucket, fn: lambda.Function) => bucket.grantPut(fn);
const write = (bucket: s3.Bucket, fn: lambda.Function) => bucket.grantWrite(fn);
const readWrite = (bucket: s3.Bucket, fn: lambda.Function) => bucket.grantReadWrite(fn);
const lambdaRole = (s: Scenario, props: Partial<iam.RoleProps> = {}) =>
  new iam.Role(s.stack, 'WriterRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), ...props });

const CASES: Case[] = [
  ['grantPut on a default bucket', granted(put)],
  ['grantWrite on a default bucket', granted(write)],
  ['grantReadWrite on a default bucket', granted(readWrite)],
  ['bucket.grants.readWrite (the newer grants API)', granted((bucket, fn) => bucket.grants.readWrite(fn))],
  ['enforceSSL', granted(put, { enforceSSL: true })],
  ['S3_MANAGED encryption + enforceSSL + BLOCK_ALL + versioned', granted(write, {
    encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true,
  })],
  ['KMS encryption with the key CDK creates', granted(put, { encryption: s3.BucketEncryption.KMS })],
  ['KMS encryption with bucketKeyEnabled', granted(readWrite, { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true })],
  ['an encryptionKey passed in (key with rotation and alias)', s => {
    const key = new kms.Key(s.stack, 'DataKey', { enableKeyRotation: true, alias: 'alias/data' });
    granted(put, { encryptionKey: key, bucketKeyEnabled: true, enforceSSL: true })(s);
  }],
  ['KMS_MANAGED (aws/s3), same account, no KMS statement anywhere', granted(put, { encryption: s3.BucketEncryption.KMS_MANAGED })],
  ['autoDeleteObjects (adds a bucket policy and a custom resource)', granted(readWrite, { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY, enforceSSL: true })],
  ['objectOwnership BUCKET_OWNER_ENFORCED and BLOCK_ALL, stated explicitly', granted(put, {
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  })],
  ['objectOwnership BUCKET_OWNER_PREFERRED', granted(put, { objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED })],
  ['objectOwnership OBJECT_WRITER with BLOCK_ACLS', granted(put, { objectOwnership: s3.ObjectOwnership.OBJECT_WRITER, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY })],
  ['blockPublicAccess all off (a public-ready bucket), private write', granted(put, {
    blockPublicAccess: new s3.BlockPublicAccess({
      blockPublicAcls: false, blockPublicPolicy: false, ignorePublicAcls: false, restrictPublicBuckets: false,
    }),
  })],
  ['serverAccessLogsBucket (the log bucket gets a logging-service policy)', s => {
    const logs = new s3.Bucket(s.stack, 'Logs', { enforceSSL: true });
    granted(put, { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'access/', enforceSSL: true })(s);
  }],
  ['eventBridgeEnabled', granted(put, { eventBridgeEnabled: true })],
  ['S3 notifications to another function (addEventNotification) and the writer', s => {
    s.withBucket({ enforceSSL: true }).withWriter();
    const onUpload = writerFunction(s.stack, 'OnUpload');
    s.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(onUpload), { prefix: 'incoming/' });
    s.bucket.grantRead(onUpload);
    s.grantPut('incoming/*');
  }, 'incoming/'],
  ['the notified function writes back to the same bucket under another prefix', s => {
    s.withBucket().withWriter().bucket.addObjectCreatedNotification(new s3n.LambdaDestination(s.fn), { prefix: 'raw/' });
    s.bucket.grantRead(s.fn, 'raw/*');
    s.grantPut('processed/*');
  }, 'processed/'],
  ['initialPolicy', s => {
    s.withBucket().withWriter({ initialPolicy: [new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [s.bucket.arnForObjects('*')] })] });
  }],
  ['role passed in, grant to the function', s => {
    const role = lambdaRole(s, { managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')] });
    s.withBucket({ enforceSSL: true }).withWriter({ role }).grantPut();
  }],
  ['role passed in, grant to the role', s => {
    const role = lambdaRole(s);
    s.withBucket().withWriter({ role }).bucket.grantPut(role);
  }],
  ['addToRolePolicy with a literal-looking ARN built from bucketArn', s => {
    s.withBucket().withWriter().roleAllows({ actions: ['s3:PutObject', 's3:PutObjectTagging'], resources: [`${s.bucket.bucketArn}/uploads/*`] });
  }, 'uploads/'],
  ['a customer ManagedPolicy attached to the role', s => {
    s.withBucket().withWriter().fn.role!.addManagedPolicy(new iam.ManagedPolicy(s.stack, 'WritePolicy', {
      statements: [new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [s.bucket.arnForObjects('*')] })],
    }));
  }],
  ['a ManagedPolicy that lists the role itself (roles: [...])', s => {
    new iam.ManagedPolicy(s.stack, 'WritePolicy', {
      roles: [s.withBucket().withWriter().fn.role!],
      statements: [new iam.PolicyStatement({ actions: ['s3:Put*'], resources: [s.bucket.arnForObjects('*')] })],
    });
  }],
  ['an iam.Policy attached to the role', s => {
    s.withBucket().withWriter().fn.role!.attachInlinePolicy(new iam.Policy(s.stack, 'Inline', {
      statements: [new iam.PolicyStatement({ actions: ['s3:*'], resources: [s.bucket.bucketArn, s.bucket.arnForObjects('*')] })],
    }));
  }],
  ['an identity Deny of s3:DeleteObject does not touch PutObject', s => {
    s.withBucket().withWriter().grantReadWrite().roleAllows({ effect: iam.Effect.DENY, actions: ['s3:DeleteObject*'], resources: ['*'] });
  }],
  ['bucket policy allows the role (and the identity policy does not)', s => {
    // Same account: an Allow in the bucket policy naming the role ARN is enough (IAM User Guide, policy evaluation:
    // "identity-based and resource-based policies" within an account — the union).
    s.withBucket().withWriter().bucketPolicy(new iam.PolicyStatement({
      principals: [new iam.ArnPrincipal(s.fn.role!.roleArn)], actions: ['s3:PutObject'], resources: [s.bucket.arnForObjects('*')],
    }));
    WriteAccessChecker.expectWrite(s.fn, s.bucket);
  }],
  ['a Deny for everyone but the role, by aws:PrincipalArn', s => {
    s.withBucket().withWriter().grantPut().deny({ conditions: { ArnNotEquals: { 'aws:PrincipalArn': s.fn.role!.roleArn } } });
  }],
];

describe.each([
  ['env-agnostic stack', null],
  ['stack with account and region', ENV],
] as Array<[string, Environment | null]>)('%s', (_label, env) => {
  // (a rest parameter: jest takes a third declared parameter of a two-element row for the `done` callback)
  test.each(CASES)('%s: ALLOW (inferred and declared), synth passes', (...[, build, keyPrefix]) => {
    for (const declared of [false, true]) {
      const s = scenario({ env }).with(build);
      const outcome = declared ? s.checkDeclared({ keyPrefix }) : s.check();
      expect(`${declared ? 'declared' : 'inferred'}: ${describeFinding(outcome.finding)}`).toBe(`${declared ? 'declared' : 'inferred'}: ALLOW [] `);
      expect(outcome.error).toBeUndefined();
    }
  });
});

describe('precision: conditions the templates settle', () => {
  /** The default write, with a bucket-policy Deny for everyone whose aws:userId is not like `userIds`. */
  const denyUnlessUserId = (userIds: (s: Scenario) => string[]) => {
    const s = scenario().withBucket().withWriter().grantPut();
    return s.deny({ conditions: { StringNotLike: { 'aws:userId': userIds(s) } } }).check();
  };

  test('a Deny for everyone but the role by aws:userId = "<RoleId>:*" (GetAtt RoleId): ALLOW', () => {
    // IAM User Guide, "AWS global condition context keys" (aws:userid): for a role session the value is
    // "role-id:caller-specified-role-name", and role-id is exactly what `Fn::GetAtt Role.RoleId` returns. The pattern
    // "<RoleId>:*" therefore matches every session of this role, so the Deny never applies to it.
    expectAllow(denyUnlessUserId(s => [`${(s.fn.role as iam.Role).roleId}:*`]));
  });

  test('…with a literal unique ID of some role (AROA…:*): not DENY, since the ID cannot be known at synth', () => {
    expectNotDenied(denyUnlessUserId(() => ['AROAEXAMPLEID123456:*']));
  });
});
