import { PolicyViolation } from 'aws-cdk-lib';
import { WriteAccessCause, WriteAccessCauseCode, WriteAccessFinding, WriteVerdict } from './findings';
import { withoutUndefined } from './plain-object';
import { primaryCauseCode } from '../analysis/findings/acknowledgement';

/** Severities the CDK's validation report understands; 'error' fails synth, 'warning' is printed. */
export const ERROR = 'error';
export const WARNING = 'warning';

/**
 * One validation-plugin violation for a finding, or none for ALLOW.
 *
 * @param subjectPath the construct path reported as the violating resource: the function, or the construct whose
 *   acknowledgement covers the finding (the CDK only suppresses a violation whose resource path is at or under the
 *   acknowledging construct). Undefined reports it on no construct, which the CDK command line never filters away by
 *   stack selection (and which only an acknowledgement on the App would suppress).
 */
export function toViolation(finding: WriteAccessFinding, subjectPath: string | undefined, strict: boolean): PolicyViolation | undefined {
  const severity = severityOf(finding.verdict, strict);
  if (!severity) return undefined;
  return {
    ruleName: primaryCauseCode(finding),
    description: describe(finding),
    fix: finding.fix,
    severity,
    ruleMetadata: withoutUndefined<Record<string, string | undefined>>({
      verdict: finding.verdict,
      function: finding.function,
      role: finding.role,
      bucket: finding.bucket,
      keyPattern: finding.keyPattern,
      intent: finding.intent,
    }) as Record<string, string>,
    violatingResources: [withoutUndefined({
      constructPath: subjectPath,
      locations: finding.causes.map(locationOf).filter((l): l is string => l !== undefined),
    })],
  };
}

/** A violation that says the checker itself failed, so a bug never passes silently nor crashes synth. */
export function internalErrorViolation(error: unknown, strict: boolean): PolicyViolation {
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

function describe(finding: WriteAccessFinding): string {
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
