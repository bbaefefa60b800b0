import { Finding, Report, Verdict } from '../analysis/report';

export const EXIT_PASSED = 0;
/** At least one finding fails: a DENY, or with `--strict` also a CONDITIONAL or UNKNOWN. */
export const EXIT_FAILED = 1;
/** Usage or input error: no verdict was reached. */
export const EXIT_INPUT_ERROR = 2;

/**
 * Whether a finding fails the check. An acknowledged finding never fails — it stays in the report, as an
 * acknowledged DENY does not fail `cdk synth` either.
 */
export function isFailing(finding: Finding, strict: boolean): boolean {
  if (finding.acknowledged) return false;
  return failingVerdicts(strict).includes(finding.verdict);
}

export function failingVerdicts(strict: boolean): readonly Verdict[] {
  return strict ? ['DENY', 'CONDITIONAL', 'UNKNOWN'] : ['DENY'];
}

export function exitCodeFor(report: Report, strict: boolean): number {
  return report.findings.some(f => isFailing(f, strict)) ? EXIT_FAILED : EXIT_PASSED;
}
