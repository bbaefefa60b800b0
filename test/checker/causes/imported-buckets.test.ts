import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteAccessChecker, WriteVerdict } from '../../../src/checker';
import { codesOf, findingFor, newApp, synthChecked, writerFunction } from '../../support/harness';

// A bucket outside the app (Bucket.fromBucketName): what the templates cannot show is UNKNOWN, naming the prop that
// settles it; given the prop, the verdict is decided.

const PARTNER = '333333333333';

function app() {
  const a = newApp();
  const stack = new Stack(a, 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
  const fn = writerFunction(stack, 'Fn');
  const bucket = s3.Bucket.fromBucketName(stack, 'Partner', 'partner-drop');
  bucket.grantPut(fn);
  WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'in/' });
  return { app: a, stack, fn };
}

const allowCompute = iam.PolicyDocument.fromJson({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::partner-drop/*' }],
});

describe('UNRESOLVED: buckets outside the app', () => {
  test('Bucket.fromBucketName with nothing else known: UNKNOWN naming externalBucketPolicies; synth passes with a warning', () => {
    const { app: a, fn } = app();
    const { checker, error } = synthChecked(a);
    const finding = findingFor(checker, fn, 'partner-drop');
    expect(finding.verdict).toBe(WriteVerdict.UNKNOWN);
    expect(codesOf(finding)).toContain('UNRESOLVED');
    expect(JSON.stringify(finding)).toContain('externalBucketPolicies');
    expect(error).toBeUndefined();
  });

  test('a bucket policy written with L2 principals (AccountPrincipal) is read as the literal policy it describes', () => {
    const partnerPolicy = (account: string) => new iam.PolicyDocument({
      statements: [new iam.PolicyStatement({
        principals: [new iam.AccountPrincipal(account)], actions: ['s3:PutObject'], resources: ['arn:aws:s3:::partner-drop/*'],
      })],
    });
    const allowed = app();
    const ok = synthChecked(allowed.app, {
      externalBucketAccounts: { 'partner-drop': PARTNER }, externalBucketPolicies: { 'partner-drop': partnerPolicy('111111111111') },
    });
    expect(findingFor(ok.checker, allowed.fn, 'partner-drop').verdict).toBe(WriteVerdict.ALLOW);

    const other = app();
    const denied = synthChecked(other.app, {
      externalBucketAccounts: { 'partner-drop': PARTNER }, externalBucketPolicies: { 'partner-drop': partnerPolicy('444444444444') },
    });
    const finding = findingFor(denied.checker, other.fn, 'partner-drop');
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('CROSS_ACCOUNT_NO_BUCKET_ALLOW');
  });

  test('strict mode turns that UNKNOWN into a synth failure', () => {
    const { app: a } = app();
    expect(synthChecked(a, { strict: true }).error?.message).toContain('WriteAccessChecker::UNRESOLVED');
  });

  test('given the owner account and a policy that allows the compute account → ALLOW (the code sends x-amz-request-payer)', () => {
    // Requester Pays of a bucket outside the app is not in any template: the code that sends the header is safe
    // either way; one that does not stays UNKNOWN (asserted below).
    const a = newApp();
    const stack = new Stack(a, 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
    const fn = writerFunction(stack, 'Fn');
    const bucket = s3.Bucket.fromBucketName(stack, 'Partner', 'partner-drop');
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'in/', request: { requesterPays: true } });
    const checked = synthChecked(a, {
      externalBucketAccounts: { 'partner-drop': PARTNER }, externalBucketPolicies: { 'partner-drop': allowCompute },
    });
    expect(findingFor(checked.checker, fn, 'partner-drop').verdict).toBe(WriteVerdict.ALLOW);
  });

  test('…without the header, Requester Pays is assumed off (no template can say) and the note says so: ALLOW', () => {
    const { app: a, fn } = app();
    const checked = synthChecked(a, {
      externalBucketAccounts: { 'partner-drop': PARTNER }, externalBucketPolicies: { 'partner-drop': allowCompute },
    });
    const finding = findingFor(checked.checker, fn, 'partner-drop');
    expect(finding.verdict).toBe(WriteVerdict.ALLOW);
    expect(finding.notes?.join('\n')).toMatch(/Requester Pays assumed off for partner-drop.*requesterPaysBuckets/);
  });

  test('…and when requesterPaysBuckets says it is on, the write without the header is DENY (REQUEST_CONDITION)', () => {
    const { app: a, fn } = app();
    const checked = synthChecked(a, {
      externalBucketAccounts: { 'partner-drop': PARTNER },
      externalBucketPolicies: { 'partner-drop': allowCompute },
      requesterPaysBuckets: { 'partner-drop': true },
    });
    const finding = findingFor(checked.checker, fn, 'partner-drop');
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(finding.causes.map((c) => c.code)).toContain('REQUEST_CONDITION');
  });

  test('given that the app\'s own account owns it (no bucket policy needed) → ALLOW', () => {
    const { app: a, fn } = app();
    const checked = synthChecked(a, {
      externalBucketAccounts: { 'partner-drop': '111111111111' }, externalBucketPolicies: { 'partner-drop': new iam.PolicyDocument() },
    });
    expect(findingFor(checked.checker, fn, 'partner-drop').verdict).toBe(WriteVerdict.ALLOW);
  });

  test('given the owner account and an empty policy → DENY (CROSS_ACCOUNT_NO_BUCKET_ALLOW)', () => {
    const { app: a, fn } = app();
    const checked = synthChecked(a, {
      externalBucketAccounts: { 'partner-drop': PARTNER }, externalBucketPolicies: { 'partner-drop': new iam.PolicyDocument() },
    });
    const finding = findingFor(checked.checker, fn, 'partner-drop');
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('CROSS_ACCOUNT_NO_BUCKET_ALLOW');
  });

  test('a bucket imported by a parameter (a token name) is UNKNOWN, never guessed', () => {
    const a = newApp();
    const stack = new Stack(a, 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
    const fn = writerFunction(stack, 'Fn');
    const bucket = s3.Bucket.fromBucketName(stack, 'FromParam', new CfnParameter(stack, 'BucketName').valueAsString);
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket);
    const findings = synthChecked(a).checker.findings.filter(f => f.function === 'Stack/Fn');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map(f => f.verdict)).not.toContain(WriteVerdict.DENY);
    expect(findings.map(f => f.verdict)).toContain(WriteVerdict.UNKNOWN);
  });
});
