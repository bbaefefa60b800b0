import { atom, ATOM_CLOSE, ATOM_OPEN, isSymbolic, parseSymbolic } from '../../iam/symbolic';

/**
 * Values the templates do not fix. An opaque atom's id is derived from what produced it, so the same
 * unresolved expression is the same value everywhere ("equal tokens are equal"), and different ones are merely
 * possibly different (never assumed different).
 */
export function opaque(reason: string): string {
  return atom('opaque', sanitize(reason));
}

export function generated(id: string): string {
  return atom('generated', sanitize(id));
}

/** An opaque value for an expression we could not evaluate, with the reason first so messages can show it. */
export function opaqueExpression(reason: string, expression: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(expression) ?? String(expression);
  } catch {
    text = String(expression);
  }
  return opaque(`${reason}: ${text}`);
}

function sanitize(text: string): string {
  // Nearly every id holds neither mark: two searches instead of four new strings per atom made.
  if (!text.includes(ATOM_OPEN) && !text.includes(ATOM_CLOSE)) return text;
  return text.split(ATOM_OPEN).join('').split(ATOM_CLOSE).join('');
}

/** True when the string holds an opaque atom (a generated name alone is still a definite, if unknown, value). */
export function hasOpaque(value: string): boolean {
  if (!isSymbolic(value)) return false;
  return parseSymbolic(value).some((p) => 'atom' in p && p.atom.kind === 'opaque');
}
