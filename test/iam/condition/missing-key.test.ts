import { ConditionCase, checkConditions } from './helpers';
import { RequestContext } from '../../../src/iam/model';

/*
 * The missing-key table (IAM JSON policy elements: Condition operators, "Important" box,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html),
 * for every comparison operator, each rule both ways: the key absent, then present with a value that gives the opposite answer.
 */
interface OperatorSample {
  readonly positive: string;
  readonly negated?: string;
  readonly policy: string;
  /** A request value the positive operator matches. */
  readonly hit: string;
  /** A request value the positive operator does not match. */
  readonly miss: string;
}

const SAMPLES: readonly OperatorSample[] = [
  { positive: 'StringEquals', negated: 'StringNotEquals', policy: 'a', hit: 'a', miss: 'b' },
  { positive: 'StringEqualsIgnoreCase', negated: 'StringNotEqualsIgnoreCase', policy: 'a', hit: 'A', miss: 'b' },
  { positive: 'StringLike', negated: 'StringNotLike', policy: 'a*', hit: 'ab', miss: 'ba' },
  { positive: 'NumericEquals', negated: 'NumericNotEquals', policy: '1', hit: '1', miss: '2' },
  { positive: 'NumericLessThan', policy: '1', hit: '0', miss: '1' },
  { positive: 'NumericLessThanEquals', policy: '1', hit: '1', miss: '2' },
  { positive: 'NumericGreaterThan', policy: '1', hit: '2', miss: '1' },
  { positive: 'NumericGreaterThanEquals', policy: '1', hit: '1', miss: '0' },
  { positive: 'DateEquals', negated: 'DateNotEquals', policy: '2026-01-01T00:00:00Z', hit: '2026-01-01T00:00:00Z', miss: '2026-01-02T00:00:00Z' },
  { positive: 'DateLessThan', policy: '2026-01-01T00:00:00Z', hit: '2025-12-31T00:00:00Z', miss: '2026-01-01T00:00:00Z' },
  { positive: 'DateLessThanEquals', policy: '2026-01-01T00:00:00Z', hit: '2026-01-01T00:00:00Z', miss: '2026-01-02T00:00:00Z' },
  { positive: 'DateGreaterThan', policy: '2026-01-01T00:00:00Z', hit: '2026-01-02T00:00:00Z', miss: '2026-01-01T00:00:00Z' },
  { positive: 'DateGreaterThanEquals', policy: '2026-01-01T00:00:00Z', hit: '2026-01-01T00:00:00Z', miss: '2025-01-01T00:00:00Z' },
  { positive: 'Bool', policy: 'true', hit: 'true', miss: 'false' },
  { positive: 'BinaryEquals', policy: 'QUJD', hit: 'QUJD', miss: 'QUJE' },
  { positive: 'IpAddress', negated: 'NotIpAddress', policy: '10.0.0.0/8', hit: '10.1.2.3', miss: '11.0.0.1' },
  { positive: 'ArnEquals', negated: 'ArnNotEquals', policy: 'arn:aws:s3:::b/*', hit: 'arn:aws:s3:::b/k', miss: 'arn:aws:s3:::c/k' },
  { positive: 'ArnLike', negated: 'ArnNotLike', policy: 'arn:aws:s3:::b/*', hit: 'arn:aws:s3:::b/k', miss: 'arn:aws:s3:::c/k' },
];

const KEY = 'test:key';
const ABSENT: RequestContext = {};
const present = (value: string | string[]): RequestContext => ({ [KEY]: value });

function casesFor(operator: string, negated: boolean, s: OperatorSample): ConditionCase[] {
  const row = (rule: string, op: string, context: RequestContext, expected: 'true' | 'false' | 'unknown'): ConditionCase =>
    ({ rule: `${op}: ${rule}`, operator: op, key: KEY, values: [s.policy], context, expected });
  // For a negated operator the value that makes it false is the positive operator's hit.
  const makesFalse = negated ? s.hit : s.miss;
  const makesTrue = negated ? s.miss : s.hit;
  return [
    negated
      ? row('key absent → negated operator true', operator, ABSENT, 'true')
      : row('key absent → positive operator false', operator, ABSENT, 'false'),
    negated
      ? row('key present and matching → negated operator false', operator, present(s.hit), 'false')
      : row('key present and matching → positive operator true', operator, present(s.hit), 'true'),
    row('…IfExists, key absent → true', `${operator}IfExists`, ABSENT, 'true'),
    row('…IfExists, key present → as the operator (false)', `${operator}IfExists`, present(makesFalse), 'false'),
    row('…IfExists, key present → as the operator (true)', `${operator}IfExists`, present(makesTrue), 'true'),
    row('ForAnyValue, key absent → false', `ForAnyValue:${operator}`, ABSENT, 'false'),
    row('ForAnyValue, a value satisfies → true', `ForAnyValue:${operator}`, present([makesFalse, makesTrue]), 'true'),
    // IfExists says true, ForAnyValue says false; AWS documents no winner, so the honest answer is unknown.
    row('ForAnyValue…IfExists, key absent → unknown (two documented rules disagree)', `ForAnyValue:${operator}IfExists`, ABSENT, 'unknown'),
    row('ForAllValues…IfExists, key absent → true (both rules agree)', `ForAllValues:${operator}IfExists`, ABSENT, 'true'),
    row('ForAllValues, key absent → true', `ForAllValues:${operator}`, ABSENT, 'true'),
    row('ForAllValues, a value fails → false', `ForAllValues:${operator}`, present([makesTrue, makesFalse]), 'false'),
  ];
}

for (const sample of SAMPLES) {
  describe(sample.positive, () => checkConditions(casesFor(sample.positive, false, sample)));
  if (sample.negated) {
    const negated = sample.negated;
    describe(negated, () => checkConditions(casesFor(negated, true, sample)));
  }
}

describe('the reason names the rule', () => {
  checkConditions([
    { rule: 'negated', operator: 'StringNotEquals', key: 's3:x-amz-server-side-encryption', values: ['aws:kms'], context: {}, expected: 'true', reason: /^key s3:x-amz-server-side-encryption absent: negated operator is true$/ },
    { rule: 'positive', operator: 'StringEquals', key: 's3:x-amz-server-side-encryption', values: ['aws:kms'], context: {}, expected: 'false', reason: /absent: positive operator is false/ },
    { rule: 'IfExists', operator: 'StringNotEqualsIfExists', key: 's3:x-amz-server-side-encryption', values: ['aws:kms'], context: {}, expected: 'true', reason: /absent: …IfExists is true/ },
    { rule: 'ForAnyValue', operator: 'ForAnyValue:StringEquals', key: 'aws:TagKeys', values: ['a'], context: {}, expected: 'false', reason: /absent: ForAnyValue is false/ },
    { rule: 'ForAllValues', operator: 'ForAllValues:StringEquals', key: 'aws:TagKeys', values: ['a'], context: {}, expected: 'true', reason: /absent: ForAllValues is true/ },
  ]);
});
