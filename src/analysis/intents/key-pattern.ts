import { opaque } from '../cfn/opaque';

/** The IAM-style pattern for keys under a prefix: '' → `*`, `incoming/` → `incoming/*`. */
export function keyPatternOf(prefix: string): string {
  return prefix.endsWith('*') ? prefix : `${prefix}*`;
}

/**
 * A symbolic object key standing for every key the pattern covers: each `*` or `?` becomes an opaque atom, so a
 * policy matches it for certain only when it matches every such key.
 */
export function symbolicKey(pattern: string): string {
  let n = 0;
  return pattern.replace(/[*?]/g, () => opaque(`object key part ${n++} (any value the code writes)`));
}
