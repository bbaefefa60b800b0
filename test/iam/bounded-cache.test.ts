import { BoundedCache } from '../../src/iam/bounded-cache';

describe('BoundedCache', () => {
  test('a value is computed once per key while the cache holds it', () => {
    const cache = new BoundedCache<string>(10);
    let computed = 0;
    const upper = (k: string) => cache.get(k, () => { computed++; return k.toUpperCase(); });
    expect([upper('a'), upper('b'), upper('a'), upper('b')]).toEqual(['A', 'B', 'A', 'B']);
    expect(computed).toBe(2);
  });

  test('past its bound it starts over: never more than the bound kept, and the answers stay the same', () => {
    const cache = new BoundedCache<number>(3);
    let computed = 0;
    const length = (k: string) => cache.get(k, () => { computed++; return k.length; });
    for (const k of ['a', 'bb', 'ccc']) length(k);
    expect(computed).toBe(3);
    expect(length('dddd')).toBe(4); // the fourth key: the cache starts over
    expect(computed).toBe(4);
    expect(length('a')).toBe(1); // forgotten, computed again
    expect(computed).toBe(5);
    expect(length('dddd')).toBe(4); // kept since the start-over
    expect(computed).toBe(5);
  });
});
