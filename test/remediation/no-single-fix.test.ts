import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ObjectEncryption, RemediationStepKind, SecureLambdaWriter, WriteAccessChecker, WriteAccessFinding, WriteVerdict } from '../../src';
import { newApp, stackIn, synthWithChecker, verdictFor, writerFunction } from '../support/harness';

// Fixes that reason about one statement at a time go wrong when several statements, a shared role, a construct or an
// AWS managed policy are involved (issue #12). Each case: what the remediation says, and that following it works.

function denySseUnless(bucket: s3.Bucket, sid: string, value: string): void {
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid,
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['s3:PutObject'],
    resources: [bucket.arnForObjects('*')],
    conditions: { StringNotEquals: { 's3:x-amz-server-side-encryption': value } },
  }));
}

function steps(f: WriteAccessFinding) {
  return f.remediation?.steps ?? [];
}

describe('two Denies demanding different encryption headers', () => {
  function build(accept: boolean) {
    const app = newApp();
    const stack = stackIn(app, 'Stack');
    const bucket = new s3.Bucket(stack, 'Bucket');
    denySseUnless(bucket, 'RequireAes', 'AES256');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'RequireKms',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects('*')],
      conditions: { StringNotEquals: { 's3:x-amz-server-side-encryption': accept ? ['aws:kms', 'AES256'] : 'aws:kms' } },
    }));
    const fn = writerFunction(stack, 'Fn');
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket, { request: { encryption: ObjectEncryption.S3_MANAGED } });
    return verdictFor(synthWithChecker(app).checker, fn, bucket);
  }

  test('no request alone can pass: the remediation says so, sends one header and changes the other statement', () => {
    const f = build(false);
    expect(f.verdict).toBe(WriteVerdict.DENY);
    expect(f.remediation?.reason).toContain('no request alone can pass');
    const kinds = steps(f).map(s => s.kind);
    expect(kinds).toContain(RemediationStepKind.REPLACE_STATEMENT);
    const replaced = steps(f).find(s => s.kind === RemediationStepKind.REPLACE_STATEMENT)!;
    expect(replaced.sid).toBe('RequireKms');
    expect(replaced.statement.Condition.StringNotEquals['s3:x-amz-server-side-encryption']).toEqual(['aws:kms', 'AES256']);
    expect(f.remediation?.verified).toBe(true);
  });

  test('with the other statement accepting the header too: ALLOW', () => {
    expect(build(true).verdict).toBe(WriteVerdict.ALLOW);
  });
});

describe('a Deny on a role two functions share', () => {
  function build(separate: boolean) {
    const app = newApp();
    const stack = stackIn(app, 'Stack');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const shared = new iam.Role(stack, 'Shared', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const fn = writerFunction(stack, 'Fn', separate ? {} : { role: shared });
    writerFunction(stack, 'Other', { role: shared });
    bucket.grantPut(fn);
    // Added to stop the other function writing; it stops both.
    shared.addToPolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] }));
    WriteAccessChecker.expectWrite(fn, bucket);
    return verdictFor(synthWithChecker(app).checker, fn, bucket);
  }

  test('the remediation is separate roles, never a principal condition', () => {
    const f = build(false);
    expect(f.verdict).toBe(WriteVerdict.DENY);
    expect(f.remediation?.reason).toContain('role of its own');
    expect(JSON.stringify(steps(f))).not.toContain('aws:PrincipalArn');
    expect(f.remediation?.verified).toBe(false);
  });

  test('with a role of its own: ALLOW', () => {
    expect(build(true).verdict).toBe(WriteVerdict.ALLOW);
  });
});

describe('a deliberate guardrail Deny on a prefix', () => {
  function build(prefix: string) {
    const app = newApp();
    const stack = stackIn(app, 'Stack');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Fn');
    bucket.grantPut(fn);
    fn.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:PutObject'], resources: [bucket.arnForObjects('audit/*')] }));
    WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: prefix });
    return verdictFor(synthWithChecker(app).checker, fn, bucket);
  }

  test('the remediation questions the write (another prefix), and does not remove the guardrail', () => {
    const f = build('audit/');
    expect(f.verdict).toBe(WriteVerdict.DENY);
    expect(f.remediation?.reason).toContain('guardrail');
    expect(f.remediation?.reason).toContain('another prefix');
    expect(steps(f).some(s => s.kind === RemediationStepKind.REPLACE_STATEMENT)).toBe(false);
  });

  test('writing under another prefix: ALLOW', () => {
    expect(build('incoming/').verdict).toBe(WriteVerdict.ALLOW);
  });
});

describe('an AWS managed permissions boundary', () => {
  function build(own: boolean) {
    const app = newApp();
    const stack = stackIn(app, 'Stack');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Fn');
    bucket.grantPut(fn);
    iam.PermissionsBoundary.of(fn).apply(own
      ? new iam.ManagedPolicy(stack, 'WriterBoundary', { statements: [new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] })] })
      : iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3ReadOnlyAccess'));
    WriteAccessChecker.expectWrite(fn, bucket);
    return verdictFor(synthWithChecker(app).checker, fn, bucket);
  }

  test('the remediation is another boundary, not an edit of the AWS managed policy', () => {
    const f = build(false);
    expect(f.verdict).toBe(WriteVerdict.DENY);
    expect(f.causes.map(c => c.code)).toContain('PERMISSIONS_BOUNDARY');
    const step = steps(f).find(s => s.kind === RemediationStepKind.SETTING);
    expect(step?.property).toBe('Properties/PermissionsBoundary');
    expect(step?.cdk).toContain('iam.PermissionsBoundary.of(fn).apply(new iam.ManagedPolicy(');
    expect(steps(f).some(s => s.kind === RemediationStepKind.ADD_STATEMENT && s.policy === 'boundary')).toBe(false);
  });

  test('with that boundary: ALLOW', () => {
    expect(build(true).verdict).toBe(WriteVerdict.ALLOW);
  });
});

describe('a SecureLambdaWriter whose settings conflict with a statement of the app', () => {
  function build(encryption: ObjectEncryption) {
    const app = newApp();
    const stack = stackIn(app, 'Stack');
    const bucket = new s3.Bucket(stack, 'Bucket');
    denySseUnless(bucket, 'RequireKms', 'aws:kms');
    const encryptionKey = encryption === ObjectEncryption.KMS ? new kms.Key(stack, 'Key') : undefined;
    const writer = new SecureLambdaWriter(stack, 'Writer', { bucket, encryption, encryptionKey, functionProps: writerProps() });
    return { f: verdictFor(synthWithChecker(app).checker, writer.function, bucket) };
  }

  test('the remediation is the construct prop, not an edit of its generated statements', () => {
    const { f } = build(ObjectEncryption.S3_MANAGED);
    expect(f.verdict).toBe(WriteVerdict.DENY);
    const [step] = steps(f);
    expect(step.kind).toBe(RemediationStepKind.REQUEST);
    expect(step.cdk).toContain('new SecureLambdaWriter(');
    expect(step.cdk).toContain('encryption: ObjectEncryption.KMS');
    expect(steps(f).some(s => s.kind === RemediationStepKind.REPLACE_STATEMENT && s.target?.path.startsWith('Stack/Writer/'))).toBe(false);
  });

  test('with that prop: not DENY', () => {
    expect(build(ObjectEncryption.KMS).f.verdict).not.toBe(WriteVerdict.DENY);
  });
});

function writerProps() {
  return { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};') };
}
