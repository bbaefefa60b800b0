/** Structural equality of resolved JSON (atoms included: the same atom is the same value). */
export function sameJson(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}
