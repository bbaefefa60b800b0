import { CauseCode } from '../report';

/**
 * What one gate says about one write intent. Gates are pure functions of plain, already-resolved values; the
 * analysis merges their outcomes into the finding of the intent, the worst result winning.
 *
 * - `pass`: the gate looked at the feature the request carries (or the setting the bucket has) and it lets the
 *   write through. The reason is worth keeping as a note.
 * - `deny`: every request of the profile fails because of this setting (403 or 400).
 * - `conditional`: the write works only if the request or network carries something the profile does not promise.
 * - `unknown`: the answer depends on something the templates do not show; the reason names it.
 */
export type GateResult = 'pass' | 'deny' | 'conditional' | 'unknown';

export interface GateOutcome {
  readonly result: GateResult;
  readonly code: CauseCode;
  /** Names the setting, where it lives (construct path) and the request feature it meets. */
  readonly reason: string;
  /** Concrete: which prop to change, or which header to send or stop sending. Set on every deny and conditional. */
  readonly fix?: string;
  /** Construct path, or `Stack/LogicalId`, of the deciding setting. */
  readonly location?: string;
}

/** Severity order used to merge outcomes: deny is worst, pass is best. */
const RANK: Readonly<Record<GateResult, number>> = { pass: 0, conditional: 1, unknown: 2, deny: 3 };

/**
 * The worst result among outcomes ('pass' for none). UNKNOWN outranks CONDITIONAL because a conditional write can
 * be made to work by the caller, while an unknown one cannot be promised at all.
 */
export function worstResult(outcomes: readonly GateOutcome[]): GateResult {
  let worst: GateResult = 'pass';
  for (const o of outcomes) if (RANK[o.result] > RANK[worst]) worst = o.result;
  return worst;
}

/**
 * Run a gate body so that nothing it meets can escape as an exception: bad input becomes an 'unknown' outcome
 * that says which gate failed to read what. The gates validate their input anyway; this is the last line.
 */
export function guardGate<T>(
  gate: string,
  code: CauseCode,
  location: string | undefined,
  body: () => T,
  onError: (outcome: GateOutcome) => T,
): T {
  try {
    return body();
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return onError({
      result: 'unknown',
      code,
      reason: `the ${gate} check could not read its input (${detail})`,
      location,
    });
  }
}
