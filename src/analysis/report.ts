import { CAUSE_CODES, CauseCode } from './causes/cause-table';
import type { LeastPrivilegeReport } from './least-privilege/types';
import type { Remediation } from './remediation/types';

/**
 * Findings and the report: the one output shape of the analysis, returned by `checker.findings`, written to
 * `write-access-report.json` in the cloud assembly and printed by the command line with `--json`.
 */

/** ALLOW: every request of the profile is allowed. DENY: every request is denied (or fails). */
export type Verdict = 'ALLOW' | 'DENY' | 'CONDITIONAL' | 'UNKNOWN';

/** The stable cause codes: one table (causes/cause-table.ts) lists them with their texts and remedies. */
export { CAUSE_CODES };
export type { CauseCode };

export interface Cause {
  readonly code: CauseCode;
  /** Names the function, the bucket, and the policy or setting (construct path or logical ID) and statement. */
  readonly message: string;
  /** Construct path (or `Stack/LogicalId` when there is none) of the policy or setting that decides it. */
  readonly location?: string;
  /** Sid of the deciding statement, or its index as `#3` when it has none. */
  readonly statement?: string;
  /** The template file and logical ID of `location`, for SARIF and the validation report. */
  readonly templatePath?: string;
  readonly logicalId?: string;
  /** JSON path inside the resource, e.g. `Properties/PolicyDocument/Statement/2`. */
  readonly jsonPath?: string;
}

/** Where an intent came from. */
export type IntentSource = 'declared' | 'inferred' | 'construct';

export interface Finding {
  /** Construct path of the function (`Stack/LogicalId` when the template has no path metadata). */
  readonly function: string;
  /** Construct path of the execution role, when known. */
  readonly role?: string;
  /** Construct path of the bucket, or its literal name/ARN for a bucket outside the app. */
  readonly bucket: string;
  /** The keys written, as an IAM-style pattern: `incoming/*`. */
  readonly keyPattern: string;
  readonly intent: IntentSource;
  readonly verdict: Verdict;
  /** Empty for ALLOW (unless it rests on assumptions, which are listed as `notes`). */
  readonly causes: readonly Cause[];
  /** One concrete fix: that of the first deciding cause that has one (each cause also says in its message what would pass it). */
  readonly fix?: string;
  /**
   * For DENY and CONDITIONAL: the steps that together make the write ALLOW, and whether the analysis, re-run on the
   * templates with them applied, found it so.
   */
  readonly remediation?: Remediation;
  /** Assumptions the verdict rests on (e.g. "no SCP denies: none were given"). */
  readonly notes?: readonly string[];
  /** Set when a CDK acknowledgement covers this finding; it then no longer fails synth. */
  readonly acknowledged?: { readonly reason: string };
  /** Template file (relative to the assembly) and logical ID of the function. */
  readonly templatePath?: string;
  readonly logicalId?: string;
}

export interface Report {
  readonly version: 1;
  readonly findings: readonly Finding[];
  /** Least privilege (issue #14), when asked for: additional to the findings, which it never changes. */
  readonly leastPrivilege?: LeastPrivilegeReport;
}
