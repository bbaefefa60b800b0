import { not, Tri, UNKNOWN } from '../../tri';

/**
 * Null: a presence test. `"Null": {"k": "true"}` holds when the key is absent (null), `"false"` when it is present
 * (IAM condition operators, Condition operator to check existence of condition keys). Policy variables do not apply.
 */
export const NULL_OPERATOR = 'Null';

export function nullProblem(policyValue: string): string | undefined {
  const folded = policyValue.toLowerCase();
  return folded === 'true' || folded === 'false' ? undefined : `Null takes 'true' or 'false', not '${policyValue}'`;
}

/** Does one policy value of a Null test hold, given whether the key is present? */
export function nullMatches(policyValue: string, present: Tri): Tri {
  if (nullProblem(policyValue) !== undefined) return UNKNOWN;
  return policyValue.toLowerCase() === 'true' ? not(present) : present;
}
