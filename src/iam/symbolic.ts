/**
 * Symbolic strings: plain strings that may contain *atoms*, stand-ins for values the templates do not fix
 * (a bucket name CloudFormation generates, an account ID of an environment-agnostic stack, a parameter).
 *
 * An atom is written inside a string between two private-use characters, so every string-shaped field of a
 * policy or a request (ARNs, condition values, context values) can carry it without a second data type:
 *
 *     arn:aws:s3:::\uE000generated:Stack/Bucket.Name\uE001/incoming/*
 *
 * What an atom may equal depends on its kind:
 * - `generated`: a physical name CloudFormation generates for a resource of the app. Equal to itself; different
 *   from every other `generated` atom (CloudFormation never gives two resources one name) and from any run of
 *   plain literal characters a person wrote (nobody hard-codes a name that does not exist yet). Wildcards may
 *   still match it. A generated atom stands for one name, never a whole ARN: the matcher assumes it holds no
 *   `/` or `:` and never contains another generated name. Wrap anything ARN-shaped (a role ARN you cannot
 *   rebuild from its parts) in an `opaque` atom instead, or matches would wrongly come out 'false'.
 * - `opaque`: anything else we cannot resolve (a parameter, an imported value, an unknown account). Equal to
 *   itself; possibly equal to anything else — comparisons with it are 'unknown'.
 *
 * The matchers (`glob.ts`) decide a comparison as 'true' only when it holds for every value the atoms could
 * take, 'false' only when it holds for none, and 'unknown' otherwise.
 */
export const ATOM_OPEN = '\uE000';
export const ATOM_CLOSE = '\uE001';

/**
 * Every private-use character the analysis gives a meaning of its own: the two atom delimiters, and the markers
 * for a literal `*` and `?` in match/glob.ts (U+E002, U+E003). Policy and template text read from the input must
 * never hold them, or a literal string could pass for an atom (a "generated bucket name" that is really a
 * hard-coded string) — src/analysis/cfn/reserved-characters.ts replaces them on the way in.
 */
export const RESERVED_CHARACTERS: readonly string[] = [ATOM_OPEN, ATOM_CLOSE, '\uE002', '\uE003'];

const RESERVED_PATTERN = /[\uE000-\uE003]/;

/** True when the text holds a character of {@link RESERVED_CHARACTERS}. */
export function hasReservedCharacter(text: string): boolean {
  return RESERVED_PATTERN.test(text);
}

/**
 * The atom that stands for one reserved character found in the input. It is opaque: equal to itself (the same
 * character twice is the same text), possibly equal to anything else, so a comparison that depends on it is
 * 'unknown', never decided on a spelling that only looks like one of ours.
 */
export function reservedCharacterAtom(character: string): string {
  const code = character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return atom('opaque', `reserved character U+${code} in the input`);
}

/** The text with every reserved character replaced by its opaque atom. */
export function replaceReservedCharacters(text: string): string {
  if (!hasReservedCharacter(text)) return text;
  return Array.from(text, (c) => (RESERVED_CHARACTERS.includes(c) ? reservedCharacterAtom(c) : c)).join('');
}

export type AtomKind = 'generated' | 'opaque';

export interface Atom {
  readonly kind: AtomKind;
  /** Stable identity: equal ids are the same value. */
  readonly id: string;
}

/** Encode an atom for embedding in a string. */
export function atom(kind: AtomKind, id: string): string {
  if (id.includes(ATOM_OPEN) || id.includes(ATOM_CLOSE)) {
    throw new Error(`atom id must not contain the atom delimiters: ${JSON.stringify(id)}`);
  }
  return `${ATOM_OPEN}${kind}:${id}${ATOM_CLOSE}`;
}

/** One piece of a symbolic string: a literal run of characters or an atom. */
export type SymbolicPart = { readonly literal: string } | { readonly atom: Atom };

/** Split a string into literal runs and atoms. A malformed atom (no closing mark) is read as an opaque atom. */
export function parseSymbolic(value: string): SymbolicPart[] {
  const parts: SymbolicPart[] = [];
  let i = 0;
  while (i < value.length) {
    const open = value.indexOf(ATOM_OPEN, i);
    if (open < 0) {
      parts.push({ literal: value.slice(i) });
      break;
    }
    if (open > i) parts.push({ literal: value.slice(i, open) });
    const close = value.indexOf(ATOM_CLOSE, open + 1);
    const body = close < 0 ? value.slice(open + 1) : value.slice(open + 1, close);
    const colon = body.indexOf(':');
    const kindText = colon < 0 ? '' : body.slice(0, colon);
    const kind: AtomKind = kindText === 'generated' ? 'generated' : 'opaque';
    const id = colon < 0 ? body : body.slice(colon + 1);
    parts.push({ atom: { kind, id } });
    if (close < 0) break;
    i = close + 1;
  }
  return parts;
}

/** True when the string contains at least one atom. */
export function isSymbolic(value: string): boolean {
  return value.includes(ATOM_OPEN);
}

/** A readable rendering for messages: atoms become `<id>`. */
export function describeSymbolic(value: string): string {
  return parseSymbolic(value)
    .map((p) => ('literal' in p ? p.literal : `<${p.atom.id}>`))
    .join('');
}
