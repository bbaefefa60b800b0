/**
 * Reading resolved CloudFormation property values, for the model's parsers (bucket-settings.ts) and the gates.
 * The analysis resolves intrinsics first: what it could not resolve is either a string carrying an atom
 * (src/iam/symbolic.ts) or something that is not a plain value at all. These readers never throw: they return
 * `Unresolved` with a reason instead.
 */
import { describeSymbolic, isSymbolic, parseSymbolic } from '../../iam/symbolic';
import { Tri } from '../../iam/tri';

/** A value that cannot be used as a literal, with the reason for messages. */
export interface Unresolved {
  readonly unresolved: string;
}

export function isUnresolved(value: unknown): value is Unresolved {
  return typeof value === 'object' && value !== null && 'unresolved' in value;
}

/** A short, readable rendering of any value for messages (atoms as `<id>`, long JSON cut). */
export function show(value: unknown): string {
  if (typeof value === 'string') return describeSymbolic(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = typeof value === 'object' ? 'an unreadable object' : String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** A literal string (no atom), or Unresolved. `undefined` stays undefined: the property is not set. */
export function readLiteralString(value: unknown, what: string): string | Unresolved | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    return isSymbolic(value) ? { unresolved: `${what} is not known at synth time (${show(value)})` } : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return { unresolved: `${what} is not a plain value (${show(value)})` };
}

/** A string that may carry atoms (IDs, names), or Unresolved when it is not a string at all. */
export function readSymbolicString(value: unknown, what: string): string | Unresolved | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  return { unresolved: `${what} is not a plain value (${show(value)})` };
}

/** CloudFormation booleans arrive as `true` or `"true"` (any case). */
export function readBoolean(value: unknown, what: string): boolean | Unresolved | undefined {
  const text = readLiteralString(value, what);
  if (text === undefined || isUnresolved(text)) return text;
  const folded = text.toLowerCase();
  if (folded === 'true') return true;
  if (folded === 'false') return false;
  return { unresolved: `${what} is not a boolean (${show(value)})` };
}

/** A list of symbolic strings; a non-list, or an element that is not a string, makes it Unresolved. */
export function readStringList(value: unknown, what: string): string[] | Unresolved | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return { unresolved: `${what} is not a list (${show(value)})` };
  const out: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string') return { unresolved: `${what} has an element that is not known (${show(item)})` };
    out.push(item);
  }
  return out;
}

function hasOpaqueAtom(value: string): boolean {
  return parseSymbolic(value).some((p) => 'atom' in p && p.atom.kind === 'opaque');
}

/**
 * Whether two resolved IDs or names are the same value. Identical strings are; otherwise a `generated` atom is
 * different from every other generated atom and from literals, so only an `opaque` atom leaves it 'unknown'.
 */
export function sameValue(a: string, b: string): Tri {
  if (a === b) return 'true';
  if (hasOpaqueAtom(a) || hasOpaqueAtom(b)) return 'unknown';
  return 'false';
}

/** The elements of `list` that may equal `value`, split by how sure we are. */
export function findMatches<T>(items: readonly T[], key: (item: T) => string | undefined, value: string): {
  readonly sure: T[];
  readonly maybe: T[];
} {
  const sure: T[] = [];
  const maybe: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const same = sameValue(k, value);
    if (same === 'true') sure.push(item);
    else if (same === 'unknown') maybe.push(item);
  }
  return { sure, maybe };
}
