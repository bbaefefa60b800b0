/**
 * A copy without the keys whose value is undefined, so written JSON stays lean. A loop over the keys: the report of
 * a large app makes hundreds of thousands of these, and going through `Object.entries`/`fromEntries` built two
 * arrays per entry. Keys are set as own data properties (a key named `__proto__` stays a key).
 */
export function withoutUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out as T;
}
