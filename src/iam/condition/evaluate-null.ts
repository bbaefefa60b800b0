import { isUnknownValue } from '../context';
import { ContextValue } from '../model';
import { anyOf, FALSE, TRUE, Tri, UNKNOWN } from '../tri';
import { quoteAll } from './describe';
import { nullMatches, nullProblem } from './null/Null';
import { Outcome } from './outcome';

/** Evaluate `Null`: several values are ORed, like any positive operator. */
export function evaluateNull(key: string, value: ContextValue | undefined, policyValues: readonly string[]): Outcome {
  const present = presence(value);
  const result = anyOf(policyValues, (v) => nullMatches(v, present));
  const problems = policyValues.map(nullProblem).filter((p): p is string => p !== undefined);
  const problemText = problems.length > 0 ? ` (${problems.join('; ')})` : '';
  const test = `Null ${quoteAll(policyValues)} is ${result}${problemText}`;
  if (present === 'unknown') {
    const why = isUnknownValue(value) ? value.unknown : `malformed context value ${JSON.stringify(value)}`;
    return { result, reason: `presence of ${key} unknown (${why}): ${test}` };
  }
  return { result, reason: `key ${key} ${present === 'true' ? 'present' : 'absent'}: ${test}` };
}

/** An empty set carries no value; an unknown value is present unless it may be absent. */
function presence(value: ContextValue | undefined): Tri {
  if (value === undefined) return FALSE;
  if (isUnknownValue(value)) return value.mayBeAbsent ? UNKNOWN : TRUE;
  if (Array.isArray(value) && value.length === 0) return FALSE;
  if (typeof value !== 'string' && !Array.isArray(value)) return UNKNOWN;
  return TRUE;
}
