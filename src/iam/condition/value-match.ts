import { FALSE, or, Tri, UNKNOWN } from '../tri';
import { quote } from './describe';
import { ComparisonOperator } from './operator';
import { PolicyValue } from './policy-values';

/** How one request value compared with a clause's policy values, in the positive sense (before any negation). */
export interface ValueMatch {
  /** OR over the policy values. */
  readonly result: Tri;
  /** The policy value that matched, when one did. */
  readonly matched?: PolicyValue;
  /** Why the comparison is undecided, or why a value cannot match (a variable without value). */
  readonly notes: readonly string[];
}

/** Compare one request value with every policy value: "multiple values for one key ... OR". */
export function matchRequestValue(op: ComparisonOperator, policyValues: readonly PolicyValue[], requestValue: string): ValueMatch {
  const requestProblem = op.requestProblem?.(requestValue);
  if (requestProblem !== undefined) return { result: UNKNOWN, notes: [requestProblem] };
  let result: Tri = FALSE;
  const notes: string[] = [];
  for (const policyValue of policyValues) {
    const one = matchOne(op, policyValue, requestValue);
    if (one.note !== undefined) notes.push(one.note);
    if (one.result === 'true') return { result: one.result, matched: policyValue, notes: [] };
    result = or(result, one.result);
  }
  return { result, notes };
}

function matchOne(op: ComparisonOperator, policyValue: PolicyValue, requestValue: string): { result: Tri; note?: string } {
  switch (policyValue.kind) {
    case 'noValue':
      // A variable without value matches nothing; a negated operator then holds (IAM "Variables and tags").
      return { result: FALSE, note: policyValue.reason };
    case 'value':
      return compare(op, policyValue.text, requestValue);
    case 'unknown': {
      if (policyValue.symbolic === undefined) return { result: UNKNOWN, note: policyValue.reason };
      const { result } = compare(op, policyValue.symbolic, requestValue);
      // The literal parts may already rule a match out, or a wildcard accept every value of the variable; a
      // variable that may have no value can still make a match fail.
      if (result === 'false' || (result === 'true' && !policyValue.mayHaveNoValue)) return { result };
      return { result: UNKNOWN, note: policyValue.reason };
    }
  }
}

function compare(op: ComparisonOperator, policyText: string, requestValue: string): { result: Tri; note?: string } {
  const problem = op.policyProblem?.(policyText);
  if (problem !== undefined) return { result: UNKNOWN, note: problem };
  const result = op.matches(policyText, requestValue);
  if (result !== 'unknown') return { result };
  return { result, note: `${quote(policyText)} against ${quote(requestValue)} depends on values the templates do not fix` };
}
