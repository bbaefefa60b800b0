import { CfnParameter, Duration, Fn, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describeFinding, newApp, expectNotDeny, stackIn, synthWithChecker, verdictFor, writerFunction } from '../../support/harness';
import { WriteAccessChecker, WriteVerdict } from '../../../src/checker';

// Less common spellings of the same working write. Each must still be ALLOW (or, where the templates cannot settle
// it, UNKNOWN/CONDITIONAL), never DENY.
// IAM User Guide, "IAM JSON policy elements: Action": action names are case-insensitive and may use wildcards;
// "Resource": ARNs may use * and ? wildcards in the resource part; "NotAction" with Allow allows every other action.

type Build = (stack: Stack) => { fn: lambda.IFunction; bucket: s3.IBucket; keyPrefix?: string };

function allowed(build: Build, declared = true) {
  const app = newApp();
  const stack = stackIn(app, 'App');
  const { fn, bucket, keyPrefix } = build(stack);
  if (declared) WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix });
  const { checker, error } = synthWithChecker(app);
  return { finding: verdictFor(checker, fn, bucket, declared ? 'declared' : undefined), error };
}

function identityOnly(statement: (bucket: s3.Bucket) => iam.PolicyStatement): Build {
  return stack => {
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    fn.addToRolePolicy(statement(bucket));
    return { fn, bucket };
  };
}

describe('identity-policy spellings of the same Allow: ALLOW', () => {
  test.each([
    ['action in upper case (S3:PUTOBJECT)', identityOnly(b => new iam.PolicyStatement({ actions: ['S3:PUTOBJECT'], resources: [b.arnForObjects('*')] }))],
    ['action wildcard s3:Put*', identityOnly(b => new iam.PolicyStatement({ actions: ['s3:Put*'], resources: [b.arnForObjects('*')] }))],
    ['action wildcard s3:*Object', identityOnly(b => new iam.PolicyStatement({ actions: ['s3:*Object'], resources: [b.arnForObjects('*')] }))],
    ['resource arn:aws:s3:::*', identityOnly(() => new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::*'] }))],
    ['resource arn:aws:s3:::*/*', identityOnly(() => new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::*/*'] }))],
    ['resource "*"', identityOnly(() => new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['*'] }))],
    ['NotAction iam:* on "*"', identityOnly(() => new iam.PolicyStatement({ notActions: ['iam:*'], resources: ['*'] }))],
    ['resource built with Fn::Sub and ${AWS::Partition}', identityOnly(b => new iam.PolicyStatement({
      actions: ['s3:PutObject'], resources: [Fn.sub('arn:${AWS::Partition}:s3:::${Name}/*', { Name: b.bucketName })],
    }))],
    ['resource built with Stack.formatArn', (stack: Stack) => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      const fn = writerFunction(stack, 'Writer');
      fn.addToRolePolicy(new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [stack.formatArn({ service: 's3', region: '', account: '', resource: bucket.bucketName, resourceName: '*' })],
      }));
      return { fn, bucket };
    }],
    ['a literal bucket name in both the bucket and the policy', (stack: Stack) => {
      const bucket = new s3.Bucket(stack, 'Bucket', { bucketName: 'acme-literal-drop' });
      const fn = writerFunction(stack, 'Writer');
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::acme-literal-drop/*'] }));
      return { fn, bucket };
    }],
    ['role with inlinePolicies', (stack: Stack) => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      const role = new iam.Role(stack, 'Role', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        inlinePolicies: { write: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] })] }) },
      });
      return { fn: writerFunction(stack, 'Writer', { role }), bucket };
    }],
  ] as Array<[string, Build]>)('%s', (_n, build) => {
    const { finding, error } = allowed(build);
    expect(describeFinding(finding)).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });
});

describe('bucket-policy statements that do not apply to the default request: ALLOW', () => {
  function withPolicy(statement: (b: s3.Bucket, fn: lambda.Function) => iam.PolicyStatement): Build {
    return stack => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn);
      bucket.addToResourcePolicy(statement(bucket, fn));
      return { fn, bucket };
    };
  }
  const deny = (b: s3.Bucket, conditions: any) => new iam.PolicyStatement({
    effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [b.arnForObjects('*')], conditions,
  });
  test.each([
    ['Deny public ACLs (StringEquals s3:x-amz-acl public-read)', withPolicy(b => deny(b, { StringEquals: { 's3:x-amz-acl': ['public-read', 'public-read-write'] } }))],
    ['Deny Bool aws:SecureTransport false, written by hand', withPolicy(b => deny(b, { Bool: { 'aws:SecureTransport': 'false' } }))],
    ['Deny to a service principal', withPolicy(b => new iam.PolicyStatement({
      effect: iam.Effect.DENY, principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')], actions: ['s3:PutObject'], resources: [b.arnForObjects('*')],
    }))],
    ['Deny on another prefix (the code writes under in/)', (stack: Stack) => ({
      ...withPolicy(b => new iam.PolicyStatement({
        effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [b.arnForObjects('audit/*')],
      }))(stack),
      keyPrefix: 'in/',
    })],
    ['Deny DeleteObject for everyone', withPolicy(b => new iam.PolicyStatement({
      effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'], resources: [b.arnForObjects('*')],
    }))],
    ['Deny unless aws:PrincipalAccount is the stack account (Ref AWS::AccountId)', withPolicy(b => deny(b, { StringNotEquals: { 'aws:PrincipalAccount': Stack.of(b).account } }))],
    ['Deny unless aws:PrincipalTag/team = data, role tagged team=data', (stack: Stack) => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn);
      bucket.addToResourcePolicy(deny(bucket, { StringNotEquals: { 'aws:PrincipalTag/team': 'data' } }));
      Tags.of(fn.role!).add('team', 'data');
      return { fn, bucket };
    }],
  ] as Array<[string, Build]>)('%s', (_n, build) => {
    const { finding, error } = allowed(build);
    expect(describeFinding(finding)).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test('Deny s3:PutObject NotResource "in/*" (writes only under in/): in/ → ALLOW, out/ → DENY', () => {
    // IAM User Guide, "NotResource": a Deny with NotResource denies every resource not listed.
    for (const prefix of ['in/', 'out/']) {
      const { finding } = allowed(stack => ({
        ...withPolicy(b => new iam.PolicyStatement({
          effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], notResources: [b.arnForObjects('in/*')],
        }))(stack),
        keyPrefix: prefix,
      }));
      if (prefix === 'in/') expect(describeFinding(finding)).toBe('ALLOW [] ');
      else expect(finding.verdict).toBe(WriteVerdict.DENY);
    }
  });

  test('a role with a path, and a Deny for everyone but aws:PrincipalArn = that role: ALLOW', () => {
    const { finding } = allowed(stack => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), path: '/service/ingest/' });
      const fn = writerFunction(stack, 'Writer', { role });
      bucket.grantPut(fn);
      bucket.addToResourcePolicy(deny(bucket, { ArnNotEquals: { 'aws:PrincipalArn': role.roleArn } }));
      return { fn, bucket };
    });
    expect(describeFinding(finding)).toBe('ALLOW [] ');
  });

  test('Deny StringNotEqualsIfExists on the SSE header: DENY for the default request (IAM User Guide, "...IfExists": an absent key makes the condition true)', () => {
    const { finding } = allowed(withPolicy(b => deny(b, { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } })));
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(finding.causes.map(c => c.code)).toEqual(['REQUEST_CONDITION']);
  });

  test('a website bucket with publicReadAccess (public GetObject policy, BPA relaxed): the private write is ALLOW', () => {
    const { finding, error } = allowed(stack => {
      const bucket = new s3.Bucket(stack, 'Bucket', {
        websiteIndexDocument: 'index.html', publicReadAccess: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY,
      });
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn, 'site/*');
      return { fn, bucket, keyPrefix: 'site/' };
    });
    expect(describeFinding(finding)).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test('lifecycle rules, intelligent tiering, CORS, transfer acceleration, metrics, inventory: ALLOW', () => {
    const { finding } = allowed(stack => {
      const inventory = new s3.Bucket(stack, 'Inventory');
      const bucket = new s3.Bucket(stack, 'Bucket', {
        lifecycleRules: [{ expiration: Duration.days(30), prefix: 'tmp/' }],
        intelligentTieringConfigurations: [{ name: 'all', archiveAccessTierTime: Duration.days(90) }],
        cors: [{ allowedMethods: [s3.HttpMethods.PUT], allowedOrigins: ['https://example.com'] }],
        transferAcceleration: true,
        metrics: [{ id: 'all' }],
        inventories: [{ destination: { bucket: inventory } }],
      });
      const fn = writerFunction(stack, 'Writer');
      bucket.grantReadWrite(fn);
      return { fn, bucket };
    });
    expect(describeFinding(finding)).toBe('ALLOW [] ');
  });
});

describe('lambda.SingletonFunction (CDK creates the function at stack level, id SingletonLambda<uuid>)', () => {
  function singletonApp() {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = new lambda.SingletonFunction(stack, 'Writer', {
      uuid: '5e8f2d8a-3b7e-4a35-9d70-2c7d9d4f2a11',
      runtime: lambda.Runtime.PYTHON_3_13,
      handler: 'index.handler',
      code: lambda.Code.fromInline('def handler(e, c): pass'),
      timeout: Duration.seconds(30),
    });
    bucket.grantPut(fn);
    return { app, stack, bucket, fn };
  }

  test('grantPut, inferred: ALLOW on the underlying function', () => {
    const { app, stack, bucket } = singletonApp();
    const underlying = stack.node.findChild('SingletonLambda5e8f2d8a3b7e4a359d702c7d9d4f2a11');
    const { checker, error } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, underlying, bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test('expectWrite(singletonFunction, …) is accepted and judged ALLOW', () => {
    // A SingletonFunction is a function of this app; expectWrite must reach the function it creates.
    const { app, stack, bucket, fn } = singletonApp();
    expect(() => WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'x/' })).not.toThrow();
    const underlying = stack.node.findChild('SingletonLambda5e8f2d8a3b7e4a359d702c7d9d4f2a11');
    const { checker } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, underlying, bucket, 'declared'))).toBe('ALLOW [] ');
  });
});

describe('KMS key policies written by hand', () => {
  function keyApp(statement: (fn: lambda.Function, bucket: () => string) => iam.PolicyStatement, bucketKeyEnabled = false): Build {
    return stack => {
      const fn = writerFunction(stack, 'Writer');
      const admin = new iam.PolicyStatement({ principals: [new iam.ArnPrincipal(`arn:aws:iam::${stack.account}:role/key-admins`)], actions: ['kms:*'], resources: ['*'] });
      const bucketName = 'acme-kms-ctx';
      const key = new kms.Key(stack, 'Key', { policy: new iam.PolicyDocument({ statements: [admin, statement(fn, () => bucketName)] }) });
      const bucket = new s3.Bucket(stack, 'Bucket', { bucketName, encryptionKey: key, bucketKeyEnabled });
      bucket.grantPut(fn);
      return { fn, bucket };
    };
  }
  const forRole = (fn: lambda.Function, conditions?: any) => new iam.PolicyStatement({
    principals: [fn.role!], actions: ['kms:GenerateDataKey*', 'kms:Decrypt'], resources: ['*'], conditions,
  });

  test('role statement with kms:ViaService s3.<region>.amazonaws.com: ALLOW (S3 calls KMS for the role)', () => {
    const { finding } = allowed(keyApp(fn => forRole(fn, { StringEquals: { 'kms:ViaService': `s3.${Stack.of(fn).region}.amazonaws.com` } })));
    expect(describeFinding(finding)).toBe('ALLOW [] ');
  });

  test('role statement with kms:EncryptionContext:aws:s3:arn = the objects ARN: ALLOW without a Bucket Key', () => {
    const { finding } = allowed(keyApp((fn, name) => forRole(fn, { StringLike: { 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${name()}/*` } })));
    expect(describeFinding(finding)).toBe('ALLOW [] ');
  });

  test('…the same with bucketKeyEnabled: the context is the bucket ARN, so the statement no longer matches: DENY (S3 User Guide, "S3 Bucket Keys": encryption context)', () => {
    const { finding } = allowed(keyApp((fn, name) => forRole(fn, { StringLike: { 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${name()}/*` } }), true));
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(finding.causes.map(c => c.code)).toContain('KMS_KEY_POLICY');
  });

  test('the aws/s3-style statement (any principal of the account, via S3): ALLOW', () => {
    const { finding } = allowed(keyApp(fn => new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'kms:CallerAccount': Stack.of(fn).account, 'kms:ViaService': `s3.${Stack.of(fn).region}.amazonaws.com` } },
    })));
    expect(describeFinding(finding)).toBe('ALLOW [] ');
  });
});

describe('values the templates leave open: never DENY', () => {
  test('bucket name from a CfnParameter, grant on it', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const name = new CfnParameter(stack, 'BucketName', { type: 'String' });
    const bucket = s3.Bucket.fromBucketName(stack, 'Param', name.valueAsString);
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket);
    const { checker, error } = synthWithChecker(app);
    for (const f of checker.findings) expectNotDeny(f);
    expect(error).toBeUndefined();
  });

  test('a prefix from a CfnParameter in the grant, inferred intent', () => {
    const { finding, error } = allowed(stack => {
      const prefix = new CfnParameter(stack, 'Prefix', { type: 'String', default: 'in' });
      const bucket = new s3.Bucket(stack, 'Bucket');
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn, `${prefix.valueAsString}/*`);
      return { fn, bucket };
    }, false);
    expectNotDeny(finding);
    expect(error).toBeUndefined();
  });

  test('an identity Allow conditioned on the SSE header, inferred: CONDITIONAL, not DENY', () => {
    const { finding, error } = allowed(identityOnly(b => new iam.PolicyStatement({
      actions: ['s3:PutObject'], resources: [b.arnForObjects('*')], conditions: { StringEquals: { 's3:x-amz-server-side-encryption': 'AES256' } },
    })), false);
    expect(finding.verdict).toBe(WriteVerdict.CONDITIONAL);
    expect(error).toBeUndefined();
  });

  test('Object Lock with default retention, grantPut, default request: not DENY (SDK v3 sends a checksum)', () => {
    // S3 User Guide, "Object Lock": PUTs to a bucket with default retention need Content-MD5 or an x-amz-sdk-checksum
    // header; current AWS SDKs send CRC32 by default. The checker cannot see the SDK version.
    const { finding, error } = allowed(stack => {
      const bucket = new s3.Bucket(stack, 'Bucket', { objectLockEnabled: true, objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(30)) });
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn);
      return { fn, bucket };
    });
    expectNotDeny(finding);
    expect(error).toBeUndefined();
  });
});
