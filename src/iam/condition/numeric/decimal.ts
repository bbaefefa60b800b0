import { ComparisonOperator, compareParsed, firstProblem, symbolicProblem, variableHint } from '../operator';

/**
 * Decimal numbers for the Numeric operators, compared exactly (as digit strings, so large integers and long
 * fractions never lose precision). IAM Numeric operators take integers and decimals; no wildcards.
 */
const DECIMAL = /^([+-]?)(\d+)?(?:\.(\d*))?$/;

interface Decimal {
  readonly negative: boolean;
  /** Integer digits without leading zeros ('' for zero). */
  readonly whole: string;
  /** Fraction digits without trailing zeros. */
  readonly fraction: string;
}

export function parseDecimal(text: string): Decimal | undefined {
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === undefined && !m[3])) return undefined;
  const whole = (m[2] ?? '').replace(/^0+/, '');
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  // -0 is 0.
  const negative = m[1] === '-' && (whole !== '' || fraction !== '');
  return { negative, whole, fraction };
}

/** Sign of a - b. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  if (a.negative !== b.negative) return a.negative ? -1 : 1;
  const magnitude = compareMagnitudes(a, b);
  return a.negative ? -magnitude : magnitude;
}

function compareMagnitudes(a: Decimal, b: Decimal): number {
  if (a.whole.length !== b.whole.length) return a.whole.length < b.whole.length ? -1 : 1;
  if (a.whole !== b.whole) return a.whole < b.whole ? -1 : 1;
  const width = Math.max(a.fraction.length, b.fraction.length);
  const fa = a.fraction.padEnd(width, '0');
  const fb = b.fraction.padEnd(width, '0');
  if (fa === fb) return 0;
  return fa < fb ? -1 : 1;
}

export function numericProblem(value: string): string | undefined {
  return firstProblem(value, symbolicProblem, (v) =>
    parseDecimal(v) ? undefined : `'${v}' is not a number${variableHint(v, 'Numeric')}`);
}

/**
 * A Numeric operator: both sides are decimal numbers, compared exactly (no floating point); no wildcards and no
 * policy variables (IAM condition operators, "Numeric condition operators").
 */
export function numericComparison(name: string, holds: (order: number) => boolean): ComparisonOperator {
  return {
    name,
    family: 'numeric',
    negated: false,
    policyVariables: false,
    policyProblem: numericProblem,
    requestProblem: numericProblem,
    matches: (policyValue, requestValue) =>
      compareParsed(parseDecimal(policyValue), parseDecimal(requestValue), (policy, request) => holds(compareDecimals(request, policy))),
  };
}
