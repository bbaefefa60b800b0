import { StatementTrace } from '../model';

/**
 * Gives `target` a `key` whose value is computed on first read and kept: the decision's `trace`, an own enumerable
 * property like the rest of the decision (what callers and tests compare). The evaluator's traces are read only to
 * explain a decision that does not allow; a write that is allowed never asks. Defining a getter on an object is
 * costly, so this is for the one decision per request; the layer verdicts use a class (layer.ts).
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
