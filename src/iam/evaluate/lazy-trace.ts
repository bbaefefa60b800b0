import { StatementTrace } from '../model';

/**
 * Gives `target` a `key` whose value is computed on first read and kept. The evaluator's traces are read only to
 * explain a decision that does not allow (the near misses of a missing Allow, the Deny that decided); a write that
 * is allowed never asks. Built eagerly, they cost every request a pass over every statement whose action matched —
 * all B grants of a role granted on B buckets — and made an F × B app cost F·B².
 */
export function withLazy<T extends object, K extends string>(target: T, key: K,
  compute: () => readonly StatementTrace[]): T & { readonly [P in K]: readonly StatementTrace[] } {
  let value: readonly StatementTrace[] | undefined;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: false,
    get: () => (value ??= compute()),
  });
  return target as T & { readonly [P in K]: readonly StatementTrace[] };
}
