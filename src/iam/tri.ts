/**
 * Three-valued (Kleene) logic.
 *
 * Every question the evaluator asks — does this action match, does this condition hold, does this policy
 * allow — can be answered 'unknown' when it depends on a value the templates do not show. Unknown is never
 * rounded to true or false: that is what lets the checker say CONDITIONAL or UNKNOWN instead of guessing.
 */
export type Tri = 'true' | 'false' | 'unknown';

export const TRUE: Tri = 'true';
export const FALSE: Tri = 'false';
export const UNKNOWN: Tri = 'unknown';

export function tri(value: boolean): Tri {
  return value ? TRUE : FALSE;
}

export function not(a: Tri): Tri {
  if (a === UNKNOWN) return UNKNOWN;
  return a === TRUE ? FALSE : TRUE;
}

/** Kleene AND: false dominates, then unknown. */
export function and(...values: Tri[]): Tri {
  let result: Tri = TRUE;
  for (const v of values) {
    if (v === FALSE) return FALSE;
    if (v === UNKNOWN) result = UNKNOWN;
  }
  return result;
}

/** Kleene OR: true dominates, then unknown. */
export function or(...values: Tri[]): Tri {
  let result: Tri = FALSE;
  for (const v of values) {
    if (v === TRUE) return TRUE;
    if (v === UNKNOWN) result = UNKNOWN;
  }
  return result;
}

/** Kleene OR of two values: {@link or} without the list its rest parameter makes (for loops run per statement). */
export function either(a: Tri, b: Tri): Tri {
  if (a === TRUE || b === TRUE) return TRUE;
  return a === UNKNOWN || b === UNKNOWN ? UNKNOWN : FALSE;
}

/** OR over a list computed lazily; stops at the first definite true. */
export function anyOf<T>(items: readonly T[], test: (item: T) => Tri): Tri {
  let result: Tri = FALSE;
  for (const item of items) {
    const v = test(item);
    if (v === TRUE) return TRUE;
    if (v === UNKNOWN) result = UNKNOWN;
  }
  return result;
}

/** AND over a list computed lazily; stops at the first definite false. */
export function allOf<T>(items: readonly T[], test: (item: T) => Tri): Tri {
  let result: Tri = TRUE;
  for (const item of items) {
    const v = test(item);
    if (v === FALSE) return FALSE;
    if (v === UNKNOWN) result = UNKNOWN;
  }
  return result;
}
