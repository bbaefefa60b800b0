/**
 * Values kept per object (a policy, a statement) and a string key, dropped with the object. The evaluator asks the
 * same questions of the same policies once per write; what depends only on the object and the key is computed once.
 */
export class KeyedCache<O extends object, V> {
  private readonly byObject = new WeakMap<O, Map<string, V>>();

  /** The value for (object, key), computed on first ask and kept; with no key, computed and not kept. */
  public get(object: O, key: string | undefined, compute: () => V): V {
    if (key === undefined) return compute();
    let byKey = this.byObject.get(object);
    if (!byKey) {
      byKey = new Map();
      this.byObject.set(object, byKey);
    }
    if (byKey.has(key)) return byKey.get(key) as V;
    const value = compute();
    byKey.set(key, value);
    return value;
  }
}
