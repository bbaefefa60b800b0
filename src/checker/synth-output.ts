import { WriteAccessFinding, WriteVerdict } from './findings';
import { ERROR, Violation } from './violations';
import { escapeForTerminal } from '../analysis/text/escape-for-terminal';

/**
 * What the checker itself prints during `cdk synth`: one summary line, and — on CDKs whose older validation hook
 * never prints the report of a plugin that succeeded — its warnings. Printed to standard error, and only when the app
 * runs under the CDK command line (which sets `CDK_OUTDIR` for the app): an app synthesized in a unit test stays quiet,
 * and its findings are in `checker.findings`.
 */

const VERDICT_ORDER = [WriteVerdict.ALLOW, WriteVerdict.DENY, WriteVerdict.CONDITIONAL, WriteVerdict.UNKNOWN];

/** `WriteAccessChecker: 3 writes checked: 2 ALLOW, 1 DENY, 0 CONDITIONAL, 0 UNKNOWN (1 acknowledged).` */
export function summaryLine(findings: readonly WriteAccessFinding[]): string {
  const counts = VERDICT_ORDER.map(v => `${findings.filter(f => f.verdict === v).length} ${v}`);
  const acknowledged = findings.filter(f => f.acknowledged).length;
  const noun = findings.length === 1 ? 'write' : 'writes';
  const tail = acknowledged > 0 ? ` (${acknowledged} acknowledged)` : '';
  return `WriteAccessChecker: ${findings.length} ${noun} checked: ${counts.join(', ')}${tail}.`;
}

/** Whether this process is an app run by the CDK command line. */
export function runsUnderCdkCommandLine(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CDK_OUTDIR !== undefined;
}

/** One line per warning, for the older hook, which prints nothing for a plugin whose report succeeded. */
export function warningLines(violations: readonly Violation[]): string[] {
  return violations
    .filter(v => v.severity !== ERROR)
    .map(v => escapeForTerminal(`WriteAccessChecker WARNING ${v.ruleName}: ${v.description}` + (v.fix ? ` Fix: ${v.fix}` : '')));
}
