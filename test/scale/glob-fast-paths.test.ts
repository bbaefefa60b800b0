import fc from 'fast-check';
import { globCounters, globMatch, globMatchByTables, GlobOptions } from '../../src/iam/match/glob';
import { atom } from '../../src/iam/symbolic';

/**
 * The matcher's fast paths (trimming the ends both sides share, two different generated names failing at once,
 * the greedy scan for stars) give the answer of the two dynamic programs over the whole strings, and their work
 * is linear where the tables' is quadratic: counted in steps, never timed.
 */

const A = atom('generated', 'App/BucketA.Name');
const B = atom('generated', 'App/BucketB.Name');
const O = atom('opaque', 'a parameter');

const OPTIONS: GlobOptions[] = [
  { wildcards: true },
  { wildcards: false },
  { wildcards: true, ignoreCase: true },
  { wildcards: true, arnSegments: true },
];

/** Short strings over a small alphabet (so that matches and near misses both happen), atoms included. */
const piece = fc.constantFrom('a', 'b', 'A', '/', ':', '*', '?', '*', A, B, O);
const text = fc.array(piece, { maxLength: 9 }).map((p) => p.join(''));
const arnish = fc.tuple(fc.constantFrom('arn:aws:s3:::', 'arn:*:s3:*:*:', ''), text).map(([h, t]) => h + t);

describe('the fast paths agree with the dynamic programs', () => {
  test.each(OPTIONS.map((o) => [JSON.stringify(o), o] as const))('random patterns and values, options %s', (_label, options) => {
    fc.assert(fc.property(arnish, arnish, (pattern, value) => {
      expect(globMatch(pattern, value, options)).toBe(globMatchByTables(pattern, value, options));
    }), { seed: 11, numRuns: 3000 });
  });

  test.each(OPTIONS.map((o) => [JSON.stringify(o), o] as const))('a text against itself, options %s (the identical-text fast path)', (_label, options) => {
    // Random texts meet themselves too rarely above: every wildcard, atom and literal marker against its own spelling.
    const marked = fc.array(fc.constantFrom('a', 'B', ':', '/', '*', '?', '\uE002', '\uE003', A, O, '\uE000unclosed'), { maxLength: 12 })
      .map((p) => p.join(''));
    fc.assert(fc.property(fc.oneof(arnish, marked), (value) => {
      expect(globMatch(value, value, options)).toBe('true');
      expect(globMatchByTables(value, value, options)).toBe('true');
    }), { seed: 13, numRuns: 2000 });
  });

  test('the cases the fast paths decide, by name', () => {
    const cases: [string, string][] = [
      [`${A}/*`, `${B}/incoming/a.txt`], // two generated names: false at once
      [`${A}/*`, `${A}/incoming/a.txt`], // the same name: taken whole, true
      [`${A}*`, `${B}x`],
      [`*${A}`, `x${B}`], // at the end too
      [`${O}/*`, `${A}/k`], // an opaque atom may be anything: unknown
      [`${A}/*`, 'my-bucket/k'], // a generated name is never plain text
      ['a?c', 'abc'],
      ['a?c', 'a:c'],
      ['a*b*c', 'aXbYc'],
      ['a*b*c', 'aXbYd'],
    ];
    for (const [pattern, value] of cases) {
      for (const options of OPTIONS) expect(globMatch(pattern, value, options)).toBe(globMatchByTables(pattern, value, options));
    }
    expect(globMatch(`${A}/*`, `${B}/incoming/a.txt`, { wildcards: true })).toBe('false');
    expect(globMatch(`${A}/*`, `${A}/incoming/a.txt`, { wildcards: true })).toBe('true');
    expect(globMatch(`${O}/*`, `${A}/k`, { wildcards: true })).toBe('unknown');
  });
});

/** The steps one match costs. */
function steps(run: () => unknown): number {
  globCounters.steps = 0;
  run();
  return globCounters.steps;
}

describe('work is linear in the two lengths', () => {
  test('a pattern holding a generated name, with many wildcards, against a long key of another bucket', () => {
    // The tables fill (pattern × value × 9) states here; trimming decides it on the first token pair.
    for (const n of [1_000, 4_000]) {
      const pattern = `${A}/${'x*'.repeat(n / 2)}`;
      const value = `${B}/${'x'.repeat(n)}`;
      expect(globMatch(pattern, value, { wildcards: true })).toBe('false');
      expect(steps(() => globMatch(pattern, value, { wildcards: true }))).toBeLessThanOrEqual(10);
    }
  });

  test('the same generated name, then wildcards against a long key: one pass, steps proportional to the lengths', () => {
    const counted = [2_000, 8_000].map((n) => {
      const pattern = `${A}/${'x*'.repeat(n / 4)}y`;
      const value = `${A}/${'x'.repeat(n)}y`;
      expect(globMatch(pattern, value, { wildcards: true })).toBe(globMatchByTables(pattern, value, { wildcards: true }));
      return { n, steps: steps(() => globMatch(pattern, value, { wildcards: true })) };
    });
    for (const { n, steps: s } of counted) expect(s).toBeLessThanOrEqual(4 * (n + n / 2) + 10);
    // Four times the lengths, at most about four times the work (the tables: sixteen times).
    expect(counted[1].steps / counted[0].steps).toBeLessThan(4.5);
  });

  test('a generated name the other side cannot hold: decided in one pass, not by the tables', () => {
    const counted = [2_000, 8_000].map((n) => {
      const cases: [string, string][] = [
        [`*${A}*${'x*'.repeat(n / 8)}`, 'x'.repeat(n)], // the value holds no atom that could take A
        ['x'.repeat(n), `${'x'.repeat(n / 2)}${B}${'x'.repeat(n / 2)}`], // no wildcard at all
      ];
      let total = 0;
      for (const [pattern, value] of cases) {
        expect(globMatch(pattern, value, { wildcards: true })).toBe('false');
        total += steps(() => globMatch(pattern, value, { wildcards: true }));
      }
      return total;
    });
    expect(counted[1] / counted[0]).toBeLessThan(4.5);
  });

  test('the tables, for comparison, are quadratic on the same input (so the bound above could fail)', () => {
    const n = 2_000;
    const pattern = `${A}/${'x*'.repeat(n / 4)}y`;
    const value = `${A}/${'x'.repeat(n)}y`;
    expect(steps(() => globMatchByTables(pattern, value, { wildcards: true }))).toBeGreaterThan(n * n / 4);
  });
});
