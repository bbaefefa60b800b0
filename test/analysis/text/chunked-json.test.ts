import { chunkedJson } from '../../../src/analysis/text/chunked-json';

/**
 * Large reports are written in pieces; joined, the pieces must be byte for byte what JSON.stringify writes, whatever
 * the shape, and no piece may grow past the size asked (beyond one value written at the bottom level).
 */

const SAMPLES: Record<string, unknown> = {
  'a report': {
    version: 1,
    findings: [
      { function: 'S/Fn', verdict: 'DENY', causes: [{ code: 'NO_IDENTITY_ALLOW', message: 'quote " backslash \\ newline \n tab \t' }], skipped: undefined },
      { function: 'S/Other', verdict: 'ALLOW', causes: [], notes: ['é 漢字 \u2028 \uE000atom\uE001'] },
    ],
    leastPrivilege: { roles: [{ role: 'R', excess: [], intents: [{ excess: [{ action: 's3:GetObject' }] }] }], writers: [], issues: [] },
  },
  'empty containers and nulls': { a: [], b: {}, c: null, d: [null, undefined, () => 1], e: [[], [{}]] },
  'deep nesting': { l1: { l2: { l3: { l4: { l5: [1, [2, [3, { six: 6 }]]] } } } } },
  'scalars': [0, -1.5, 1e21, true, false, 'text', ''],
  'a Date and toJSON': { when: new Date(Date.UTC(2026, 11, 5)), custom: { toJSON: () => ({ replaced: true }) } },
  'a top-level scalar': 'just a string',
  'a top-level empty array': [],
};

describe('chunkedJson joins to JSON.stringify(value, null, 2)', () => {
  for (const [name, value] of Object.entries(SAMPLES)) {
    test(name, () => {
      const expected = JSON.stringify(value, null, 2);
      expect(chunkedJson(value).join('')).toBe(expected);
      for (const levels of [0, 1, 2, 5]) {
        expect(chunkedJson(value, { levels, pieceSize: 8 }).join('')).toBe(expected);
      }
      expect(chunkedJson(value, { indent: 4, levels: 1 }).join('')).toBe(JSON.stringify(value, null, 4));
      // Values below the levels written one by one are written natively, at their depth: every depth, every indent.
      for (const indent of [1, 3]) {
        for (const levels of [1, 2, 3, 4]) {
          expect(chunkedJson(value, { indent, levels, pieceSize: 16 }).join('')).toBe(JSON.stringify(value, null, indent));
        }
      }
    });
  }
});

describe('pieces', () => {
  const big = { findings: Array.from({ length: 2_000 }, (_, i) => ({ function: `S/Fn${i}`, verdict: 'ALLOW', causes: [] })) };

  test('a list is cut into pieces of about the size asked, the text unchanged', () => {
    const pieces = chunkedJson(big, { pieceSize: 4_096 });
    expect(pieces.length).toBeGreaterThan(10);
    // A piece is handed on once it reaches the size: it may pass it by one finding's text at most.
    for (const p of pieces) expect(p.length).toBeLessThan(4_096 + 200);
    expect(pieces.join('')).toBe(JSON.stringify(big, null, 2));
  });

  test('one small value is one piece', () => {
    expect(chunkedJson({ a: 1 })).toEqual([JSON.stringify({ a: 1 }, null, 2)]);
  });
});
