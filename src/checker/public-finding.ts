import {
  LeastPrivilegeFindings, LeastPrivilegeIssue, LeastPrivilegeRule, RemediationStepKind, RoleLeastPrivilege, WriteAccessCause, WriteAccessCauseCode,
  WriteAccessExcess, WriteAccessFinding, WriteAccessRemediation, WriteIntentSource, WriteVerdict,
} from './findings';
import { withoutUndefined } from './plain-object';
import { oncePerEntry } from '../analysis/least-privilege/once-per-entry';
import { ExcessPermission, LeastPrivilegeIssueCode, LeastPrivilegeReport } from '../analysis/least-privilege/types';
import { Remediation } from '../analysis/remediation/types';
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
    remediation: finding.remediation ? toPublicRemediation(finding.remediation) : undefined,
    templatePath: finding.templatePath,
    logicalId: finding.logicalId,
  });
}

/** The same JSON as the analysis report's `remediation`; the step kind as the public enum. */
function toPublicRemediation(remediation: Remediation): WriteAccessRemediation {
  return {
    steps: remediation.steps.map((step) => ({ ...step, kind: step.kind as RemediationStepKind })),
    verified: remediation.verified,
    ...(remediation.reason ? { reason: remediation.reason } : {}),
  };
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

/** The analysis' least-privilege report in the public (jsii) shape. */
export function toPublicLeastPrivilege(report: LeastPrivilegeReport): LeastPrivilegeFindings {
  // One public entry per entry of the report: a role's excess and its intents' share their entries (no copies).
  const excess = oncePerEntry((e: ExcessPermission): WriteAccessExcess =>
    withoutUndefined({ ...e, actions: [...e.actions], acknowledged: undefined }) as WriteAccessExcess);
  return {
    roles: report.roles.map((r): RoleLeastPrivilege => withoutUndefined({
      role: r.role,
      functions: [...r.functions],
      intents: r.intents.map((i) => ({
        function: i.function,
        bucket: i.bucket,
        keyPattern: i.keyPattern,
        intent: INTENT_SOURCES[i.intent] ?? WriteIntentSource.INFERRED,
        excess: i.excess.map(excess),
        tags: i.tags.map((t) => withoutUndefined({ ...t, readBy: [...t.readBy] })),
      })),
      excess: r.excess.map(excess),
      leastPrivilegePolicy: r.leastPrivilege.document,
      leastPrivilegeCloudFormation: r.leastPrivilege.cloudFormation,
      notes: [...r.leastPrivilege.notes],
    })),
    writers: report.writers.map((b) => ({ bucket: b.bucket, writers: b.writers.map((w) => withoutUndefined({ ...w, prefixes: [...w.prefixes] })) })),
    issues: report.issues.map((i): LeastPrivilegeIssue => withoutUndefined({
      rule: LEAST_PRIVILEGE_RULES[i.code],
      severity: i.severity,
      message: i.message,
      fix: i.fix,
      location: i.location,
      statement: i.statement,
      role: i.role,
      bucket: i.bucket,
      key: i.key,
      resource: i.resource,
      action: i.action,
      actions: i.actions ? [...i.actions] : undefined,
    })),
  };
}

const LEAST_PRIVILEGE_RULES: Record<LeastPrivilegeIssueCode, LeastPrivilegeRule> = {
  EXCESS_PERMISSION: LeastPrivilegeRule.EXCESS_PERMISSION,
  OTHER_WRITER: LeastPrivilegeRule.OTHER_WRITER,
  PUBLIC_WRITE: LeastPrivilegeRule.PUBLIC_WRITE,
};
