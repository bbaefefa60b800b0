import { WriteAccessCauseCode, WriteAccessFinding, WriteIntentSource, WriteVerdict } from '../../src';
import { FindingsOfOneSynth } from '../../src/checker/findings-of-one-synth';
import { runsUnderCdkCommandLine, summaryLine, warningLines } from '../../src/checker/synth-output';
import { toOlderHookViolation, toViolation } from '../../src/checker/violations';

function finding(verdict: WriteVerdict, extra: Partial<WriteAccessFinding> = {}): WriteAccessFinding {
  return {
    function: 'Stack/Fn',
    bucket: 'Stack/Bucket',
    keyPattern: 'out/*',
    intent: WriteIntentSource.DECLARED,
    verdict,
    causes: verdict === WriteVerdict.ALLOW ? [] : [{ code: WriteAccessCauseCode.NO_IDENTITY_ALLOW, message: 'no Allow', location: 'Stack/Fn/ServiceRole' }],
    templatePath: 'Stack.template.json',
    logicalId: 'Fn9270CBC0',
    ...extra,
  };
}

describe('the summary line', () => {
  test('counts every verdict, in a fixed order, and the acknowledged ones', () => {
    const findings = [
      finding(WriteVerdict.ALLOW), finding(WriteVerdict.ALLOW), finding(WriteVerdict.UNKNOWN),
      finding(WriteVerdict.DENY, { acknowledged: { reason: 'r', ruleId: 'WriteAccessChecker::NO_IDENTITY_ALLOW', acknowledgedAt: 'Stack' } }),
    ];
    expect(summaryLine(findings)).toBe('WriteAccessChecker: 4 writes checked: 2 ALLOW, 1 DENY, 0 CONDITIONAL, 1 UNKNOWN (1 acknowledged).');
    expect(summaryLine([finding(WriteVerdict.ALLOW)])).toBe('WriteAccessChecker: 1 write checked: 1 ALLOW, 0 DENY, 0 CONDITIONAL, 0 UNKNOWN.');
    expect(summaryLine([])).toBe('WriteAccessChecker: 0 writes checked: 0 ALLOW, 0 DENY, 0 CONDITIONAL, 0 UNKNOWN.');
  });

  test('is printed only for an app the CDK command line runs (it sets CDK_OUTDIR)', () => {
    expect(runsUnderCdkCommandLine({ CDK_OUTDIR: '/tmp/cdk.out' })).toBe(true);
    expect(runsUnderCdkCommandLine({})).toBe(false);
  });
});

describe('warning lines (the older hook prints them itself)', () => {
  test('warning lines list the non-error violations, escaped', () => {
    const warning = toViolation(finding(WriteVerdict.UNKNOWN, { function: 'Stack/F\x1bn' }), 'Stack/Fn', false)!;
    const error = toViolation(finding(WriteVerdict.DENY), 'Stack/Fn', false)!;
    const lines = warningLines([warning, error]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^WriteAccessChecker WARNING NO_IDENTITY_ALLOW: s3:PutObject from Stack\/F\\x1bn/);
  });
});

describe('violations for the older validation hook', () => {
  test('name the function by absolute template path and logical ID', () => {
    const violation = toOlderHookViolation(finding(WriteVerdict.DENY), '/out', false)!;
    expect(violation.severity).toBe('error');
    expect(violation.violatingResources).toEqual([{
      resourceLogicalId: 'Fn9270CBC0', templatePath: '/out/Stack.template.json', locations: ['Stack/Fn/ServiceRole'],
    }]);
  });

  test('an acknowledged DENY gives none (that hook cannot suppress); ALLOW gives none; strict makes UNKNOWN an error', () => {
    const acknowledged = { reason: 'r', ruleId: 'WriteAccessChecker::NO_IDENTITY_ALLOW', acknowledgedAt: 'Stack' };
    expect(toOlderHookViolation(finding(WriteVerdict.DENY, { acknowledged }), '/out', false)).toBeUndefined();
    expect(toOlderHookViolation(finding(WriteVerdict.ALLOW), '/out', true)).toBeUndefined();
    expect(toOlderHookViolation(finding(WriteVerdict.UNKNOWN), '/out', false)?.severity).toBe('warning');
    expect(toOlderHookViolation(finding(WriteVerdict.UNKNOWN), '/out', true)?.severity).toBe('error');
  });
});

describe('the findings of one synth, over several plugin calls', () => {
  const app = {};
  test('calls over different templates add up', () => {
    const synth = new FindingsOfOneSynth();
    synth.add(app, ['/out/A.template.json'], [finding(WriteVerdict.ALLOW, { function: 'A/Fn' })]);
    const all = synth.add(app, ['/out/B.template.json'], [finding(WriteVerdict.DENY, { function: 'B/Fn' })]);
    expect(all.map(f => f.function)).toEqual(['A/Fn', 'B/Fn']);
  });

  test('a template seen again, or another app, starts a new synth', () => {
    const synth = new FindingsOfOneSynth();
    synth.add(app, ['/out/A.template.json'], [finding(WriteVerdict.ALLOW, { function: 'first' })]);
    expect(synth.add(app, ['/out/A.template.json'], [finding(WriteVerdict.ALLOW, { function: 'second' })]).map(f => f.function)).toEqual(['second']);
    expect(synth.add({}, ['/out/C.template.json'], [finding(WriteVerdict.ALLOW, { function: 'other app' })]).map(f => f.function)).toEqual(['other app']);
  });
});
