import { CAUSE_CODES, Finding } from '../../src/analysis/report';
import { WriteAccessCauseCode, WriteAccessChecker, WriteIntentSource, WriteVerdict } from '../../src/checker';
import { toPublicFinding } from '../../src/checker/public-finding';

describe('the public (jsii) types mirror the analysis report', () => {
  test('the cause-code enum is exactly the analysis\'s fixed list, in order, and is the plugin\'s rule list', () => {
    expect(Object.values(WriteAccessCauseCode)).toEqual([...CAUSE_CODES]);
    expect(new WriteAccessChecker().ruleIds).toEqual([...CAUSE_CODES]);
  });

  test('rule IDs are namespaced by the plugin name, as the CDK prints "Acknowledge with …"', () => {
    expect(WriteAccessChecker.ruleId(WriteAccessCauseCode.KMS_KEY_POLICY)).toBe('WriteAccessChecker::KMS_KEY_POLICY');
    expect(new WriteAccessChecker().name).toBe(WriteAccessChecker.PLUGIN_NAME);
    expect(WriteAccessChecker.REPORT_FILE_NAME).toBe('write-access-report.json');
  });

  test('a finding converts field by field; verdicts and intent sources become enums with the same values', () => {
    const finding: Finding = {
      function: 'S/Fn',
      role: 'S/Fn/ServiceRole',
      bucket: 'S/B',
      keyPattern: 'in/*',
      intent: 'construct',
      verdict: 'CONDITIONAL',
      causes: [{ code: 'REQUEST_CONDITION', message: 'm', location: 'S/B/Policy', statement: '#0', jsonPath: 'Properties/PolicyDocument/Statement/0' }],
      fix: 'f',
      notes: ['n'],
      templatePath: 'S.template.json',
      logicalId: 'Fn1',
    };
    const converted = toPublicFinding(finding);
    expect(converted).toEqual({ ...finding, verdict: WriteVerdict.CONDITIONAL, intent: WriteIntentSource.CONSTRUCT });
    expect(Object.keys(toPublicFinding({ ...finding, role: undefined, fix: undefined, notes: undefined }))).not.toContain('role');
  });
});
