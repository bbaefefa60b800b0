import { withoutUndefined } from '../../../src/analysis/text/without-undefined';

describe('withoutUndefined', () => {
  test('drops the undefined values, keeps the rest in order, null and falsy values included', () => {
    const copy = withoutUndefined({ a: 1, b: undefined, c: null, d: '', e: 0, f: false, g: [undefined] });
    expect(Object.keys(copy)).toEqual(['a', 'c', 'd', 'e', 'f', 'g']);
    expect(copy).toEqual({ a: 1, c: null, d: '', e: 0, f: false, g: [undefined] });
  });

  test('a key named __proto__ stays a key: the copy\'s prototype is untouched', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as Record<string, unknown>;
    const copy = withoutUndefined(hostile) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'ok']);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
