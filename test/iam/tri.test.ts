import { and, not, or, anyOf, allOf } from '../../src/iam/tri';

// Kleene's strong three-valued logic: the truth tables the whole evaluator composes with.
describe('three-valued logic', () => {
  test('and: false dominates, then unknown', () => {
    expect(and('true', 'true')).toBe('true');
    expect(and('true', 'unknown')).toBe('unknown');
    expect(and('unknown', 'false')).toBe('false');
    expect(and()).toBe('true');
  });
  test('or: true dominates, then unknown', () => {
    expect(or('false', 'false')).toBe('false');
    expect(or('false', 'unknown')).toBe('unknown');
    expect(or('unknown', 'true')).toBe('true');
    expect(or()).toBe('false');
  });
  test('not keeps unknown', () => {
    expect(not('true')).toBe('false');
    expect(not('false')).toBe('true');
    expect(not('unknown')).toBe('unknown');
  });
  test('anyOf/allOf short-circuit on the dominating value', () => {
    const seen: number[] = [];
    expect(anyOf([1, 2, 3], (n) => { seen.push(n); return n === 2 ? 'true' : 'unknown'; })).toBe('true');
    expect(seen).toEqual([1, 2]);
    expect(allOf([1, 2], (n) => (n === 1 ? 'unknown' : 'true'))).toBe('unknown');
    expect(allOf([1, 2], (n) => (n === 1 ? 'unknown' : 'false'))).toBe('false');
  });
});
