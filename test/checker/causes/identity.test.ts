import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteAccessChecker, WriteVerdict } from '../../../src/checker';
import { codesOf, declaredFinding, findingFor, newApp, synthChecked, writerFunction } from '../../support/harness';

// The execution role's identity policies: an identity-based Allow is needed and an explicit Deny wins
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).

function app() {
  const a = newApp();
  const stack = new Stack(a, 'Stack');
  const fn = writerFunction(stack, 'Fn');
  const bucket = new s3.Bucket(stack, 'Bucket');
  return { app: a, stack, fn, bucket };
}

/** grantPut and a declared write, then an escape-hatch override of the role's default policy at `path`: the finding. */
function overriddenGrant(path: string, value: unknown) {
  const { app: a, fn, bucket } = app();
  bucket.grantPut(fn);
  WriteAccessChecker.expectWrite(fn, bucket);
  (fn.role!.node.findChild('DefaultPolicy').node.defaultChild as iam.CfnPolicy).addPropertyOverride(path, value);
  return findingFor(synthChecked(a).checker, fn, bucket);
}

describe('NO_IDENTITY_ALLOW', () => {
  test('a declared write with no grant is DENIED, and synth fails naming the function and the bucket', () => {
    const { app: a, fn, bucket } = app();
    WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'out/' });
    const { checker, error } = synthChecked(a);
    const finding = findingFor(checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('NO_IDENTITY_ALLOW');
    expect(finding.fix).toBeTruthy();
    expect(error?.message).toContain('Stack/Fn');
    expect(error?.message).toContain('Stack/Bucket');
    expect(error?.message).toContain("'WriteAccessChecker::NO_IDENTITY_ALLOW'");
  });

  test('twin: bucket.grantPut(fn) → ALLOW, synth succeeds', () => {
    const { app: a, fn, bucket } = app();
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'out/' });
    const { checker, error } = synthChecked(a);
    expect(findingFor(checker, fn, bucket).verdict).toBe(WriteVerdict.ALLOW);
    expect(error).toBeUndefined();
  });

  test.each([
    ['grantWrite', (b: s3.Bucket, f: iam.IGrantable) => b.grantWrite(f)],
    ['grantReadWrite', (b: s3.Bucket, f: iam.IGrantable) => b.grantReadWrite(f)],
    ['grantPut with the prefix', (b: s3.Bucket, f: iam.IGrantable) => b.grantPut(f, 'out/*')],
  ])('%s allows the declared write', (_name, grant) => {
    const { app: a, fn, bucket } = app();
    grant(bucket, fn);
    WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'out/' });
    expect(findingFor(synthChecked(a).checker, fn, bucket).verdict).toBe(WriteVerdict.ALLOW);
  });

  test('a grant on another prefix does not cover the prefix the code writes to', () => {
    const { app: a, fn, bucket } = app();
    bucket.grantPut(fn, 'in/*');
    WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'out/' });
    const finding = findingFor(synthChecked(a).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('NO_IDENTITY_ALLOW');
  });

  test('the bucket ARN instead of bucket/* allows nothing on objects', () => {
    const { app: a, fn, bucket } = app();
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.bucketArn] }));
    WriteAccessChecker.expectWrite(fn, bucket);
    const finding = findingFor(synthChecked(a).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('NO_IDENTITY_ALLOW');
  });

  test('a read-only grant does not allow writing', () => {
    const { app: a, fn, bucket } = app();
    bucket.grantRead(fn);
    WriteAccessChecker.expectWrite(fn, bucket);
    expect(findingFor(synthChecked(a).checker, fn, bucket).verdict).toBe(WriteVerdict.DENY);
  });

  test('a grant to another function\'s role does not help this function', () => {
    const { app: a, stack, fn, bucket } = app();
    bucket.grantPut(writerFunction(stack, 'Other'));
    WriteAccessChecker.expectWrite(fn, bucket);
    const finding = findingFor(synthChecked(a).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('NO_IDENTITY_ALLOW');
  });

  test('an escape-hatch property override that retargets the grant is seen (the final template is judged)', () => {
    const finding = overriddenGrant('PolicyDocument.Statement.0.Resource', 'arn:aws:s3:::some-other-bucket/*');
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('NO_IDENTITY_ALLOW');
  });
});

describe('IDENTITY_DENY', () => {
  /** grantPut, a role Deny 'NoWrites' of PutObject on `keys`, the declared write (under `keyPrefix`), synthesized. */
  function withRoleDeny(keys: string, keyPrefix?: string) {
    const { app: a, fn, bucket } = app();
    bucket.grantPut(fn);
    fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'NoWrites', effect: iam.Effect.DENY, actions: ['s3:PutObject'], resources: [bucket.arnForObjects(keys)] }));
    return declaredFinding(a, fn, bucket, keyPrefix ? { keyPrefix } : {});
  }

  test('an explicit Deny on the role beats grantPut', () => {
    const { finding, error } = withRoleDeny('*');
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)[0]).toBe('IDENTITY_DENY');
    expect(finding.causes[0].statement).toBe('NoWrites');
    expect(error?.message).toContain("'WriteAccessChecker::IDENTITY_DENY'");
  });

  test('twin: the Deny on another prefix leaves the write ALLOWed', () => {
    expect(withRoleDeny('private/*', 'out/').finding.verdict).toBe(WriteVerdict.ALLOW);
  });

  test('an escape-hatch override that turns the grant into a Deny is seen', () => {
    const finding = overriddenGrant('PolicyDocument.Statement.0.Effect', 'Deny');
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('IDENTITY_DENY');
  });
});

describe('inferred intents', () => {
  test('a grant alone, without expectWrite, is checked as an inferred intent', () => {
    const { app: a, fn, bucket } = app();
    bucket.grantPut(fn);
    const finding = findingFor(synthChecked(a).checker, fn, bucket);
    expect(finding.intent).toBe('inferred');
    expect(finding.verdict).toBe(WriteVerdict.ALLOW);
  });
});
