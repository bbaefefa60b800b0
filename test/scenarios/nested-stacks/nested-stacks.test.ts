import { CfnCondition, CfnParameter, Fn, NestedStack, Stack, Stage, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteAccessChecker, WriteVerdict } from '../../../src/checker';
import { SecureLambdaWriter, WriterEncryption } from '../../../src/writer';
import { describeFinding, ENV, expectNotDeny, findingsOf, newApp, OTHER_ENV, stackIn, synthWithChecker, verdictFor, writerFunction } from '../../support/harness';

// A second, independent hunt for false DENYs (and false ALLOWs) in the features added last. Each test builds an app
// the way users write them and asserts what AWS would answer, with the doc that settles it.

const ORG = 'o-abc123defg';
const allowAll = () => new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })] });

describe('NestedStack (CloudFormation nested stacks)', () => {
  test('function in a NestedStack, bucket in the parent, grantPut and enforceSSL: ALLOW', () => {
    const app = newApp();
    const parent = stackIn(app, 'Parent');
    const bucket = new s3.Bucket(parent, 'Bucket', { enforceSSL: true });
    const nested = new NestedStack(parent, 'Workers');
    const fn = writerFunction(nested, 'Writer');
    bucket.grantPut(fn);
    const { checker, error } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test('bucket in a NestedStack, function in the parent, grantReadWrite on a KMS bucket: ALLOW', () => {
    const app = newApp();
    const parent = stackIn(app, 'Parent');
    const nested = new NestedStack(parent, 'Storage');
    const bucket = new s3.Bucket(nested, 'Bucket', { encryption: s3.BucketEncryption.KMS, enforceSSL: true });
    const fn = writerFunction(parent, 'Writer');
    bucket.grantReadWrite(fn);
    const { checker, error } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test('the same, but the nested bucket policy denies every PutObject: DENY (no false ALLOW across the boundary)', () => {
    const app = newApp();
    const parent = stackIn(app, 'Parent');
    const nested = new NestedStack(parent, 'Storage');
    const bucket = new s3.Bucket(nested, 'Bucket');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'Frozen', effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')],
    }));
    const fn = writerFunction(parent, 'Writer');
    bucket.grantPut(fn);
    const { checker } = synthWithChecker(app);
    const f = verdictFor(checker, fn, bucket);
    expect(f.verdict).toBe(WriteVerdict.DENY);
    expect(f.causes[0].code).toBe('BUCKET_POLICY_DENY');
  });

  test('SecureLambdaWriter (KMS, tags, prefix) inside a NestedStack of a Stage: ALLOW', () => {
    const app = newApp();
    const stage = new Stage(app, 'Prod', { env: ENV });
    const parent = new Stack(stage, 'Parent');
    const nested = new NestedStack(parent, 'Ingest');
    const writer = new SecureLambdaWriter(nested, 'Writer', {
      functionProps: { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};') },
      bucketProps: {},
      keyPrefix: 'incoming/',
      objectTags: { classification: 'internal' },
      encryption: WriterEncryption.KMS,
      enforceEncryptionHeader: true,
    });
    const { checker, error } = synthWithChecker(app);
    expect(findingsOf(checker, writer.function).map(describeFinding)).toEqual(['ALLOW [] ']);
    expect(error).toBeUndefined();
  });
});

describe('resource-owner keys in data perimeters (IAM global condition keys: aws:ResourceAccount, aws:ResourceOrgID)', () => {
  // IAM User Guide, "AWS global condition context keys": aws:ResourceAccount is the account that owns the resource,
  // aws:ResourceOrgID the organization of that account; both are in the request context of every S3 object request.
  const perimeterScp = (key: string, value: string) => new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }),
      new iam.PolicyStatement({
        sid: 'EnforceResourcePerimeter',
        effect: iam.Effect.DENY,
        actions: ['s3:*'],
        resources: ['*'],
        conditions: { StringNotEqualsIfExists: { [key]: value } },
      }),
    ],
  });

  function crossAccountApp() {
    const app = newApp();
    const data = stackIn(app, 'Data', OTHER_ENV);
    const compute = stackIn(app, 'Compute', ENV);
    const bucket = new s3.Bucket(data, 'Bucket', { bucketName: 'shared-data-222' });
    const fn = writerFunction(compute, 'Writer', { functionName: 'cross-writer' });
    const role = iam.Role.fromRoleName(data, 'WriterRole', 'cross-writer-role');
    void role;
    // The role of the function, by its literal ARN, is granted on both sides (identity + bucket policy).
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::shared-data-222/*'] }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AccountPrincipal(ENV.account)], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')],
    }));
    return { app, fn, bucket };
  }

  test('SCP "only our org\'s resources" (aws:ResourceOrgID) with organizationId given, bucket in another account of the org: ALLOW', () => {
    const { app, fn, bucket } = crossAccountApp();
    const { checker, error } = synthWithChecker(app, { organizationId: ORG, serviceControlPolicies: [allowAll(), perimeterScp('aws:ResourceOrgID', ORG)] });
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test('SCP aws:ResourceOrgID naming ANOTHER organization: DENY by SCP', () => {
    const { app, fn, bucket } = crossAccountApp();
    const { checker } = synthWithChecker(app, { organizationId: ORG, serviceControlPolicies: [allowAll(), perimeterScp('aws:ResourceOrgID', 'o-zzzzzzzzzz')] });
    const f = verdictFor(checker, fn, bucket);
    expect(f.verdict).toBe(WriteVerdict.DENY);
    expect(f.causes[0].code).toBe('SCP_DENY');
  });

  test('SCP aws:ResourceOrgID without organizationId: not DENY (the org is unknown)', () => {
    const { app, fn, bucket } = crossAccountApp();
    const { checker, error } = synthWithChecker(app, { serviceControlPolicies: [allowAll(), perimeterScp('aws:ResourceOrgID', ORG)] });
    expectNotDeny(verdictFor(checker, fn, bucket));
    expect(error).toBeUndefined();
  });

  test('SCP aws:ResourceAccount listing both accounts: ALLOW; listing only the function\'s account: DENY', () => {
    const both = crossAccountApp();
    const ok = synthWithChecker(both.app, {
      serviceControlPolicies: [allowAll(), new iam.PolicyDocument({
      // Every level needs an Allow (Organizations User Guide, "SCP evaluation"): FullAWSAccess plus the guard.
        statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }), new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          actions: ['s3:*'],
          resources: ['*'],
          conditions: { StringNotEquals: { 'aws:ResourceAccount': [ENV.account!, OTHER_ENV.account!] } },
        })],
      })],
    });
    expect(describeFinding(verdictFor(ok.checker, both.fn, both.bucket))).toBe('ALLOW [] ');
    const only = crossAccountApp();
    const bad = synthWithChecker(only.app, { serviceControlPolicies: [allowAll(), perimeterScp('aws:ResourceAccount', ENV.account!)] });
    expect(verdictFor(bad.checker, only.fn, only.bucket).verdict).toBe(WriteVerdict.DENY);
  });

  test('identity-policy guard "Deny s3:* unless aws:ResourceAccount = \\${aws:PrincipalAccount}" on a same-account bucket: ALLOW', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    bucket.grantWrite(fn);
    fn.addToRolePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      actions: ['s3:*'],
      resources: ['*'],
      conditions: { StringNotEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } },
    }));
    const { checker, error } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });
});

describe('s3:TlsVersion (S3 condition keys; the AWS SDKs negotiate TLS 1.2 or 1.3)', () => {
  function tlsApp(condition: Record<string, unknown>) {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'Tls',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:*'],
      resources: [bucket.bucketArn, bucket.arnForObjects('*')],
      conditions: condition,
    }));
    return { app, fn, bucket };
  }
  test('Deny NumericLessThan s3:TlsVersion 1.2 (the documented minimum-TLS policy): ALLOW', () => {
    const { app, fn, bucket } = tlsApp({ NumericLessThan: { 's3:TlsVersion': '1.2' } });
    const { checker } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
  });
  test('Deny NumericLessThan s3:TlsVersion 1.3: not DENY (the SDK may negotiate 1.3)', () => {
    const { app, fn, bucket } = tlsApp({ NumericLessThan: { 's3:TlsVersion': '1.3' } });
    const { checker, error } = synthWithChecker(app);
    expectNotDeny(verdictFor(checker, fn, bucket));
    expect(error).toBeUndefined();
  });
  test('s3.Bucket minimumTLSVersion: 1.2 (the CDK way): ALLOW', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true, minimumTLSVersion: 1.2 });
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    const { checker } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
  });
});

describe('inferred intents from conditioned grants and policy variables', () => {
  test('grant conditioned on lambda:SourceFunctionArn = this function: ALLOW', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    new iam.Policy(stack, 'WritePolicy', {
      roles: [fn.role!],
      statements: [new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('out/*')],
        conditions: { ArnEquals: { 'lambda:SourceFunctionArn': fn.functionArn } },
      })],
    });
    const { checker, error } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test('a role shared by two functions, grant conditioned on the OTHER function: no DENY for the first', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const role = new iam.Role(stack, 'Shared', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const a = writerFunction(stack, 'A', { role });
    const b = writerFunction(stack, 'B', { role });
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects('*')],
      conditions: { ArnEquals: { 'lambda:SourceFunctionArn': b.functionArn } },
    }));
    const { checker, error } = synthWithChecker(app);
    expect(error).toBeUndefined();
    expect(findingsOf(checker, a).filter(f => f.verdict === WriteVerdict.DENY).map(describeFinding)).toEqual([]);
    expect(describeFinding(verdictFor(checker, b, bucket))).toBe('ALLOW [] ');
  });

  test('ABAC prefix "${aws:PrincipalTag/team}/*" with the role tagged team=ingest: ALLOW', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    Tags.of(fn.role!).add('team', 'ingest');
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [`${bucket.bucketArn}/\${aws:PrincipalTag/team}/*`] }));
    const { checker, error } = synthWithChecker(app);
    const f = verdictFor(checker, fn, bucket);
    expect(describeFinding(f)).toBe('ALLOW [] ');
    expect(f.keyPattern).toBe('ingest/*');
    expect(error).toBeUndefined();
  });

  test('grant conditioned on aws:PrincipalTag/team = ingest, role tagged team=ingest: ALLOW; tagged team=other: no ALLOW', () => {
    for (const tag of ['ingest', 'other']) {
      const app = newApp();
      const stack = stackIn(app, 'App');
      const bucket = new s3.Bucket(stack, 'Bucket');
      const fn = writerFunction(stack, 'Writer');
      Tags.of(fn.role!).add('team', tag);
      fn.addToRolePolicy(new iam.PolicyStatement({
        actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')], conditions: { StringEquals: { 'aws:PrincipalTag/team': 'ingest' } },
      }));
      WriteAccessChecker.expectWrite(fn, bucket, {});
      const { checker } = synthWithChecker(app);
      const v = verdictFor(checker, fn, bucket).verdict;
      if (tag === 'ingest') expect(v).toBe(WriteVerdict.ALLOW);
      else expect(v).not.toBe(WriteVerdict.ALLOW);
    }
  });
});

describe('undecidable CloudFormation Conditions and several bucket policies: never DENY', () => {
  test('a bucket policy Deny guarded by Fn::Equals on a parameter: not DENY', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const env = new CfnParameter(stack, 'Env', { type: 'String', default: 'dev' });
    const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(env.valueAsString, 'prod') });
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    const freeze = new s3.CfnBucketPolicy(stack, 'Freeze', {
      bucket: bucket.bucketName,
      policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: bucket.arnForObjects('*') }] },
    });
    freeze.cfnOptions.condition = isProd;
    const { checker, error } = synthWithChecker(app);
    expectNotDeny(verdictFor(checker, fn, bucket));
    expect(error).toBeUndefined();
  });

  test('two AWS::S3::BucketPolicy resources on one bucket, one of them denying: not DENY (S3 keeps one, which is unknown)', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    new s3.CfnBucketPolicy(stack, 'Second', {
      bucket: bucket.bucketName,
      policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: bucket.arnForObjects('*') }] },
    });
    const { checker, error } = synthWithChecker(app);
    expectNotDeny(verdictFor(checker, fn, bucket));
    expect(error).toBeUndefined();
  });
});

describe('KMS key without KeyPolicy (CloudFormation applies the default key policy: account root kms:*)', () => {
  function keyApp(grantKms: boolean) {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const key = new kms.CfnKey(stack, 'Key', {});
    const bucket = new s3.CfnBucket(stack, 'Bucket', {
      bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.attrArn } }] },
    });
    const fn = writerFunction(stack, 'Writer');
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [`${bucket.attrArn}/*`] }));
    if (grantKms) fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey'], resources: [key.attrArn] }));
    return { app, fn, bucket };
  }
  test('the role is granted kms:GenerateDataKey: ALLOW (the default policy delegates to IAM)', () => {
    const { app, fn, bucket } = keyApp(true);
    const { checker, error } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });
  test('the role lacks kms:GenerateDataKey: DENY KMS_IDENTITY', () => {
    const { app, fn, bucket } = keyApp(false);
    const { checker } = synthWithChecker(app);
    const f = verdictFor(checker, fn, bucket);
    expect(f.verdict).toBe(WriteVerdict.DENY);
    expect(f.causes[0].code).toBe('KMS_IDENTITY');
  });
});

describe('NotPrincipal with Deny (IAM User Guide, "NotPrincipal": list the account, role and session ARNs)', () => {
  function notPrincipalApp(exempt: (role: iam.IRole, fnName: string) => string[]) {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const role = new iam.Role(stack, 'Role', { roleName: 'ingest-role', assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const fn = writerFunction(stack, 'Writer', { role, functionName: 'ingest' });
    bucket.grantPut(fn);
    const arns = exempt(role, 'ingest');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'OnlyIngest', effect: iam.Effect.DENY, notPrincipals: arns.map(a => new iam.ArnPrincipal(a)), actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')],
    }));
    return { app, fn, bucket };
  }
  test('account, role and session ARN all listed: ALLOW', () => {
    const { app, fn, bucket } = notPrincipalApp(() => [
      'arn:aws:iam::111111111111:root', 'arn:aws:iam::111111111111:role/ingest-role', 'arn:aws:sts::111111111111:assumed-role/ingest-role/ingest',
    ]);
    const { checker, error } = synthWithChecker(app);
    expectNotDeny(verdictFor(checker, fn, bucket));
    expect(error).toBeUndefined();
  });
  test('only another role listed: DENY BUCKET_POLICY_DENY', () => {
    const { app, fn, bucket } = notPrincipalApp(() => ['arn:aws:iam::111111111111:root', 'arn:aws:iam::111111111111:role/other-role']);
    const { checker } = synthWithChecker(app);
    const f = verdictFor(checker, fn, bucket);
    expect(f.verdict).toBe(WriteVerdict.DENY);
    expect(f.causes[0].code).toBe('BUCKET_POLICY_DENY');
  });
});

describe('Requester Pays assumed off for imported buckets in another account', () => {
  test('imported cross-account bucket with its policy given: not DENY', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = s3.Bucket.fromBucketAttributes(stack, 'Shared', { bucketName: 'partner-drop', account: '333333333333' });
    const fn = writerFunction(stack, 'Writer', { functionName: 'dropper' });
    bucket.grantPut(fn);
    // An imported bucket is not a bucket of the app: no intent is inferred, so the write is declared.
    WriteAccessChecker.expectWrite(fn, bucket, {});
    const policy = new iam.PolicyDocument({
      statements: [new iam.PolicyStatement({
        principals: [new iam.AccountPrincipal('111111111111')], actions: ['s3:PutObject'], resources: ['arn:aws:s3:::partner-drop/*'],
      })],
    });
    const { checker, error } = synthWithChecker(app, { externalBucketPolicies: { 'partner-drop': policy } });
    const f = verdictFor(checker, fn, 'partner-drop');
    expectNotDeny(f);
    expect(error).toBeUndefined();
  });
});
