import { finding, report } from './support/fixtures';
import { EXIT_FAILED, EXIT_PASSED, exitCodeFor, isFailing } from '../../src/cli/exit-code';

describe('exit codes', () => {
  test('no findings, or only ALLOW: 0', () => {
    expect(exitCodeFor(report(), false)).toBe(EXIT_PASSED);
    expect(exitCodeFor(report(finding({ verdict: 'ALLOW' })), true)).toBe(EXIT_PASSED);
  });

  test('one DENY among others: 1', () => {
    expect(exitCodeFor(report(finding(), finding({ verdict: 'DENY' })), false)).toBe(EXIT_FAILED);
  });

  test('CONDITIONAL and UNKNOWN pass by default and fail with --strict', () => {
    for (const verdict of ['CONDITIONAL', 'UNKNOWN'] as const) {
      expect(exitCodeFor(report(finding({ verdict })), false)).toBe(EXIT_PASSED);
      expect(exitCodeFor(report(finding({ verdict })), true)).toBe(EXIT_FAILED);
    }
  });

  test('an acknowledged DENY stays in the report but does not fail, even with --strict', () => {
    const acknowledged = finding({ verdict: 'DENY', acknowledged: { reason: 'bucket policy is applied by the data team' } });
    expect(isFailing(acknowledged, true)).toBe(false);
    expect(exitCodeFor(report(acknowledged), true)).toBe(EXIT_PASSED);
    // The same finding without the acknowledgement fails.
    expect(exitCodeFor(report({ ...acknowledged, acknowledged: undefined }), false)).toBe(EXIT_FAILED);
  });
});
