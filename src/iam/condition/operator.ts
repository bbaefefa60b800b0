import { describeSymbolic, isSymbolic } from '../symbolic';
import { tri, Tri, UNKNOWN } from '../tri';

/** The families of IAM condition operators ("IAM JSON policy elements: Condition operators"). */
export type OperatorFamily = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn';

/**
 * A comparison operator: how one request value is compared with one policy value. Everything else — several
 * values, absent keys, `IfExists`, `ForAnyValue:`/`ForAllValues:` — is the same for every operator and lives in
 * `evaluate-comparison.ts`.
 */
export interface ComparisonOperator {
  /** The name as AWS spells it, e.g. `StringNotEquals`. */
  readonly name: string;
  readonly family: OperatorFamily;
  /**
   * A negated operator is true when the request value matches none of the policy values (NOR), and true when the
   * key is absent. `matches` is then the positive comparison it negates.
   */
  readonly negated: boolean;
  /** Whether policy variables are substituted in the policy values (String, ARN and Bool operators). */
  readonly policyVariables: boolean;
  /** Why a policy value cannot be compared by this operator (not a number, not a CIDR …); undefined when it can. */
  readonly policyProblem?: (value: string) => string | undefined;
  /** Why a request value cannot be compared by this operator; undefined when it can. */
  readonly requestProblem?: (value: string) => string | undefined;
  /** Does the request value satisfy the policy value, in the positive sense? */
  readonly matches: (policyValue: string, requestValue: string) => Tri;
}

/** The negated form of a positive operator (StringNotEquals from StringEquals …). */
export function negationOf(name: string, positive: ComparisonOperator): ComparisonOperator {
  return { ...positive, name, negated: true };
}

/** A value with atoms cannot be parsed as a number, date, address or boolean: the comparison is unknown. */
export function symbolicProblem(value: string): string | undefined {
  if (!isSymbolic(value)) return undefined;
  return `'${describeSymbolic(value)}' depends on a value the templates do not fix`;
}

/** Runs the checks in order and returns the first problem. */
export function firstProblem(value: string, ...checks: ((value: string) => string | undefined)[]): string | undefined {
  for (const check of checks) {
    const problem = check(value);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** For a typed comparison whose operands failed to parse: never guess. */
export function compareParsed<T>(
  policy: T | undefined,
  request: T | undefined,
  compare: (policyValue: T, requestValue: T) => boolean,
): Tri {
  if (policy === undefined || request === undefined) return UNKNOWN;
  return tri(compare(policy, request));
}

/** A hint when a policy variable sits in an operator that does not substitute variables. */
export function variableHint(value: string, family: string): string {
  return value.includes('${') ? ` (${family} operators do not substitute policy variables)` : '';
}
