import * as fc from 'fast-check';
import { evaluate } from './helpers';
import { atom } from '../../../src/iam/symbolic';
import { not } from '../../../src/iam/tri';

/*
 * IAM condition operators: a negated operator is the negation of its positive twin over a single present value
 * ("multiple values ... negated operator: NOR"), in three-valued logic; a missing key makes the positive one false
 * and the negated one true. Checked over random values, atoms and variables included.
 */
const PAIRS: readonly (readonly [string, string])[] = [
  ['StringEquals', 'StringNotEquals'],
  ['StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'],
  ['StringLike', 'StringNotLike'],
  ['ArnEquals', 'ArnNotEquals'],
  ['ArnLike', 'ArnNotLike'],
  ['NumericEquals', 'NumericNotEquals'],
  ['DateEquals', 'DateNotEquals'],
  ['IpAddress', 'NotIpAddress'],
];

const piece = fc.constantFrom(
  'a', 'A', '1', '*', '?', ':', '/', 'arn:aws:s3:::', '10.0.0.0/8', '10.1.2.3', '2026-01-01', '${aws:username}', '${aws:PrincipalTag/none}',
  atom('generated', 'G'), atom('opaque', 'O'),
);
const value = fc.array(piece, { maxLength: 4 }).map((p) => p.join(''));

describe('property: negated operator = not(positive operator)', () => {
  test('for one present value, and for several policy values (NOR)', () => {
    const policyValuesArb = fc.array(value, { minLength: 1, maxLength: 3 });
    fc.assert(fc.property(fc.constantFrom(...PAIRS), policyValuesArb, value, ([positive, negated], policyValues, requestValue) => {
      const context = { 'test:key': requestValue, 'aws:username': 'a' };
      const p = evaluate(positive, 'test:key', policyValues, context).result;
      const n = evaluate(negated, 'test:key', policyValues, context).result;
      expect(n).toBe(not(p));
    }), { seed: 20261128, numRuns: 2000 });
  });

  test('and a missing key: positive false, negated true', () => {
    fc.assert(fc.property(fc.constantFrom(...PAIRS), fc.array(value, { minLength: 1, maxLength: 3 }), ([positive, negated], policyValues) => {
      const p = evaluate(positive, 'test:key', policyValues, {}).result;
      const n = evaluate(negated, 'test:key', policyValues, {}).result;
      // The key is absent whatever the policy values say, even ones that could not be read.
      expect(p).toBe('false');
      expect(n).toBe('true');
    }), { seed: 20261128, numRuns: 500 });
  });
});
