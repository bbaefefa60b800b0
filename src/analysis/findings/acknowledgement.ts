/**
 * The acknowledgement rule, shared by every front end so that `cdk synth` and the command line over cdk.out agree
 * on what is acknowledged.
 *
 * A finding's rule ID is `WriteAccessChecker::<code of its first cause>` (the CDK's `<plugin>::<rule>` spelling).
 * It is acknowledged when that rule ID is acknowledged on its function, its role or its bucket, or on an ancestor
 * of one — the same upward walk the CDK applies to a violating resource's construct path.
 */

/** The validation plugin's name: the namespace of every rule ID the checker reports. */
export const CHECKER_RULE_NAMESPACE = 'WriteAccessChecker';

/** The rule ID of a cause code. */
export function acknowledgementRuleId(code: string): string {
  return `${CHECKER_RULE_NAMESPACE}::${code}`;
}

/** What the rule needs of a finding (both the analysis's findings and the checker's public ones have it). */
export interface AcknowledgeableFinding {
  readonly function: string;
  readonly role?: string;
  readonly bucket: string;
  readonly causes: readonly { readonly code: string }[];
}

/** The code a finding is reported, and acknowledged, under. */
export function primaryCauseCode(finding: AcknowledgeableFinding): string {
  return finding.causes[0]?.code ?? 'UNRESOLVED';
}

export interface FoundAcknowledgement {
  readonly reason: string;
  readonly ruleId: string;
  /** The construct path the acknowledgement was made on. */
  readonly acknowledgedAt: string;
  /** The finding's function, role or bucket path that the acknowledgement covers. */
  readonly subjectPath: string;
}

/** Acknowledgements by rule ID and construct path. */
export class AcknowledgementTable {
  private readonly byRule = new Map<string, Map<string, string>>();

  public add(ruleId: string, constructPath: string, reason: string): void {
    const byPath = this.byRule.get(ruleId) ?? new Map<string, string>();
    byPath.set(constructPath.replace(/^\//, ''), reason);
    this.byRule.set(ruleId, byPath);
  }

  public get size(): number {
    return this.byRule.size;
  }

  /** The acknowledgement covering the finding, trying its function, role and bucket in that order. */
  public find(finding: AcknowledgeableFinding): FoundAcknowledgement | undefined {
    const ruleId = acknowledgementRuleId(primaryCauseCode(finding));
    const byPath = this.byRule.get(ruleId);
    if (!byPath) return undefined;
    for (const subjectPath of [finding.function, finding.role, finding.bucket]) {
      if (subjectPath === undefined) continue;
      for (let path: string | undefined = subjectPath; path !== undefined; path = parentPath(path)) {
        const reason = byPath.get(path);
        if (reason !== undefined) return { reason, ruleId, acknowledgedAt: path, subjectPath };
      }
    }
    return undefined;
  }
}

/** 'A/B/C' → 'A/B' → 'A' → '' (the App) → undefined. */
function parentPath(path: string): string | undefined {
  if (path === '') return undefined;
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.substring(0, slash);
}
