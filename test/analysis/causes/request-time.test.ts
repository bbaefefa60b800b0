import { analyze, app, bucketPolicy, codes, declared, fn, identityPolicy, objects, only, stack, statement } from '../support/app';

// Time conditions (IAM User Guide, "AWS global condition context keys": aws:CurrentTime, aws:EpochTime are the time
// of the request). No request comes before the analysis runs: a condition true (or false) for every later instant
// is decided, and the finding says it was decided at synth time; only a date still to come leaves it CONDITIONAL.

const env = { analysisTime: '2026-01-01T00:00:00Z' };
const PAST = '2020-06-30T00:00:00Z';
const FUTURE = '2030-06-30T00:00:00Z';
const write = () => fn('FnRole', {}, [declared({}, 'incoming/')]);
const denyAfter = (date: string) => bucketPolicy([statement('Deny', 's3:PutObject', objects(), {
  Sid: 'Frozen', Principal: '*', Condition: { DateGreaterThan: { 'aws:CurrentTime': date } },
})]);

describe('a bucket-policy Deny after a date', () => {
  test('a date already past: DENY, the finding saying it was decided at synth time', () => {
    const f = only(analyze(stack(app({ Fn: write(), BucketPolicy: denyAfter(PAST) })), env));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['BUCKET_POLICY_DENY']);
    expect(f.causes[0].statement).toBe('Frozen');
    expect((f.notes ?? []).join(' ')).toMatch(/statement "Frozen".*decided at synth time/);
  });

  test('a date still to come: CONDITIONAL on when the request is made', () => {
    const f = only(analyze(stack(app({ Fn: write(), BucketPolicy: denyAfter(FUTURE) })), env));
    expect(f.verdict).toBe('CONDITIONAL');
    expect(codes(f)).toEqual(['REQUEST_CONDITION']);
    expect(f.causes[0].message).toContain('depends on when the request is made');
  });

  test('twin: without the Deny: ALLOW', () => {
    expect(only(analyze(stack(app({ Fn: write() })), env)).verdict).toBe('ALLOW');
  });

  test('a Deny before a date already past never applies again: ALLOW, noting it', () => {
    const denyBefore = bucketPolicy([statement('Deny', 's3:PutObject', objects(), {
      Sid: 'NotYet', Principal: '*', Condition: { DateLessThan: { 'aws:CurrentTime': PAST } },
    })]);
    const f = only(analyze(stack(app({ Fn: write(), BucketPolicy: denyBefore })), env));
    expect(f.verdict).toBe('ALLOW');
    expect((f.notes ?? []).join(' ')).toMatch(/statement "NotYet".*false for every request from now on/);
  });
});

describe('an identity grant limited in time', () => {
  const grantUntil = (date: string) => identityPolicy([statement('Allow', 's3:PutObject', objects(), {
    Sid: 'Until', Condition: { NumericLessThan: { 'aws:EpochTime': String(Date.parse(date) / 1000) } },
  })]);

  test('expired (aws:EpochTime before a past instant): DENY NO_IDENTITY_ALLOW', () => {
    const f = only(analyze(stack(app({ Fn: write(), FnPolicy: grantUntil(PAST) })), env));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['NO_IDENTITY_ALLOW']);
    expect((f.notes ?? []).join(' ')).toContain('decided at synth time');
  });

  test('twin: expiring at a date still to come: CONDITIONAL', () => {
    expect(only(analyze(stack(app({ Fn: write(), FnPolicy: grantUntil(FUTURE) })), env)).verdict).toBe('CONDITIONAL');
  });
});
