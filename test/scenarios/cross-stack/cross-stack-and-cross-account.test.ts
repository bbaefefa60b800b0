import { CfnParameter, Environment, Fn, PhysicalName, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as cr from 'aws-cdk-lib/custom-resources';
import { describeFinding, ENV, expectNotDeny, newApp, OTHER_ENV, synthWithChecker, verdictFor, writerFunction } from '../../support/harness';
import { WriteAccessChecker, WriteVerdict } from '../../../src/checker';

// A data stack that owns the bucket and a compute stack that owns the function, as CDK apps are usually split.
// Sources: IAM User Guide, "Cross-account policy evaluation logic" (cross-account: BOTH the identity policy and the
// bucket policy must allow); S3 User Guide, "Bucket owner granting cross-account bucket permissions"; KMS Developer
// Guide, "Allowing users in other accounts to use a KMS key" (key policy AND identity policy), and "AWS managed keys"
// (their policy allows only the owning account, so aws/s3 cannot be used cross-account).

function twoStacks(dataEnv: Environment | undefined, computeEnv: Environment | undefined) {
  const app = newApp();
  const data = new Stack(app, 'Data', dataEnv ? { env: dataEnv } : {});
  const compute = new Stack(app, 'Compute', computeEnv ? { env: computeEnv } : {});
  return { app, data, compute };
}

describe('same environment', () => {
  test.each([
    ['both with account and region', ENV],
    ['both environment-agnostic', undefined],
  ] as Array<[string, Environment | undefined]>)('%s: grantPut across stacks (Fn::ImportValue): ALLOW', (_n, env) => {
    const { app, data, compute } = twoStacks(env, env);
    const bucket = new s3.Bucket(data, 'Bucket', { enforceSSL: true });
    const fn = writerFunction(compute, 'Writer');
    bucket.grantPut(fn, 'reports/*');
    WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'reports/' });
    const { checker, error } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test('an SSE-KMS bucket with its CDK key in the data stack: ALLOW (the key ARN is imported into the role policy)', () => {
    const { app, data, compute } = twoStacks(ENV, ENV);
    const key = new kms.Key(data, 'Key');
    const bucket = new s3.Bucket(data, 'Bucket', { encryptionKey: key });
    const fn = writerFunction(compute, 'Writer');
    bucket.grantReadWrite(fn);
    WriteAccessChecker.expectWrite(fn, bucket, { request: { multipart: true } });
    expect(describeFinding(verdictFor(synthWithChecker(app).checker, fn, bucket))).toBe('ALLOW [] ');
  });

  test('the role in the data stack, the function in the compute stack: ALLOW', () => {
    const { app, data, compute } = twoStacks(ENV, ENV);
    const bucket = new s3.Bucket(data, 'Bucket');
    const role = new iam.Role(data, 'WriterRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    bucket.grantPut(role);
    const fn = writerFunction(compute, 'Writer', { role });
    expect(describeFinding(verdictFor(synthWithChecker(app).checker, fn, bucket))).toBe('ALLOW [] ');
  });

  test('same account, another region (a bucket with a literal name): ALLOW', () => {
    // S3 bucket ARNs carry no region; IAM evaluation does not depend on the bucket's region.
    const { app, data, compute } = twoStacks({ ...ENV, region: 'eu-west-1' }, ENV);
    const bucket = new s3.Bucket(data, 'Bucket', { bucketName: 'acme-archive-eu' });
    const fn = writerFunction(compute, 'Writer');
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket);
    expect(describeFinding(verdictFor(synthWithChecker(app).checker, fn, bucket))).toBe('ALLOW [] ');
  });

  test('a bucket-policy Deny for the compute account\'s role in the data stack is seen across stacks: DENY', () => {
    const { app, data, compute } = twoStacks(ENV, ENV);
    const bucket = new s3.Bucket(data, 'Bucket', { bucketName: 'acme-reports' });
    const fn = writerFunction(compute, 'Writer');
    bucket.grantPut(fn);
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'NoComputeWrites',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects('*')],
      conditions: { StringEquals: { 'aws:PrincipalAccount': ENV.account } },
    }));
    const finding = verdictFor(synthWithChecker(app).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(finding.causes[0]).toEqual(expect.objectContaining({ code: 'BUCKET_POLICY_DENY', statement: 'NoComputeWrites' }));
  });
});

/**
 * A writer whose role another account's stack can name: CDK refuses cross-environment references to generated names,
 * so users give the role `PhysicalName.GENERATE_IF_NEEDED` (aws-cdk-lib, "Cross-environment references").
 */
function crossAccountWriter(compute: Stack) {
  const role = new iam.Role(compute, 'WriterRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), roleName: PhysicalName.GENERATE_IF_NEEDED,
  });
  return writerFunction(compute, 'Writer', { role });
}

describe('references CDK turns into something less direct', () => {
  test.each([
    ['Bucket.fromBucketArn(compute, bucket.bucketArn) (the ARN passed as a prop)', (c: Stack, b: s3.Bucket) => s3.Bucket.fromBucketArn(c, 'ByArn', b.bucketArn)],
    ['Bucket.fromBucketName(compute, bucket.bucketName)', (c: Stack, b: s3.Bucket) => s3.Bucket.fromBucketName(c, 'ByName', b.bucketName)],
  ] as Array<[string, (c: Stack, b: s3.Bucket) => s3.IBucket]>)('%s + grantPut + a Deny in the real bucket\'s policy: never ALLOW; without it: not DENY', (_n, reimport) => {
    for (const frozen of [false, true]) {
      const { app, data, compute } = twoStacks(ENV, ENV);
      const bucket = new s3.Bucket(data, 'Bucket');
      if (frozen) {
        bucket.addToResourcePolicy(new iam.PolicyStatement({
          effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')],
        }));
      }
      const imported = reimport(compute, bucket);
      const fn = writerFunction(compute, 'Writer');
      imported.grantPut(fn);
      WriteAccessChecker.expectWrite(fn, imported);
      const { checker, error } = synthWithChecker(app);
      const declared = checker.findings.filter(f => f.function === 'Compute/Writer' && f.intent === 'declared');
      expect(declared).toHaveLength(1);
      if (frozen) {
        expect(declared[0].verdict).not.toBe(WriteVerdict.ALLOW);
      } else {
        expectNotDeny(declared[0]);
        expect(error).toBeUndefined();
      }
    }
  });

  test('crossRegionReferences: true (the bucket ARN arrives through CDK\'s SSM exports reader): not DENY', () => {
    // CDK replaces the reference with a custom resource attribute (ExportsReader): the ARN is opaque in the template.
    const app = newApp();
    const data = new Stack(app, 'Data', { env: { ...ENV, region: 'us-west-2' }, crossRegionReferences: true });
    const compute = new Stack(app, 'Compute', { env: ENV, crossRegionReferences: true });
    const bucket = new s3.Bucket(data, 'Bucket');
    const fn = writerFunction(compute, 'Writer');
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket);
    const { checker, error } = synthWithChecker(app);
    expectNotDeny(verdictFor(checker, fn, bucket, 'declared'));
    expect(error).toBeUndefined();
  });
});

describe('a bucket of the app written through an ARN the template does not fix', () => {
  test.each([
    ['a CfnParameter', (stack: Stack) => new CfnParameter(stack, 'BucketArn', { type: 'String' }).valueAsString],
    ['an SSM parameter (valueForStringParameter)', (stack: Stack) => ssm.StringParameter.valueForStringParameter(stack, '/shared/bucket-arn')],
    ['Fn::ImportValue of an export outside the app', () => Fn.importValue('shared-BucketArn')],
    ['an AwsCustomResource response field (an SSM lookup in another region)', (stack: Stack) => new cr.AwsCustomResource(stack, 'Lookup', {
      onUpdate: {
        service: 'SSM',
        action: 'getParameter',
        parameters: { Name: '/shared/bucket-arn' },
        region: 'eu-west-1',
        physicalResourceId: cr.PhysicalResourceId.of('lookup'),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    }).getResponseField('Parameter.Value')],
    ['an SSM StringParameter of the app that stores this bucket\'s ARN (GetAtt Parameter.Value)', (stack: Stack) =>
      new ssm.StringParameter(stack, 'SharedArn', { stringValue: (stack.node.findChild('Bucket') as s3.Bucket).bucketArn }).stringValue],
  ] as Array<[string, (s: Stack) => string]>)('the role policy names %s/*: UNKNOWN (it may be this bucket), not DENY', (_n, arn) => {
    const app = newApp();
    const stack = new Stack(app, 'App', { env: ENV });
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [`${arn(stack)}/*`] }));
    WriteAccessChecker.expectWrite(fn, bucket);
    const { checker, error } = synthWithChecker(app);
    expectNotDeny(verdictFor(checker, fn, bucket, 'declared'));
    expect(error).toBeUndefined();
  });
});

describe('cross-account (data in 222222222222, compute in 111111111111)', () => {
  test('grantPut across accounts: CDK also adds a bucket-policy Allow for the role: ALLOW', () => {
    const { app, data, compute } = twoStacks(OTHER_ENV, ENV);
    const bucket = new s3.Bucket(data, 'Bucket', { bucketName: 'acme-shared-drop' });
    const fn = crossAccountWriter(compute);
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket);
    const { checker, error } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test.each([false, true])('grantPut across accounts on an SSE-KMS bucket with a CDK key (bucketKeyEnabled %s): CDK adds the key-policy half too: ALLOW', (bucketKeyEnabled) => {
    const { app, data, compute } = twoStacks(OTHER_ENV, ENV);
    const bucket = new s3.Bucket(data, 'Bucket', { bucketName: 'acme-shared-kms', encryption: s3.BucketEncryption.KMS, bucketKeyEnabled });
    const fn = crossAccountWriter(compute);
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket);
    expect(describeFinding(verdictFor(synthWithChecker(app).checker, fn, bucket))).toBe('ALLOW [] ');
  });

  test('the bucket policy allows the compute ACCOUNT and the role policy allows the bucket: ALLOW', () => {
    const { app, data, compute } = twoStacks(OTHER_ENV, ENV);
    const bucket = new s3.Bucket(data, 'Bucket', { bucketName: 'acme-partner-in' });
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AccountPrincipal(ENV.account)], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')],
    }));
    const fn = writerFunction(compute, 'Writer');
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::acme-partner-in/*'] }));
    WriteAccessChecker.expectWrite(fn, bucket);
    expect(describeFinding(verdictFor(synthWithChecker(app).checker, fn, bucket))).toBe('ALLOW [] ');
  });

  test('no bucket-policy Allow for the other account: DENY (CROSS_ACCOUNT_NO_BUCKET_ALLOW); adding it: ALLOW', () => {
    for (const allowed of [false, true]) {
      const { app, data, compute } = twoStacks(OTHER_ENV, ENV);
      const bucket = new s3.Bucket(data, 'Bucket', { bucketName: 'acme-partner-in' });
      if (allowed) {
        bucket.addToResourcePolicy(new iam.PolicyStatement({
          principals: [new iam.AccountPrincipal(ENV.account)], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')],
        }));
      }
      const fn = writerFunction(compute, 'Writer');
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::acme-partner-in/*'] }));
      WriteAccessChecker.expectWrite(fn, bucket);
      const finding = verdictFor(synthWithChecker(app).checker, fn, bucket);
      if (allowed) {
        expect(describeFinding(finding)).toBe('ALLOW [] ');
      } else {
        expect(finding.verdict).toBe(WriteVerdict.DENY);
        expect(finding.causes.map(c => c.code)).toContain('CROSS_ACCOUNT_NO_BUCKET_ALLOW');
      }
    }
  });

  test('grantPut across accounts to a KMS_MANAGED (aws/s3) bucket: DENY (KMS_AWS_MANAGED_CROSS_ACCOUNT)', () => {
    const { app, data, compute } = twoStacks(OTHER_ENV, ENV);
    const bucket = new s3.Bucket(data, 'Bucket', { bucketName: 'acme-shared-awskms', encryption: s3.BucketEncryption.KMS_MANAGED });
    const fn = crossAccountWriter(compute);
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket);
    const finding = verdictFor(synthWithChecker(app).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(finding.causes.map(c => c.code)).toContain('KMS_AWS_MANAGED_CROSS_ACCOUNT');
  });

  test('…the same app with S3_MANAGED encryption: ALLOW', () => {
    const { app, data, compute } = twoStacks(OTHER_ENV, ENV);
    const bucket = new s3.Bucket(data, 'Bucket', { bucketName: 'acme-shared-sses3', encryption: s3.BucketEncryption.S3_MANAGED });
    const fn = crossAccountWriter(compute);
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket);
    expect(describeFinding(verdictFor(synthWithChecker(app).checker, fn, bucket))).toBe('ALLOW [] ');
  });

  test('an inferred cross-account write with no bucket-policy Allow (no expectWrite): not silently ALLOW', () => {
    const { app, data, compute } = twoStacks(OTHER_ENV, ENV);
    new s3.Bucket(data, 'Bucket', { bucketName: 'acme-partner-quiet' });
    const fn = writerFunction(compute, 'Writer');
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::acme-partner-quiet/*'] }));
    const findings = synthWithChecker(app).checker.findings.filter(f => f.function === 'Compute/Writer');
    // Either the checker links the literal name to Data/Bucket and says DENY, or it does not infer a write at all;
    // an ALLOW would hide a real AccessDenied.
    for (const f of findings) expect(f.verdict).not.toBe(WriteVerdict.ALLOW);
  });
});

describe('imported buckets (the bucket policy is not in the app): never DENY on what cannot be seen', () => {
  test.each([
    ['Bucket.fromBucketName', (s: Stack) => s3.Bucket.fromBucketName(s, 'Imported', 'legacy-landing-zone')],
    ['Bucket.fromBucketArn', (s: Stack) => s3.Bucket.fromBucketArn(s, 'Imported', 'arn:aws:s3:::legacy-landing-zone')],
    ['Bucket.fromBucketAttributes with the account', (s: Stack) => s3.Bucket.fromBucketAttributes(s, 'Imported', { bucketName: 'legacy-landing-zone', account: ENV.account })],
    ['Bucket.fromBucketAttributes with another account', (s: Stack) => s3.Bucket.fromBucketAttributes(s, 'Imported', { bucketName: 'legacy-landing-zone', account: OTHER_ENV.account })],
    ['Bucket.fromBucketAttributes with an imported key', (s: Stack) => s3.Bucket.fromBucketAttributes(s, 'Imported', {
      bucketName: 'legacy-landing-zone', encryptionKey: kms.Key.fromKeyArn(s, 'Key', `arn:aws:kms:us-east-1:${ENV.account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`),
    })],
  ] as Array<[string, (s: Stack) => s3.IBucket]>)('%s + grantPut + expectWrite: ALLOW or UNKNOWN, synth passes', (_n, importBucket) => {
    const app = newApp();
    const stack = new Stack(app, 'App', { env: ENV });
    const bucket = importBucket(stack);
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket);
    const { checker, error } = synthWithChecker(app);
    expect(error).toBeUndefined();
    const findings = checker.findings.filter(f => f.function === 'App/Writer');
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect([WriteVerdict.ALLOW, WriteVerdict.UNKNOWN]).toContain(f.verdict);
  });

  test('Bucket.fromBucketName in an environment-agnostic stack, grantReadWrite, inferred only: no DENY', () => {
    const app = newApp();
    const stack = new Stack(app, 'App');
    const bucket = s3.Bucket.fromBucketName(stack, 'Imported', 'legacy-landing-zone');
    const fn = writerFunction(stack, 'Writer');
    bucket.grantReadWrite(fn);
    const { checker, error } = synthWithChecker(app);
    expect(error).toBeUndefined();
    for (const f of checker.findings) expectNotDeny(f);
  });

  test('fromBucketName of a bucket that the app itself creates in another stack, with a Deny: the Deny counts (DENY), or UNKNOWN — never ALLOW', () => {
    const app = newApp();
    const data = new Stack(app, 'Data', { env: ENV });
    const compute = new Stack(app, 'Compute', { env: ENV });
    const real = new s3.Bucket(data, 'Bucket', { bucketName: 'acme-frozen' });
    real.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [real.arnForObjects('*')],
    }));
    const imported = s3.Bucket.fromBucketName(compute, 'ByName', 'acme-frozen');
    const fn = writerFunction(compute, 'Writer');
    imported.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, imported);
    const { checker } = synthWithChecker(app);
    const findings = checker.findings.filter(f => f.function === 'Compute/Writer' && f.intent === 'declared');
    expect(findings).toHaveLength(1);
    expect([WriteVerdict.DENY, WriteVerdict.UNKNOWN]).toContain(findings[0].verdict);
  });
});
