import { WriteAccessFinding, WriteVerdict } from '../../../src/checker';
import { describeFinding, expectNotDeny } from '../../support/harness';
import { scenario } from '../../support/scenario';

// Guard rails users copy into bucket policies, judged against the request context of a Lambda role session
// (IAM User Guide, "AWS global condition context keys" and "Condition operators": a negated operator on an absent
// key is true; ...IfExists on an absent key is true; a positive operator on an absent key is false).

function guarded(conditions: Record<string, unknown>): WriteAccessFinding {
  return scenario().withBucket({ enforceSSL: true }).withWriter().grantPut().deny({ sid: 'Guard', conditions }).check().finding;
}

// aws:MultiFactorAuthPresent is in the context of requests signed with temporary credentials (a role session is),
// "false" when they were obtained without MFA, as Lambda's are (IAM User Guide, global condition keys).
describe('aws:MultiFactorAuthPresent (present and false for Lambda\'s role session)', () => {
  test('Deny BoolIfExists false: DENY', () => {
    expect(guarded({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }).verdict).toBe(WriteVerdict.DENY);
  });
  test('Deny Bool false: DENY', () => {
    expect(guarded({ Bool: { 'aws:MultiFactorAuthPresent': 'false' } }).verdict).toBe(WriteVerdict.DENY);
  });
  test('Deny Bool true (only MFA sessions are denied): ALLOW', () => {
    expect(describeFinding(guarded({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }))).toBe('ALLOW [] ');
  });
});

describe('aws:CurrentTime (the request time is after synth)', () => {
  test('Deny after 2099 (DateGreaterThan): not DENY', () => {
    expectNotDeny(guarded({ DateGreaterThan: { 'aws:CurrentTime': '2099-01-01T00:00:00Z' } }));
  });
  // Every request is after 2001, so AWS denies; the checker answers UNKNOWN (it does not read the clock), which
  // never passes as ALLOW. DENY would be exact.
  test('Deny after 2001 (DateGreaterThan, long past): not ALLOW', () => {
    expect(guarded({ DateGreaterThan: { 'aws:CurrentTime': '2001-01-01T00:00:00Z' } }).verdict).not.toBe(WriteVerdict.ALLOW);
  });
});

describe('keys of other actions or callers', () => {
  test('Deny StringNotLike s3:prefix (a ListBucket key, absent for PutObject): the negated operator is true, DENY', () => {
    expect(guarded({ StringNotLike: { 's3:prefix': ['home/*'] } }).verdict).toBe(WriteVerdict.DENY);
  });
  test('Deny StringNotLikeIfExists s3:prefix: the absent key makes ...IfExists true, DENY', () => {
    expect(guarded({ StringNotLikeIfExists: { 's3:prefix': ['home/*'] } }).verdict).toBe(WriteVerdict.DENY);
  });
  test('Deny StringLike s3:prefix (a positive operator on the absent key is false): ALLOW', () => {
    expect(describeFinding(guarded({ StringLike: { 's3:prefix': ['home/*'] } }))).toBe('ALLOW [] ');
  });
  test('Deny Bool aws:ViaAWSService false (a direct call from the function): DENY; true: ALLOW', () => {
    expect(guarded({ Bool: { 'aws:ViaAWSService': 'false' } }).verdict).toBe(WriteVerdict.DENY);
    expect(describeFinding(guarded({ Bool: { 'aws:ViaAWSService': 'true' } }))).toBe('ALLOW [] ');
  });
  test('Deny StringEquals aws:PrincipalType AssumedRole: DENY; = User: ALLOW', () => {
    expect(guarded({ StringEquals: { 'aws:PrincipalType': 'AssumedRole' } }).verdict).toBe(WriteVerdict.DENY);
    expect(describeFinding(guarded({ StringEquals: { 'aws:PrincipalType': 'User' } }))).toBe('ALLOW [] ');
  });
  test('Deny NotIpAddress aws:SourceIp (function outside a VPC: a Lambda public IP unknown at synth): not ALLOW', () => {
    expect(guarded({ NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } }).verdict).not.toBe(WriteVerdict.ALLOW);
  });
});
