import { remediationLines } from '../../analysis/remediation/describe';
import { Finding, Report, Verdict } from '../../analysis/report';
import { escapeForTerminal } from '../../analysis/text/escape-for-terminal';
import { isFailing } from '../exit-code';

/**
 * The default output: one row per write (function, bucket, prefix, verdict, cause codes, fix), then the causes of
 * every finding that is not ALLOW, then the assumptions the verdicts rest on, then one summary line that says
 * whether the check passed.
 *
 * Everything that comes from the templates (construct paths, Sids, messages that quote them, fixes, notes,
 * acknowledgement reasons) goes through `cell`: control and bidi characters are shown as escapes, so no template
 * can forge a line of this output (a "PASSED" summary) or drive the terminal.
 */

export interface TableContext {
  /** How many stacks were read, for the summary. */
  readonly stackCount: number;
  readonly strict: boolean;
}

const HEADERS = ['FUNCTION', 'BUCKET', 'PREFIX', 'VERDICT', 'CAUSE', 'FIX'];
const VERDICT_ORDER: readonly Verdict[] = ['DENY', 'CONDITIONAL', 'UNKNOWN', 'ALLOW'];

export function formatTable(report: Report, context: TableContext): string {
  if (report.findings.length === 0) {
    return `No Lambda function that writes to S3 found in ${plural(context.stackCount, 'stack')} ` +
      '(writes come from SecureLambdaWriter, WriteAccessChecker.expectWrite, or an identity policy that allows s3:PutObject).\n' +
      leastPrivilegeBlock(report).map(l => `${l}\n`).join('') +
      summaryLine(report, context);
  }
  // Worst first, so what fails is what one reads first; the analysis order is kept within a verdict.
  const findings = [...report.findings].sort((a, b) => VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict));
  const rows = findings.map(f => [
    f.function,
    f.bucket,
    f.keyPattern,
    f.acknowledged ? `${f.verdict} (acknowledged)` : f.verdict,
    f.causes.length > 0 ? f.causes.map(c => c.code).join(', ') : '-',
    f.fix ?? '-',
  ].map(cell));
  const lines = alignColumns([HEADERS, ...rows]);
  const details = findings.filter(f => f.verdict !== 'ALLOW').map(detailBlock);
  const assumptions = assumptionLines(report.findings);
  return [
    ...lines,
    ...(details.length > 0 ? ['', ...details] : []),
    ...(assumptions.length > 0 ? ['', 'Assumed:', ...assumptions] : []),
    ...leastPrivilegeBlock(report),
    '',
    summaryLine(report, context),
  ].join('\n');
}

/** e.g. `3 writes checked in 2 stacks: 1 DENY, 1 CONDITIONAL, 0 UNKNOWN, 1 ALLOW. FAILED: 1 DENY.` */
export function summaryLine(report: Report, context: TableContext): string {
  const count = (v: Verdict) => report.findings.filter(f => f.verdict === v).length;
  const acknowledged = report.findings.filter(f => f.acknowledged).length;
  const failing = report.findings.filter(f => isFailing(f, context.strict));
  const tally = VERDICT_ORDER.map(v => `${count(v)} ${v}`).join(', ');
  const ack = acknowledged > 0 ? ` (${acknowledged} acknowledged)` : '';
  const verdict = failing.length > 0
    ? `FAILED: ${tallyOf(failing)}${context.strict ? ' (strict)' : ''}.`
    : `PASSED${strictHint(report, context)}.`;
  return `${plural(report.findings.length, 'write')} checked in ${plural(context.stackCount, 'stack')}: ${tally}${ack}. ${verdict}\n`;
}

/** `1 DENY, 2 UNKNOWN`: the verdicts present, worst first. */
function tallyOf(findings: readonly Finding[]): string {
  return VERDICT_ORDER
    .map(v => [v, findings.filter(f => f.verdict === v).length] as const)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`)
    .join(', ');
}

/** Without --strict, say what it would fail on, so a CONDITIONAL is not mistaken for a clean pass. */
function strictHint(report: Report, context: TableContext): string {
  if (context.strict) return '';
  const wouldFail = report.findings.filter(f => isFailing(f, true));
  return wouldFail.length > 0 ? ` (with --strict it would fail: ${tallyOf(wouldFail)})` : '';
}

function detailBlock(f: Finding): string {
  const lines = [`${f.verdict}  ${cell(f.function)} -> ${cell(f.bucket)} (${cell(f.keyPattern)}), ${cell(f.intent)} intent`];
  for (const c of f.causes) {
    const where = [c.location, c.statement ? `statement ${c.statement}` : undefined].filter(Boolean).join(', ');
    lines.push(`  ${cell(c.code)}: ${cell(c.message)}${where ? ` [${cell(where)}]` : ''}`);
  }
  if (f.fix) lines.push(`  fix: ${cell(f.fix)}`);
  if (f.remediation && f.remediation.steps.length > 0) lines.push(...remediationLines(f.remediation).map((l) => `  ${cell(l)}`));
  if (f.acknowledged) lines.push(`  acknowledged: ${cell(f.acknowledged.reason)}`);
  return lines.join('\n');
}

/**
 * The assumptions verdicts rest on, once each (most hold for every write: "no SCP was given"), with how many writes
 * they concern when not all.
 */
function assumptionLines(findings: readonly Finding[]): string[] {
  const counts = new Map<string, number>();
  for (const f of findings) for (const note of new Set(f.notes ?? [])) counts.set(cell(note), (counts.get(cell(note)) ?? 0) + 1);
  return [...counts].map(([note, n]) => `  - ${note}${n < findings.length ? ` (${n} of ${findings.length} writes)` : ''}`);
}

const LEAST_PRIVILEGE_HEADERS = ['ROLE', 'FUNCTIONS', 'EXCESS', 'ACTIONS'];
/** Actions named on a role's line before "and N more". */
const ACTIONS_SHOWN = 6;

/**
 * Least privilege (issue #14): one line per role of the app's functions — how many permissions it has beyond its
 * writes, and which actions — then every other-writer and public-write issue, and the verdict of the mode.
 */
function leastPrivilegeBlock(report: Report): string[] {
  const lp = report.leastPrivilege;
  if (!lp || (lp.roles.length === 0 && lp.issues.length === 0)) return [];
  const rows = lp.roles.map(r => {
    // Counted in actions: an entry is one statement's excess on one resource, naming several.
    const acknowledged = r.excess.filter(e => e.acknowledged).reduce((n, e) => n + e.actions.length, 0);
    const total = r.excess.reduce((n, e) => n + e.actions.length, 0);
    const actions = [...new Set(r.excess.filter(e => !e.acknowledged).flatMap(e => e.actions))];
    const shown = actions.slice(0, ACTIONS_SHOWN).join(', ') + (actions.length > ACTIONS_SHOWN ? ` and ${actions.length - ACTIONS_SHOWN} more` : '');
    return [
      r.role,
      r.functions.join(', '),
      `${total}${acknowledged > 0 ? ` (${acknowledged} acknowledged)` : ''}`,
      shown || '-',
    ].map(cell);
  });
  const others = lp.issues.filter(i => i.code !== 'EXCESS_PERMISSION')
    .map(i => `  ${i.acknowledged ? 'acknowledged ' : ''}${i.code} (${i.severity}): ${cell(i.message)}`);
  const failing = lp.issues.filter(i => i.severity === 'error' && !i.acknowledged);
  return [
    '',
    'Least privilege (excess: what each role can do beyond its writes; its least-privilege policy is in --json):',
    ...alignColumns([LEAST_PRIVILEGE_HEADERS, ...rows]),
    ...others,
    ...(failing.length > 0 ? [`Least privilege FAILED: ${failing.length} unacknowledged ${failing.length === 1 ? 'error' : 'errors'}.`] : []),
  ];
}

function alignColumns(rows: string[][]): string[] {
  // A loop, not Math.max(...column): spreading tens of thousands of rows into arguments overflows the call stack.
  const widths = rows[0].map((_, i) => rows.reduce((widest, r) => Math.max(widest, r[i].length), 0));
  // The last column is not padded: trailing spaces only make copied output dirty.
  return rows.map(r => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd());
}

/** Text from the input as one inert line: control and bidi characters (LF included) as visible escapes. */
function cell(text: string): string {
  return escapeForTerminal(String(text));
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
