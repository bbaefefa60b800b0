import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnCondition, CfnParameter, CfnResource, Fn, NestedStack, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import * as cr from 'aws-cdk-lib/custom-resources';
import { describeFinding, findingsOf, newApp, expectNotDeny, stackIn, synthWithChecker, verdictFor, writerFunction } from '../../support/harness';
import { WriteAccessChecker, WriteVerdict } from '../../../src/checker';

// Apps built from L1s, escape hatches, intrinsics and odd values. `synthWithChecker` already fails the test if synth
// throws anything but the checker's DENY, or if the checker reports an internal error; each test also says what the
// verdict must (not) be. The project's standard: "Bad input never crashes: malformed policies, unknown resource types,
// unresolvable tokens give 'unknown' with a reason."

describe('L1 and escape-hatch apps', () => {
  test('CfnFunction with a literal role ARN (role outside the app) writing a CfnBucket: no DENY', () => {
    const app = newApp();
    const stack = stackIn(app, 'L1');
    const bucket = new s3.CfnBucket(stack, 'Bucket');
    new lambda.CfnFunction(stack, 'Fn', {
      role: 'arn:aws:iam::111111111111:role/legacy-lambda-role',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      code: { zipFile: 'exports.handler = async () => {};' },
      environment: { variables: { BUCKET: bucket.ref } },
    });
    const { checker, error } = synthWithChecker(app);
    expect(error).toBeUndefined();
    for (const f of checker.findings) expectNotDeny(f);
  });

  test('CfnFunction whose role is Fn::ImportValue from outside the app: no DENY', () => {
    const app = newApp();
    const stack = stackIn(app, 'L1');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = new lambda.CfnFunction(stack, 'Fn', {
      role: Fn.importValue('platform-LambdaRoleArn'), runtime: 'nodejs22.x', handler: 'index.handler', code: { zipFile: 'x' },
    });
    const { checker, error } = synthWithChecker(app);
    expect(error).toBeUndefined();
    for (const f of checker.findings) expectNotDeny(f);
    expect(bucket && fn).toBeTruthy();
  });

  test.each([
    ['a Statement that is an object, not an array', { Version: '2012-10-17', Statement: { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: '*' } }],
    ['an unknown condition operator in a Deny', { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: '*', Condition: { StringEqualsFancy: { 'aws:x': 'y' } } }] }],
    ['a Principal from a parameter', 'PARAM'],
    ['a statement behind Fn::If', 'IF'],
    ['an empty object', {}],
  ] as Array<[string, any]>)('a hand-written CfnBucketPolicy with %s: synth does not crash; no certain DENY from a Deny that cannot be read', (_n, doc) => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    let document = doc;
    if (doc === 'PARAM') {
      const who = new CfnParameter(stack, 'Who', { type: 'String' });
      document = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: who.valueAsString }, Action: 's3:PutObject', Resource: `${bucket.bucketArn}/*` }] };
    }
    if (doc === 'IF') {
      const prod = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(Stack.of(stack).account, '999999999999') });
      document = {
        Version: '2012-10-17',
        Statement: [Fn.conditionIf(prod.logicalId,
          { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `${bucket.bucketArn}/*` },
          { Ref: 'AWS::NoValue' })],
      };
    }
    new s3.CfnBucketPolicy(stack, 'HandPolicy', { bucket: bucket.bucketName, policyDocument: document });
    const { checker, error } = synthWithChecker(app);
    const finding = verdictFor(checker, fn, bucket);
    if (doc === 'PARAM' || doc === 'IF') expectNotDeny(finding);
    else expect(finding.verdict).not.toBe(WriteVerdict.DENY);
    expect(error).toBeUndefined();
  });

  test('a property override that replaces the role policy document with a string: no crash, not ALLOW', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    (fn.role!.node.findChild('DefaultPolicy').node.defaultChild as CfnResource).addPropertyOverride('PolicyDocument', 'garbage');
    const { checker } = synthWithChecker(app);
    for (const f of findingsOf(checker, fn)) expect(f.verdict).not.toBe(WriteVerdict.ALLOW);
  });

  test('unknown resource types and a third-party resource next to the write: ALLOW', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    new CfnResource(stack, 'Thing', { type: 'Acme::Widget::Gizmo', properties: { Size: 3 } });
    new CfnResource(stack, 'Custom', { type: 'Custom::Whatever', properties: { ServiceToken: 'arn:aws:lambda:us-east-1:111111111111:function:x' } });
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    const { checker, error } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });
});

describe('a migrated template (cloudformation-include CfnInclude)', () => {
  const templateDirs: string[] = [];
  afterAll(() => {
    for (const dir of templateDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A hand-written template: a function whose inline policy allows PutObject, a bucket that demands the SSE header. */
  function legacyTemplate(withSseDeny: boolean) {
    const template = {
      Resources: {
        Bucket: { Type: 'AWS::S3::Bucket' },
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
            Policies: [{
              PolicyName: 'write',
              PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: { 'Fn::Sub': '${Bucket.Arn}/*' } }] },
            }],
          },
        },
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Runtime: 'python3.13', Handler: 'index.handler', Code: { ZipFile: 'def handler(e, c): pass' } },
        },
        ...(withSseDeny ? {
          BucketPolicy: {
            Type: 'AWS::S3::BucketPolicy',
            Properties: {
              Bucket: { Ref: 'Bucket' },
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [{
                  Sid: 'RequireSse',
                  Effect: 'Deny',
                  Principal: '*',
                  Action: 's3:PutObject',
                  Resource: { 'Fn::Sub': '${Bucket.Arn}/*' },
                  Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } },
                }],
              },
            },
          },
        } : {}),
      },
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wac-include-'));
    templateDirs.push(dir);
    const file = path.join(dir, 'legacy.json');
    fs.writeFileSync(file, JSON.stringify(template));
    return file;
  }

  test.each([
    [false, 'ALLOW'],
    [true, 'CONDITIONAL'],
  ] as Array<[boolean, string]>)('SSE-header Deny %s: inferred write is %s', (withSseDeny, expected) => {
    const app = newApp();
    const stack = stackIn(app, 'Legacy');
    const included = new CfnInclude(stack, 'Template', { templateFile: legacyTemplate(withSseDeny) });
    const { checker, error } = synthWithChecker(app);
    expect(error).toBeUndefined();
    const fn = included.getResource('Fn');
    const bucket = included.getResource('Bucket');
    expect(verdictFor(checker, fn, bucket).verdict).toBe(expected);
  });
});

describe('nested stacks and CDK-built functions', () => {
  test('the function in a NestedStack, the bucket in the parent: ALLOW', () => {
    const app = newApp();
    const parent = stackIn(app, 'Parent');
    const bucket = new s3.Bucket(parent, 'Bucket', { enforceSSL: true });
    const nested = new NestedStack(parent, 'Compute');
    const fn = writerFunction(nested, 'Writer');
    bucket.grantPut(fn);
    const { checker, error } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test('the bucket in a NestedStack with a Deny, the function in the parent: DENY', () => {
    const app = newApp();
    const parent = stackIn(app, 'Parent');
    const nested = new NestedStack(parent, 'Data');
    const bucket = new s3.Bucket(nested, 'Bucket');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')],
    }));
    const fn = writerFunction(parent, 'Writer');
    bucket.grantPut(fn);
    const { checker } = synthWithChecker(app);
    expect(verdictFor(checker, fn, bucket).verdict).toBe(WriteVerdict.DENY);
  });

  test('the write permission in a NestedStack (iam.Policy attached to the parent\'s role), declared write: not DENY', () => {
    // AWS sees the policy: it is deployed (by the nested stack) and attached to the role. Not seeing it must not
    // turn into NO_IDENTITY_ALLOW.
    const app = newApp();
    const parent = stackIn(app, 'Parent');
    const bucket = new s3.Bucket(parent, 'Bucket');
    const fn = writerFunction(parent, 'Writer');
    const permissions = new NestedStack(parent, 'Permissions');
    new iam.Policy(permissions, 'WriterPolicy', {
      roles: [fn.role!], statements: [new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] })],
    });
    WriteAccessChecker.expectWrite(fn, bucket);
    const { checker, error } = synthWithChecker(app);
    expectNotDeny(verdictFor(checker, fn, bucket, 'declared'));
    expect(error).toBeUndefined();
  });

  test('AwsCustomResource that calls S3 putObject (its singleton Lambda gets s3:PutObject from the SDK call): ALLOW', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    new cr.AwsCustomResource(stack, 'Seed', {
      onCreate: {
        service: 'S3',
        action: 'putObject',
        parameters: { Bucket: bucket.bucketName, Key: 'seed/config.json', Body: '{}' },
        physicalResourceId: cr.PhysicalResourceId.of('seed'),
      },
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('seed/*')] }),
      ]),
    });
    const { checker, error } = synthWithChecker(app);
    expect(error).toBeUndefined();
    const writes = checker.findings.filter(f => f.bucket === 'App/Bucket');
    expect(writes.length).toBeGreaterThan(0);
    for (const f of writes) expect(describeFinding(f)).toBe('ALLOW [] ');
  });
});

describe('scale', () => {
  test('80 functions writing 20 buckets, all granted: every finding ALLOW, synth passes', () => {
    const app = newApp();
    const stack = stackIn(app, 'Big');
    const buckets = Array.from({ length: 20 }, (_, i) => new s3.Bucket(stack, `Bucket${i}`, { enforceSSL: true, encryption: i % 2 ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED }));
    for (let i = 0; i < 80; i++) buckets[i % 20].grantPut(writerFunction(stack, `Fn${i}`), `p${i}/*`);
    const { checker, error } = synthWithChecker(app);
    expect(error).toBeUndefined();
    expect(checker.findings).toHaveLength(80);
    expect(checker.findings.filter(f => f.verdict !== WriteVerdict.ALLOW).map(describeFinding)).toEqual([]);
  });
});
