import { ContextValue, RequestContext } from './model';

/**
 * Look a key up in a request context. Condition keys compare case-insensitively (`aws:CurrentTime` is
 * `AWS:currenttime`), but a tag key's own spelling is kept as written, so the whole key is folded.
 * Returns undefined when the key is absent.
 *
 * A spelling other than the context's own is found through a case-folded index of the context's keys when the
 * context cannot change (a frozen one, see {@link readOnlyContext}: what the evaluator reads), so a policy with
 * thousands of condition keys costs one lookup per key, not one scan of the context per key.
 */
export function lookupContext(context: RequestContext, key: string): ContextValue | undefined {
  if (Object.prototype.hasOwnProperty.call(context, key)) return context[key];
  const folded = key.toLowerCase();
  if (Object.isFrozen(context)) {
    const spelled = foldedIndex(context).get(folded);
    return spelled === undefined ? undefined : context[spelled];
  }
  for (const k of Object.keys(context)) {
    if (k.toLowerCase() === folded) return context[k];
  }
  return undefined;
}

const indexes = new WeakMap<RequestContext, ReadonlyMap<string, string>>();

/** Each folded key of a frozen context → its first spelling (the one the linear scan would have found). */
function foldedIndex(context: RequestContext): ReadonlyMap<string, string> {
  let index = indexes.get(context);
  if (!index) {
    const map = new Map<string, string>();
    for (const k of Object.keys(context)) {
      const folded = k.toLowerCase();
      if (!map.has(folded)) map.set(folded, k);
    }
    indexes.set(context, map);
    index = map;
  }
  return index;
}

/** The context, frozen (a copy when it is not already), so lookups may use a case-folded index of its keys. */
export function readOnlyContext(context: RequestContext): RequestContext {
  return Object.isFrozen(context) ? context : Object.freeze({ ...context });
}

/**
 * A set of context keys compared as IAM compares them (case-insensitively), for code that builds a context key by
 * key and must not scan it for every key it adds.
 */
export class FoldedKeys {
  private readonly keys = new Set<string>();

  constructor(initial: Iterable<string> = []) {
    for (const k of initial) this.add(k);
  }

  has(key: string): boolean {
    return this.keys.has(key.toLowerCase());
  }

  add(key: string): void {
    this.keys.add(key.toLowerCase());
  }
}

export function isUnknownValue(value: ContextValue | undefined): value is { unknown: string; mayBeAbsent?: boolean } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'unknown' in value;
}
