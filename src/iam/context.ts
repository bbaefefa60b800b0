import { ContextValue, RequestContext } from './model';

/**
 * Look a key up in a request context. Condition keys compare case-insensitively (`aws:CurrentTime` is
 * `AWS:currenttime`), but a tag key's own spelling is kept as written, so the whole key is folded.
 * Returns undefined when the key is absent.
 */
export function lookupContext(context: RequestContext, key: string): ContextValue | undefined {
  if (Object.prototype.hasOwnProperty.call(context, key)) return context[key];
  const folded = key.toLowerCase();
  for (const k of Object.keys(context)) {
    if (k.toLowerCase() === folded) return context[k];
  }
  return undefined;
}

export function isUnknownValue(value: ContextValue | undefined): value is { unknown: string; mayBeAbsent?: boolean } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'unknown' in value;
}
