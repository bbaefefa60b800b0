import { WriteAccessCause, WriteAccessCauseCode, WriteAccessFinding, WriteIntentSource, WriteVerdict } from './findings';
import { withoutUndefined } from './plain-object';
import { Cause, CauseCode, Finding, IntentSource, Verdict } from '../analysis/report';

/** The analysis' finding in the public (jsii) shape; only defined fields are copied, so the JSON stays lean. */
export function toPublicFinding(finding: Finding): WriteAccessFinding {
  return withoutUndefined({
    function: finding.function,
    role: finding.role,
    bucket: finding.bucket,
    keyPattern: finding.keyPattern,
    intent: INTENT_SOURCES[finding.intent] ?? WriteIntentSource.INFERRED,
    verdict: VERDICTS[finding.verdict] ?? WriteVerdict.UNKNOWN,
    causes: finding.causes.map(toPublicCause),
    fix: finding.fix,
    notes: finding.notes ? [...finding.notes] : undefined,
    templatePath: finding.templatePath,
    logicalId: finding.logicalId,
  });
}

function toPublicCause(cause: Cause): WriteAccessCause {
  return withoutUndefined({
    code: cause.code as WriteAccessCauseCode,
    message: cause.message,
    location: cause.location,
    statement: cause.statement,
    templatePath: cause.templatePath,
    logicalId: cause.logicalId,
    jsonPath: cause.jsonPath,
  });
}

const VERDICTS: Record<Verdict, WriteVerdict> = {
  ALLOW: WriteVerdict.ALLOW,
  DENY: WriteVerdict.DENY,
  CONDITIONAL: WriteVerdict.CONDITIONAL,
  UNKNOWN: WriteVerdict.UNKNOWN,
};

const INTENT_SOURCES: Record<IntentSource, WriteIntentSource> = {
  declared: WriteIntentSource.DECLARED,
  inferred: WriteIntentSource.INFERRED,
  construct: WriteIntentSource.CONSTRUCT,
};

/**
 * The public enum must be a literal declaration (jsii), so it cannot be derived from the cause table: this fails to
 * compile when the two list different codes (test/remediation/cause-table.test.ts checks the order too).
 */
type SameCodes = [Exclude<`${WriteAccessCauseCode}`, CauseCode>, Exclude<CauseCode, `${WriteAccessCauseCode}`>] extends [never, never] ? true : false;
export const ENUM_MATCHES_CAUSE_TABLE: SameCodes = true;
