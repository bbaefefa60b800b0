/**
 * Values kept per string, up to a bound: when full it starts over, so input with ever new strings (hostile or just
 * large) cannot make it grow. For what depends on a string alone and is asked again and again — an ARN's parts,
 * whether an Action entry covers an action — where the object-keyed `KeyedCache` does not fit (the same text comes
 * from many objects).
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly bound: number) {}

  /** The value for `key`, computed on first ask and kept until the cache starts over. */
  public get(key: string, compute: () => V): V {
    const found = this.entries.get(key);
    return found !== undefined ? found : this.store(key, compute());
  }

  /** The value kept for `key`, if any (for hot paths that would otherwise make a closure per ask). */
  public lookup(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Keeps `value` for `key` (starting over when full) and returns it. */
  public store(key: string, value: V): V {
    if (this.entries.size >= this.bound) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }
}
