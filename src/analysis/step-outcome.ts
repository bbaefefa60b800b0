import { Need } from './remediation/types';
import { Cause, CauseCode } from './report';

/** How one authorization step (or one gate) came out for an intent. */
export type StepResult = 'pass' | 'deny' | 'conditional' | 'unknown';

export interface StepOutcome {
  readonly result: StepResult;
  /** Absent for 'pass'. */
  readonly cause?: Cause;
  readonly fix?: string;
  readonly notes?: readonly string[];
  /**
   * The result holds for the function's own credentials only: a request signed by another principal (credentials
   * the app lets the function obtain elsewhere: decide/other-write-paths.ts) could come out otherwise. Set on
   * every IAM decision except an explicit Deny that names every principal and tests nothing about the caller.
   */
  readonly credentialBound?: boolean;
  /** What would make this outcome pass, for the finding's remediation (remediation/types.ts). */
  readonly needs?: readonly Need[];
}

/**
 * Worst first: a definite deny decides; then what the environment leaves open; then what the code can fix.
 * UNKNOWN outranks CONDITIONAL because a conditional write can be made to work by the caller, while an unknown one
 * cannot be promised at all.
 */
const SEVERITY: Record<StepResult, number> = { deny: 3, unknown: 2, conditional: 1, pass: 0 };

/**
 * The one ranking of outcomes (IAM steps and gates alike): the worst result among results or outcomes, 'pass'
 * for none.
 */
export function worst(items: readonly (StepResult | { readonly result: StepResult })[]): StepResult {
  return items.reduce<StepResult>((w, item) => {
    const r = typeof item === 'string' ? item : item.result;
    return SEVERITY[r] > SEVERITY[w] ? r : w;
  }, 'pass');
}

export function passed(notes?: readonly string[]): StepOutcome {
  return { result: 'pass', notes };
}

export function outcome(result: StepResult, code: CauseCode, message: string, fix?: string, where?: Partial<Cause>): StepOutcome {
  return { result, cause: { ...where, code, message }, fix };
}

/**
 * Several candidates where the templates do not say which one applies (the key S3 uses; the path a subnet takes):
 * the step passes only if every candidate passes, is denied only if every candidate is denied, and is unknown
 * otherwise.
 */
export function combineCandidates(perKey: readonly StepOutcome[][], note: string): StepOutcome[] {
  if (perKey.length === 1) return perKey[0];
  const results = perKey.map((o) => worst(o.map((x) => x.result)));
  if (results.every((r) => r === 'pass')) return [{ result: 'pass', notes: [note] }];
  if (results.every((r) => r === 'deny')) return perKey[0];
  return [{ ...perKey.flat().find((o) => o.result !== 'pass')!, result: 'unknown', notes: [note] }];
}
