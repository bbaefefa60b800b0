import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnCondition, CfnParameter, CfnResource, Fn, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { WriteVerdict } from '../../../src/checker';
import { describeFinding, expectNotDeny, newApp, stackIn, synthWithChecker, verdictFor, writerFunction } from '../../support/harness';
import { expectAllow, scenario } from '../../support/scenario';

// Apps built from L1s, escape hatches, intrinsics and odd values. `synthWithChecker` already fails the test if synth
// throws anything but the checker's DENY, or if the checker reports an internal error; each test also says what the
// verdict must (not) be. The project's standard: "Bad input never crashes: malformed policies, unknown resource types,
// unresolvable tokens give 'unknown' with a reason."

describe('L1 and escape-hatch apps', () => {
  test.each([
    ['CfnFunction with a literal role ARN (role outside the app) writing a CfnBucket: no DENY', (stack: Stack) => {
      const bucket = new s3.CfnBucket(stack, 'Bucket');
      new lambda.CfnFunction(stack, 'Fn', {
        role: 'arn:aws:iam::111111111111:role/legacy-lambda-role',
        runtime: 'nodejs22.x',
        handler: 'index.handler',
        code: { zipFile: 'exports.handler = async () => {};' },
        environment: { variables: { BUCKET: bucket.ref } },
      });
    }],
    ['CfnFunction whose role is Fn::ImportValue from outside the app: no DENY', (stack: Stack) => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      const fn = new lambda.CfnFunction(stack, 'Fn', {
        role: Fn.importValue('platform-LambdaRoleArn'), runtime: 'nodejs22.x', handler: 'index.handler', code: { zipFile: 'x' },
      });
      expect(bucket && fn).toBeTruthy();
    }],
  ] as Array<[string, (stack: Stack) => void]>)('%s', (_n, build) => {
    const app = newApp();
    build(stackIn(app, 'L1'));
    const { checker, error } = synthWithChecker(app);
    expect(error).toBeUndefined();
    for (const f of checker.findings) expectNotDeny(f);
  });

  test.each([
    ['a Statement that is an object, not an array', { Version: '2012-10-17', Statement: { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: '*' } }],
    ['an unknown condition operator in a Deny', { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: '*', Condition: { StringEqualsFancy: { 'aws:x': 'y' } } }] }],
    ['a Principal from a parameter', 'PARAM'],
    ['a statement behind Fn::If', 'IF'],
    ['an empty object', {}],
  ] as Array<[string, any]>)('a hand-written CfnBucketPolicy with %s: synth does not crash; no certain DENY from a Deny that cannot be read', (_n, doc) => {
    const s = scenario().withBucket().withWriter().grantPut();
    const { stack, bucket } = s;
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
    const { finding, error } = s.check();
    if (doc === 'PARAM' || doc === 'IF') expectNotDeny(finding);
    else expect(finding.verdict).not.toBe(WriteVerdict.DENY);
    expect(error).toBeUndefined();
  });

  test('a property override that replaces the role policy document with a string: no crash, not ALLOW', () => {
    const s = scenario().withBucket().withWriter().grantPut();
    (s.fn.role!.node.findChild('DefaultPolicy').node.defaultChild as CfnResource).addPropertyOverride('PolicyDocument', 'garbage');
    for (const f of s.check().findings) expect(f.verdict).not.toBe(WriteVerdict.ALLOW);
  });

  test('unknown resource types and a third-party resource next to the write: ALLOW', () => {
    const s = scenario();
    new CfnResource(s.stack, 'Thing', { type: 'Acme::Widget::Gizmo', properties: { Size: 3 } });
    new CfnResource(s.stack, 'Custom', { type: 'Custom::Whatever', properties: { ServiceToken: 'arn:aws:lambda:us-east-1:111111111111:function:x' } });
    expectAllow(s.withBucket().withWriter().grantPut().check());
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
