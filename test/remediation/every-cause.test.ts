import { CASES, withIntent } from './support/cases';
import { recheck } from './support/recheck';
import { CAUSE_CODES, CAUSE_TABLE, CauseCode } from '../../src/analysis/causes/cause-table';
import { Finding } from '../../src/analysis/report';
import { analyze, app, stack } from '../analysis/support/app';

// Every cause code, in an app where it decides: the finding's remediation is applied to the templates (by the
// test's own code) and the write checked again: ALLOW. Causes the app cannot remedy get an EXTERNAL step.

/** Causes no step of the app can remedy, and why; each is checked to get an EXTERNAL step (or a reason) below. */
const NOT_BY_THE_APP: Partial<Record<CauseCode, string>> = {
  SCP_DENY: 'a service control policy is the organization\'s',
  RCP_DENY: 'a resource control policy is the organization\'s',
  SESSION_POLICY: 'Lambda passes no session policy; credentials the code obtains itself are not analysed',
  UNRESOLVED: 'only UNKNOWN findings have it, and they carry no remediation: the checker needs the missing fact',
};

function deciding(findings: Finding[], code: CauseCode): Finding {
  const f = findings.find(x => (x.verdict === 'DENY' || x.verdict === 'CONDITIONAL') && x.causes.some(c => c.code === code));
  if (!f) throw new Error(`no DENY/CONDITIONAL finding with ${code}: ${JSON.stringify(findings.map(x => [x.verdict, x.causes.map(c => c.code)]))}`);
  return f;
}

describe('every cause code has an app whose remediation, applied and re-checked, gives ALLOW', () => {
  test.each(CASES.map(c => [c.code, c] as const))('%s', (_code, c) => {
    const f = deciding(analyze(c.stacks, c.environment), c.code);
    expect(f.remediation?.steps.length).toBeGreaterThan(0);
    expect({ verified: f.remediation?.verified, reason: f.remediation?.reason }).toMatchObject({ verified: true });
    expect(recheck(c.stacks, f, c.environment).verdict).toBe('ALLOW');
  });

  test('the cases and the exceptions together cover every cause code', () => {
    const covered = new Set<string>([...CASES.map(c => c.code), ...Object.keys(NOT_BY_THE_APP)]);
    expect(CAUSE_CODES.filter(c => !covered.has(c))).toEqual([]);
  });
});

describe('causes only someone outside the app can remedy', () => {
  const deny = (name: string) => ({ name, document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:PutObject', Resource: '*' }] } });
  const allowAll = { name: 'FullAWSAccess', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };

  test('SCP_DENY: an EXTERNAL step naming the SCP, never verified', () => {
    const f = deciding(analyze(stack(app({ Fn: withIntent() })), { serviceControlPolicies: [[allowAll, deny('NoWrites')]] }), 'SCP_DENY');
    expect(f.remediation?.steps.map(s => s.kind)).toEqual(['EXTERNAL']);
    expect(f.remediation?.verified).toBe(false);
    expect(CAUSE_TABLE.SCP_DENY.remedy).toBe('external');
  });

  test('RCP_DENY: an EXTERNAL step, never verified', () => {
    const f = deciding(analyze(stack(app({ Fn: withIntent() })), { resourceControlPolicies: [[deny('NoWrites')]] }), 'RCP_DENY');
    expect(f.remediation?.steps.map(s => s.kind)).toEqual(['EXTERNAL']);
    expect(f.remediation?.verified).toBe(false);
  });
});
