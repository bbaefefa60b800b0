import { lookupContext } from '../context';
import { ConditionClause, ConditionTrace, PolicyVersion, RequestContext } from '../model';
import { Tri, UNKNOWN } from '../tri';
import { evaluateComparison } from './evaluate-comparison';
import { evaluateNull } from './evaluate-null';
import { NULL_OPERATOR } from './null/Null';
import { parseOperator } from './parse-operator';
import { resolvePolicyValues } from './policy-values';

/**
 * Evaluate one condition clause against a request context, in three-valued logic (IAM JSON policy elements:
 * Condition operators). 'unknown' whenever the answer depends on something the templates do not fix; never throws.
 *
 * Policy variables with no value: a negated String or ARN operator matches, as the IAM documentation says ("as the
 * value of the condition key they are testing against is not equal to or like the effectively null value").
 * iam-simulate 0.1.173 differs: it makes such a value fail for negated operators too (see test/iam/KNOWN-DIFFERENCES.md, class 4).
 */
export function evaluateCondition(clause: ConditionClause, context: RequestContext, version: PolicyVersion): ConditionTrace {
  const trace = (result: Tri, reason: string): ConditionTrace => ({ operator: clause.operator, key: clause.key, result, reason });
  try {
    const parsed = parseOperator(clause.operator);
    if ('problem' in parsed) return trace(UNKNOWN, parsed.problem);
    if (clause.values.length === 0) return trace(UNKNOWN, `${clause.operator} on ${clause.key} lists no values`);
    if (!clause.values.every((v) => typeof v === 'string')) {
      return trace(UNKNOWN, `${clause.operator} on ${clause.key} has values that are not strings: ${JSON.stringify(clause.values)}`);
    }
    const value = lookupContext(context, clause.key);
    if (parsed.base === NULL_OPERATOR) {
      const outcome = evaluateNull(clause.key, value, clause.values);
      return trace(outcome.result, outcome.reason);
    }
    const policyValues = resolvePolicyValues(parsed.base, clause.values, context, version);
    const outcome = evaluateComparison(parsed.base, parsed, clause.key, value, policyValues);
    return trace(outcome.result, outcome.reason);
  } catch (error) {
    return trace(UNKNOWN, `could not evaluate ${clause.operator} on ${clause.key}: ${(error as Error)?.message ?? String(error)}`);
  }
}
