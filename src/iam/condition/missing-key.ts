import { FALSE, TRUE, UNKNOWN } from '../tri';
import { Outcome } from './outcome';
import { SetQualifier } from './parse-operator';

/**
 * The result when the key is not in the request (IAM condition operators, "Important": "If the key ... is not
 * present in the request context, the values do not match and the condition is false. If the policy condition
 * requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right key is not present, the
 * condition is true. This logic applies to all condition operators except ...IfExists and Null check."):
 * - `…IfExists`: true ("If the key is not present, evaluate the condition element as true");
 * - `ForAnyValue:`: false; `ForAllValues:`: true (also for an empty set) — set operators, multivalued keys page;
 * - negated operators: true; positive operators: false.
 * A set operator with IfExists on an absent key meets two of these rules, and AWS documents neither as the winner
 * (ForAnyValue says false, IfExists says true): that one is 'unknown', so a Deny resting on it never fails a build.
 */
export function missingKeyOutcome(
  op: { readonly negated: boolean },
  qualifiers: { readonly set?: SetQualifier; readonly ifExists: boolean },
  key: string,
  emptySet: boolean,
): Outcome {
  const where = emptySet ? `key ${key} has no values (an empty set counts as absent)` : `key ${key} absent`;
  if (qualifiers.ifExists && qualifiers.set === 'ForAnyValue') {
    return { result: UNKNOWN, reason: `${where}: ForAnyValue says false, …IfExists says true; AWS does not document which wins` };
  }
  if (qualifiers.ifExists) return { result: TRUE, reason: `${where}: …IfExists is true` };
  if (qualifiers.set === 'ForAnyValue') return { result: FALSE, reason: `${where}: ForAnyValue is false` };
  if (qualifiers.set === 'ForAllValues') return { result: TRUE, reason: `${where}: ForAllValues is true` };
  if (op.negated) return { result: TRUE, reason: `${where}: negated operator is true` };
  return { result: FALSE, reason: `${where}: positive operator is false` };
}
