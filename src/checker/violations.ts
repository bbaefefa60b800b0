import * as path from 'path';
import { LeastPrivilegeIssue, LeastPrivilegeMode, WriteAccessCause, WriteAccessCauseCode, WriteAccessFinding, WriteVerdict } from './findings';
import { withoutUndefined } from './plain-object';
import { primaryCauseCode } from '../analysis/findings/acknowledgement';
import { firstStepHint } from '../analysis/remediation/describe';
import { escapeForTerminal } from '../analysis/text/escape-for-terminal';

/** Severities the CDK's validation report understands; 'error' fails synth, 'warning' is printed. */
export const ERROR = 'error';
export const WARNING = 'warning';

/**
 * A violation in the shape of the final validation API, where a resource is named by construct path (which is what
 * the CDK matches acknowledgements against). The older hook's shape (`PolicyViolationBeta1`) names it by template path
 * and logical ID instead; `toOlderHookViolation` builds that one. Both are plain data, so they are typed here rather than
 * by aws-cdk-lib types the floor version lacks.
 */
export interface Violation {
  readonly ruleName: string;
  readonly description: string;
  readonly fix?: string;
  readonly severity?: string;
  readonly ruleMetadata?: Record<string, string>;
  readonly violatingResources: ViolatingResource[];
}

export interface ViolatingResource {
  readonly constructPath?: string;
  readonly resourceLogicalId?: string;
  readonly templatePath?: string;
  readonly locations: string[];
}

/**
 * One validation-plugin violation for a finding, or none for ALLOW.
 *
 * @param subjectPath the construct path reported as the violating resource: the function, or the construct whose
 *   acknowledgement covers the finding (the CDK only suppresses a violation whose resource path is at or under the
 *   acknowledging construct). Undefined reports it on no construct, which the CDK command line never filters away by
 *   stack selection (and which only an acknowledgement on the App would suppress).
 */
export function toViolation(finding: WriteAccessFinding, subjectPath: string | undefined, strict: boolean): Violation | undefined {
  const severity = severityOf(finding.verdict, strict);
  if (!severity) return undefined;
  return {
    ...violationText(finding, severity),
    violatingResources: [withoutUndefined({
      constructPath: subjectPath,
      locations: locationsOf(finding),
    })],
  };
}

/**
 * The violation of a finding for the older validation hook (aws-cdk-lib before 2.257), which names the resource by
 * its template's absolute path and logical ID and prints the construct path it finds there. That hook has no
 * acknowledgements, so an acknowledged finding gives no violation at all (it stays in the findings and the report).
 */
export function toOlderHookViolation(finding: WriteAccessFinding, assemblyDir: string, strict: boolean): Violation | undefined {
  const severity = severityOf(finding.verdict, strict);
  if (!severity || finding.acknowledged) return undefined;
  return {
    ...violationText(finding, severity),
    violatingResources: [{
      resourceLogicalId: finding.logicalId ?? '',
      templatePath: finding.templatePath ? path.resolve(assemblyDir, finding.templatePath) : '',
      locations: locationsOf(finding),
    }],
  };
}

/** The older hook requires a logical ID and a template path on every resource; it prints '' as not applicable. */
export function withOlderHookResources(violation: Violation): Violation {
  return {
    ...violation,
    violatingResources: violation.violatingResources.map(r => ({
      resourceLogicalId: r.resourceLogicalId ?? '',
      templatePath: r.templatePath ?? '',
      locations: r.locations,
    })),
  };
}

/**
 * The text the CDK prints to the terminal: construct ids and Sids from the templates are escaped, so none can rewrite
 * the terminal or forge a line (the findings and the JSON report keep them raw).
 */
function violationText(finding: WriteAccessFinding, severity: string): Omit<Violation, 'violatingResources'> {
  const metadata = withoutUndefined<Record<string, string | undefined>>({
    verdict: finding.verdict,
    function: finding.function,
    role: finding.role,
    bucket: finding.bucket,
    keyPattern: finding.keyPattern,
    intent: finding.intent,
  }) as Record<string, string>;
  return {
    ruleName: primaryCauseCode(finding),
    description: escapeForTerminal(describe(finding)),
    fix: fixWithStep(finding),
    severity,
    ruleMetadata: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, escapeForTerminal(v)])),
  };
}

/** The fix, with the first remediation step's CDK line (or the declaration to add) when the fix text lacks it. */
function fixWithStep(finding: WriteAccessFinding): string | undefined {
  const hint = firstStepHint(finding.remediation, finding.fix);
  const fix = [finding.fix, hint].filter((t) => t !== undefined).join(' ');
  return fix === '' ? undefined : escapeForTerminal(fix);
}

function locationsOf(finding: WriteAccessFinding): string[] {
  return finding.causes.map(locationOf).filter((l): l is string => l !== undefined);
}

/** A violation that says the checker itself failed, so a bug never passes silently nor crashes synth. */
export function internalErrorViolation(error: unknown, strict: boolean): Violation {
  // The message and the top of the stack: enough to report the bug, short enough to read in the synth output.
  const detail = error instanceof Error
    ? [error.message, ...(error.stack ?? '').split('\n').slice(1, 6)].join('\n')
    : String(error);
  return {
    ruleName: WriteAccessCauseCode.UNRESOLVED,
    description: `WriteAccessChecker could not check this app (internal error, please report it): ${detail}`,
    fix: 'Report this error to cdk-secure-lambda-writer with the app that triggers it.',
    severity: strict ? ERROR : WARNING,
    violatingResources: [{ constructPath: '', locations: [] }],
  };
}

function severityOf(verdict: WriteVerdict, strict: boolean): string | undefined {
  switch (verdict) {
    case WriteVerdict.DENY: return ERROR;
    case WriteVerdict.CONDITIONAL:
    case WriteVerdict.UNKNOWN: return strict ? ERROR : WARNING;
    default: return undefined;
  }
}

const VERDICT_WORDS: Record<string, string> = {
  [WriteVerdict.DENY]: 'would be DENIED',
  [WriteVerdict.CONDITIONAL]: 'is only CONDITIONALLY allowed',
  [WriteVerdict.UNKNOWN]: 'cannot be decided (UNKNOWN)',
};

/** The one-line description of a finding, as the synth output shows it. */
export function describe(finding: WriteAccessFinding): string {
  const head = `s3:PutObject from ${finding.function} to ${finding.bucket} (keys ${finding.keyPattern}) ` +
    `${VERDICT_WORDS[finding.verdict] ?? finding.verdict}.`;
  const causes = finding.causes.map(c => `${c.code}: ${c.message}`);
  return [head, ...causes].join(' ');
}

/** Where the deciding setting is: `<construct path>/<JSON path> (statement <Sid>)`. */
function locationOf(cause: WriteAccessCause): string | undefined {
  if (!cause.location) return undefined;
  const where = cause.jsonPath ? `${cause.location}/${cause.jsonPath}` : cause.location;
  return cause.statement ? `${where} (statement ${cause.statement})` : where;
}

/**
 * The violation of a least-privilege issue (issue #14): a warning, or an error when the issue is one (anyone can write)
 * or the checker's mode is ERROR. Reported on `subjectPath`: the construct whose acknowledgement covers it, else the
 * granting policy or the role.
 */
export function leastPrivilegeViolation(issue: LeastPrivilegeIssue, subjectPath: string | undefined,
  mode: LeastPrivilegeMode): Violation | undefined {
  if (mode === LeastPrivilegeMode.OFF) return undefined;
  const severity = mode === LeastPrivilegeMode.ERROR || issue.severity === ERROR ? ERROR : WARNING;
  const metadata = withoutUndefined<Record<string, string | undefined>>({
    rule: issue.rule,
    role: issue.role,
    bucket: issue.bucket,
    action: issue.action,
    actions: issue.actions && issue.actions.length > 1 ? issue.actions.join(', ') : undefined,
  }) as Record<string, string>;
  const where = issue.location ? [issue.statement ? `${issue.location} (statement ${issue.statement})` : issue.location] : [];
  return {
    ruleName: issue.rule,
    description: escapeForTerminal(issue.message),
    fix: issue.fix === undefined ? undefined : escapeForTerminal(issue.fix),
    severity,
    ruleMetadata: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, escapeForTerminal(v)])),
    violatingResources: [withoutUndefined({ constructPath: subjectPath, locations: where.map(escapeForTerminal) })],
  };
}
