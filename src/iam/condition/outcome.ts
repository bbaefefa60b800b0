import { Tri, UNKNOWN } from '../tri';

/** A clause's result and why. */
export interface Outcome {
  readonly result: Tri;
  readonly reason: string;
}

/** The answer over every case a value might be in: one answer if all cases agree, else 'unknown'. */
export function sameInEveryCase(cases: readonly Tri[]): Tri {
  return cases.every((c) => c === cases[0]) && cases.length > 0 ? cases[0] : UNKNOWN;
}
