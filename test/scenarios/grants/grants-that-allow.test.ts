import { Environment, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { Construct } from 'constructs';
import { WriteAccessChecker } from '../../../src/checker';
import { denyPutObjectUnless, describeFinding, ENV, expectNotDeny, newApp, stackIn, synthWithChecker, verdictFor, writerFunction } from '../../support/harness';

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

/** Builds the app; `keyPrefix` is where the code writes (for the declared intent) when the grant is scoped. */
type Build = (stack: Stack) => { fn: lambda.IFunction; bucket: s3.IBucket; keyPrefix?: string };

function defaultFn(stack: Construct, id = 'Writer', props: Partial<lambda.FunctionProps> = {}) {
  return writerFunction(stack, id, props);
}

const CASES: Array<[string, Build]> = [
  ['grantPut on a default bucket', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = defaultFn(stack);
    bucket.grantPut(fn);
    return { fn, bucket };
  }],
  ['grantWrite on a default bucket', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = defaultFn(stack);
    bucket.grantWrite(fn);
    return { fn, bucket };
  }],
  ['grantReadWrite on a default bucket', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = defaultFn(stack);
    bucket.grantReadWrite(fn);
    return { fn, bucket };
  }],
  ['bucket.grants.readWrite (the newer grants API)', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = defaultFn(stack);
    bucket.grants.readWrite(fn);
    return { fn, bucket };
  }],
  ['enforceSSL', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
    const fn = defaultFn(stack);
    bucket.grantPut(fn);
    return { fn, bucket };
  }],
  ['S3_MANAGED encryption + enforceSSL + BLOCK_ALL + versioned', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, versioned: true,
    });
    const fn = defaultFn(stack);
    bucket.grantWrite(fn);
    return { fn, bucket };
  }],
  ['KMS encryption with the key CDK creates', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS });
    const fn = defaultFn(stack);
    bucket.grantPut(fn);
    return { fn, bucket };
  }],
  ['KMS encryption with bucketKeyEnabled', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true });
    const fn = defaultFn(stack);
    bucket.grantReadWrite(fn);
    return { fn, bucket };
  }],
  ['an encryptionKey passed in (key with rotation and alias)', stack => {
    const key = new kms.Key(stack, 'DataKey', { enableKeyRotation: true, alias: 'alias/data' });
    const bucket = new s3.Bucket(stack, 'Bucket', { encryptionKey: key, bucketKeyEnabled: true, enforceSSL: true });
    const fn = defaultFn(stack);
    bucket.grantPut(fn);
    return { fn, bucket };
  }],
  ['KMS_MANAGED (aws/s3), same account, no KMS statement anywhere', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS_MANAGED });
    const fn = defaultFn(stack);
    bucket.grantPut(fn);
    return { fn, bucket };
  }],
  ['autoDeleteObjects (adds a bucket policy and a custom resource)', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY, enforceSSL: true });
    const fn = defaultFn(stack);
    bucket.grantReadWrite(fn);
    return { fn, bucket };
  }],
  ['objectOwnership BUCKET_OWNER_ENFORCED and BLOCK_ALL, stated explicitly', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket', {
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    });
    const fn = defaultFn(stack);
    bucket.grantPut(fn);
    return { fn, bucket };
  }],
  ['objectOwnership BUCKET_OWNER_PREFERRED', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket', { objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED });
    const fn = defaultFn(stack);
    bucket.grantPut(fn);
    return { fn, bucket };
  }],
  ['objectOwnership OBJECT_WRITER with BLOCK_ACLS', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket', {
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY,
    });
    const fn = defaultFn(stack);
    bucket.grantPut(fn);
    return { fn, bucket };
  }],
  ['blockPublicAccess all off (a public-ready bucket), private write', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket', {
      blockPublicAccess: new s3.BlockPublicAccess({
        blockPublicAcls: false, blockPublicPolicy: false, ignorePublicAcls: false, restrictPublicBuckets: false,
      }),
    });
    const fn = defaultFn(stack);
    bucket.grantPut(fn);
    return { fn, bucket };
  }],
  ['serverAccessLogsBucket (the log bucket gets a logging-service policy)', stack => {
    const logs = new s3.Bucket(stack, 'Logs', { enforceSSL: true });
    const bucket = new s3.Bucket(stack, 'Bucket', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'access/', enforceSSL: true });
    const fn = defaultFn(stack);
    bucket.grantPut(fn);
    return { fn, bucket };
  }],
  ['eventBridgeEnabled', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket', { eventBridgeEnabled: true });
    const fn = defaultFn(stack);
    bucket.grantPut(fn);
    return { fn, bucket };
  }],
  ['S3 notifications to another function (addEventNotification) and the writer', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
    const fn = defaultFn(stack);
    const onUpload = defaultFn(stack, 'OnUpload');
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(onUpload), { prefix: 'incoming/' });
    bucket.grantRead(onUpload);
    bucket.grantPut(fn, 'incoming/*');
    return { fn, bucket, keyPrefix: 'incoming/' };
  }],
  ['the notified function writes back to the same bucket under another prefix', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = defaultFn(stack);
    bucket.addObjectCreatedNotification(new s3n.LambdaDestination(fn), { prefix: 'raw/' });
    bucket.grantRead(fn, 'raw/*');
    bucket.grantPut(fn, 'processed/*');
    return { fn, bucket, keyPrefix: 'processed/' };
  }],
  ['initialPolicy', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = defaultFn(stack, 'Writer', {
      initialPolicy: [new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] })],
    });
    return { fn, bucket };
  }],
  ['role passed in, grant to the function', stack => {
    const role = new iam.Role(stack, 'WriterRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
    });
    const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
    const fn = defaultFn(stack, 'Writer', { role });
    bucket.grantPut(fn);
    return { fn, bucket };
  }],
  ['role passed in, grant to the role', stack => {
    const role = new iam.Role(stack, 'WriterRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = defaultFn(stack, 'Writer', { role });
    bucket.grantPut(role);
    return { fn, bucket };
  }],
  ['addToRolePolicy with a literal-looking ARN built from bucketArn', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = defaultFn(stack);
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:PutObjectTagging'], resources: [`${bucket.bucketArn}/uploads/*`] }));
    return { fn, bucket, keyPrefix: 'uploads/' };
  }],
  ['a customer ManagedPolicy attached to the role', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = defaultFn(stack);
    fn.role!.addManagedPolicy(new iam.ManagedPolicy(stack, 'WritePolicy', {
      statements: [new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] })],
    }));
    return { fn, bucket };
  }],
  ['a ManagedPolicy that lists the role itself (roles: [...])', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = defaultFn(stack);
    new iam.ManagedPolicy(stack, 'WritePolicy', {
      roles: [fn.role!],
      statements: [new iam.PolicyStatement({ actions: ['s3:Put*'], resources: [bucket.arnForObjects('*')] })],
    });
    return { fn, bucket };
  }],
  ['an iam.Policy attached to the role', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = defaultFn(stack);
    fn.role!.attachInlinePolicy(new iam.Policy(stack, 'Inline', {
      statements: [new iam.PolicyStatement({ actions: ['s3:*'], resources: [bucket.bucketArn, bucket.arnForObjects('*')] })],
    }));
    return { fn, bucket };
  }],
  ['an identity Deny of s3:DeleteObject does not touch PutObject', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = defaultFn(stack);
    bucket.grantReadWrite(fn);
    fn.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:DeleteObject*'], resources: ['*'] }));
    return { fn, bucket };
  }],
  ['bucket policy allows the role (and the identity policy does not)', stack => {
    // Same account: an Allow in the bucket policy naming the role ARN is enough (IAM User Guide, policy evaluation:
    // "identity-based and resource-based policies" within an account — the union).
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = defaultFn(stack);
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ArnPrincipal(fn.role!.roleArn)], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')],
    }));
    WriteAccessChecker.expectWrite(fn, bucket);
    return { fn, bucket };
  }],
  ['a Deny for everyone but the role, by aws:PrincipalArn', stack => {
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = defaultFn(stack);
    bucket.grantPut(fn);
    denyPutObjectUnless(bucket, { ArnNotEquals: { 'aws:PrincipalArn': fn.role!.roleArn } });
    return { fn, bucket };
  }],
];

describe.each([
  ['env-agnostic stack', undefined],
  ['stack with account and region', ENV],
] as Array<[string, Environment | undefined]>)('%s', (_label, env) => {
  test.each(CASES)('%s: ALLOW (inferred and declared), synth passes', (_name, build) => {
    for (const declared of [false, true]) {
      const app = newApp();
      const stack = stackIn(app, 'App', env);
      const { fn, bucket, keyPrefix } = build(stack);
      if (declared) WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix });
      const { checker, error } = synthWithChecker(app);
      const finding = verdictFor(checker, fn, bucket, declared ? 'declared' : undefined);
      expect(`${declared ? 'declared' : 'inferred'}: ${describeFinding(finding)}`).toBe(`${declared ? 'declared' : 'inferred'}: ALLOW [] `);
      expect(error).toBeUndefined();
    }
  });
});

describe('precision: conditions the templates settle', () => {
  test('a Deny for everyone but the role by aws:userId = "<RoleId>:*" (GetAtt RoleId): ALLOW', () => {
    // IAM User Guide, "AWS global condition context keys" (aws:userid): for a role session the value is
    // "role-id:caller-specified-role-name", and role-id is exactly what `Fn::GetAtt Role.RoleId` returns. The pattern
    // "<RoleId>:*" therefore matches every session of this role, so the Deny never applies to it.
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    denyPutObjectUnless(bucket, { StringNotLike: { 'aws:userId': [`${(fn.role as iam.Role).roleId}:*`] } });
    const { checker, error } = synthWithChecker(app);
    expect(error).toBeUndefined();
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
  });

  test('…with a literal unique ID of some role (AROA…:*): not DENY, since the ID cannot be known at synth', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    denyPutObjectUnless(bucket, { StringNotLike: { 'aws:userId': ['AROAEXAMPLEID123456:*'] } });
    const { checker, error } = synthWithChecker(app);
    expect(error).toBeUndefined();
    expectNotDeny(verdictFor(checker, fn, bucket));
  });
});
