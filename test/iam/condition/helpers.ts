import { evaluateCondition } from '../../../src/iam/condition';
import { ConditionTrace, PolicyVersion, RequestContext } from '../../../src/iam/model';
import { Tri } from '../../../src/iam/tri';

/** Evaluate one clause. */
export function evaluate(
  operator: string,
  key: string,
  values: readonly string[],
  context: RequestContext,
  version: PolicyVersion = '2012-10-17',
): ConditionTrace {
  return evaluateCondition({ operator, key, values }, context, version);
}

/** One row of a rule table: the documented rule it comes from, the clause, the request, the answer. */
export interface ConditionCase {
  readonly rule: string;
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
  readonly context: RequestContext;
  readonly expected: Tri;
  /** Something the reason must say. */
  readonly reason?: RegExp;
  readonly version?: PolicyVersion;
}

/** Run a rule table: each row one test named by its rule. */
export function checkConditions(cases: readonly ConditionCase[]): void {
  test.each(cases)('$rule → $expected', (c) => {
    const trace = evaluate(c.operator, c.key, c.values, c.context, c.version);
    expect(trace.result).toBe(c.expected);
    expect(trace.operator).toBe(c.operator);
    expect(trace.key).toBe(c.key);
    if (c.reason) expect(trace.reason).toMatch(c.reason);
  });
}
