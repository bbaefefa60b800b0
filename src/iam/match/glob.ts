import { Atom, parseSymbolic } from '../symbolic';
import { FALSE, TRUE, Tri, UNKNOWN } from '../tri';

/**
 * Glob matching over symbolic strings, in three-valued logic.
 *
 * IAM matches actions, resource ARNs, StringLike/ArnLike values and plain string equality with one rule: `*` is any
 * run of characters (it crosses `/`: "The asterisk (*) character can expand to replace everything within a segment,
 * including characters like a forward slash", IAM Resource element) and `?` is one character.
 *
 * Either side may hold atoms (symbolic.ts). The answer is decided in two passes, each a dynamic program over the two
 * token lists (no backtracking, so `a*a*a*a*b` against a long value stays linear in each side's length):
 * 1. strict: atoms match only the identical atom or are absorbed whole by a `*`. A strict match holds whatever the
 *    atoms stand for, so it is 'true'.
 * 2. loose: atoms stand for a run of characters (several atoms on both sides are intersected as two patterns).
 *    A `generated` atom (a name CloudFormation picks) is never spelled out by what a person wrote: it cannot be
 *    covered only by literal characters and other generated atoms, and it holds no `/` or `:` (CloudFormation physical
 *    names never do). No loose match means no value of the atoms can match: 'false'. Otherwise 'unknown'.
 */

/** Options for {@link globMatch}. */
export interface GlobOptions {
  /** Compare letters case-insensitively (action names, *IgnoreCase operators). */
  readonly ignoreCase?: boolean;
  /** Whether `*` and `?` in the pattern are wildcards (StringLike: yes; StringEquals: no). */
  readonly wildcards: boolean;
  /**
   * ARN matching (ArnLike/ArnEquals): the six colon-separated parts are matched separately, so a wildcard in the
   * first five parts never matches `:`; in the sixth (resource) part it may. IAM condition operators, ARN operators:
   * "Each of the six colon-delimited components of the ARN is checked separately".
   */
  readonly arnSegments?: boolean;
}

/** Stands for a literal `*` (the `${*}` escape) that the matcher never treats as a wildcard. */
export const LITERAL_STAR = '\uE002';
/** Stands for a literal `?` (the `${?}` escape) that the matcher never treats as a wildcard. */
export const LITERAL_QUESTION = '\uE003';

/** Turn wildcard characters into their literal markers, outside atoms (for text that must match itself only). */
export function escapeWildcards(text: string): string {
  return mapOutsideAtoms(text, (run) => run.replace(/\*/g, LITERAL_STAR).replace(/\?/g, LITERAL_QUESTION));
}

/** Turn literal markers back into plain `*` and `?` (for messages and for comparisons that have no wildcards). */
export function stripLiteralMarkers(text: string): string {
  return text.split(LITERAL_STAR).join('*').split(LITERAL_QUESTION).join('?');
}

/**
 * Match a pattern against a value; either may contain atoms (symbolic.ts). 'true' when it matches for every
 * value the atoms could take, 'false' when for none, 'unknown' otherwise.
 */
export function globMatch(pattern: string, value: string, options: GlobOptions): Tri {
  // The same text matches itself: each token is matched by itself (a star takes the run it spells, an atom is the
  // same atom). The dynamic programs say so too (test/scale); most ARN parts compared are equal text.
  if (pattern === value) return TRUE;
  const p = remembered(patterns, pattern, options, patternTokens);
  const v = remembered(values, value, options, valueTokens);
  const ends = trimmedEnds(p, v);
  if (ends === 'false') return FALSE;
  const pm = p.slice(ends.head, p.length - ends.tail);
  const vm = v.slice(ends.head, v.length - ends.tail);
  if (matchStrict(pm, vm)) return TRUE;
  const hasAtoms = pm.some((t) => t.kind === 'atom') || vm.some((t) => t.kind === 'atom');
  if (!hasAtoms) return FALSE;
  if (unmatchedGenerated(pm, vm)) return FALSE;
  return matchLoose(pm, vm) ? UNKNOWN : FALSE;
}

/**
 * A generated atom that nothing on the other side can take, found in one pass over both sides: in the loose pass
 * a generated atom is taken whole by the same atom, or by a run that a wildcard or an opaque atom of the other side
 * helps cover (it is never spelled out by literals and other generated atoms alone). So a generated atom of the
 * pattern the value does not hold, with no opaque atom in the value (a value has no wildcards), never matches; nor
 * does one of the value the pattern does not hold, with no wildcard or opaque atom in the pattern. This is what
 * keeps a pattern holding a bucket's generated name linear against a long key of another bucket.
 */
function unmatchedGenerated(p: readonly PatternToken[], v: readonly ValueToken[]): boolean {
  globCounters.steps += p.length + v.length;
  const generatedIds = (tokens: readonly (PatternToken | ValueToken)[]) =>
    new Set(tokens.flatMap((t) => (t.kind === 'atom' && t.atom.kind === 'generated' ? [t.atom.id] : [])));
  const opaque = (tokens: readonly (PatternToken | ValueToken)[]) => tokens.some((t) => t.kind === 'atom' && t.atom.kind === 'opaque');
  const inPattern = generatedIds(p);
  const inValue = generatedIds(v);
  if (!opaque(v) && [...inPattern].some((id) => !inValue.has(id))) return true;
  const patternFrees = opaque(p) || p.some((t) => t.kind === 'star' || t.kind === 'one');
  return !patternFrees && [...inValue].some((id) => !inPattern.has(id));
}

/**
 * The same answer by the two dynamic programs alone, over the whole token lists (no trimming, no greedy scan): the
 * reference the fast paths are tested against (test/scale). Internal, not part of the API.
 */
export function globMatchByTables(pattern: string, value: string, options: GlobOptions): Tri {
  const p = patternTokens(pattern, options);
  const v = valueTokens(value, options);
  if (matchStrictTable(p, v)) return TRUE;
  const hasAtoms = p.some((t) => t.kind === 'atom') || v.some((t) => t.kind === 'atom');
  if (!hasAtoms) return FALSE;
  return matchLoose(p, v) ? UNKNOWN : FALSE;
}

/**
 * Work counters for tests that pin the matcher's complexity (test/scale): one step per token compared while
 * trimming, per position the strict pass visits, per state the loose pass fills. Internal, not part of the API.
 */
export const globCounters = { steps: 0 };

// ---------------------------------------------------------------------------------------------------------
// Trimming: the ends both sides must share
// ---------------------------------------------------------------------------------------------------------

/**
 * How many tokens at the start (`head`) and the end (`tail`) of both sides match one to one, or 'false' when two
 * of them cannot: what the dynamic programs below then see is only the middle, so a long common prefix (an ARN,
 * a bucket's generated name) costs one comparison per character, and two different names cost one step.
 *
 * A token pair at either end is forced when neither token can stand for a run: a literal or `?` against a literal
 * consumes exactly one character of each side in both passes. Two identical generated atoms are also forced: a
 * generated atom is never spelled out by another generated atom's characters (symbolic.ts), so each must be taken
 * whole by the other. Two different generated atoms facing each other can never match (neither can end while only
 * the other's characters cover it), which is 'false' at once — the common case of one bucket's grant against
 * another bucket's request. Stars and opaque atoms stop the trimming: they may stand for any run.
 */
function trimmedEnds(p: readonly PatternToken[], v: readonly ValueToken[]): { head: number; tail: number } | 'false' {
  const limit = Math.min(p.length, v.length);
  let head = 0;
  for (; head < limit; head++) {
    globCounters.steps++;
    const pair = forcedPair(p[head], v[head]);
    if (pair === 'false') return 'false';
    if (pair === 'open') break;
  }
  let tail = 0;
  for (; tail < limit - head; tail++) {
    globCounters.steps++;
    const pair = forcedPair(p[p.length - 1 - tail], v[v.length - 1 - tail]);
    if (pair === 'false') return 'false';
    if (pair === 'open') break;
  }
  return { head, tail };
}

/** 'match' when the two tokens must face each other and match; 'false' when they face each other and cannot; 'open' otherwise. */
function forcedPair(p: PatternToken, v: ValueToken): 'match' | 'false' | 'open' {
  if (p.kind === 'char' && v.kind === 'char') return p.char === v.char ? 'match' : 'false';
  if (p.kind === 'one' && v.kind === 'char') return p.colon || v.char !== ':' ? 'match' : 'false';
  if (p.kind === 'atom' && v.kind === 'atom' && p.atom.kind === 'generated' && v.atom.kind === 'generated') {
    return sameAtom(p.atom, v.atom) ? 'match' : 'false';
  }
  return 'open';
}

// ---------------------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------------------

/**
 * An atom in a token list. `colonFree`: the atom cannot hold `:`. True for generated names; in ARN mode also for an
 * atom inside the first five parts of a string that has its five colons (a partition, service, region or account:
 * an atom there holding a colon would make the ARN malformed).
 */
interface AtomToken {
  readonly kind: 'atom';
  readonly atom: Atom;
  readonly colonFree: boolean;
}

/** A pattern token. `colon` says whether a wildcard may match `:` (false in the first five parts of an ARN). */
type PatternToken =
  | { readonly kind: 'char'; readonly char: string }
  | { readonly kind: 'one'; readonly colon: boolean }
  | { readonly kind: 'star'; readonly colon: boolean }
  | AtomToken;

type ValueToken = { readonly kind: 'char'; readonly char: string } | AtomToken;

function mapOutsideAtoms(text: string, map: (run: string) => string): string {
  let out = '';
  for (const part of splitKeepingAtoms(text)) out += part.atom ? part.text : map(part.text);
  return out;
}

/** Split text into literal runs and raw atom texts, so literal runs can be rewritten without touching atom ids. */
function splitKeepingAtoms(text: string): { text: string; atom: boolean }[] {
  const parts: { text: string; atom: boolean }[] = [];
  const atomPattern = /\uE000[^\uE001]*(\uE001|$)/g;
  let last = 0;
  for (const m of text.matchAll(atomPattern)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), atom: false });
    parts.push({ text: m[0], atom: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), atom: false });
  return parts;
}

function literalChars(run: string, ignoreCase: boolean | undefined): string[] {
  return Array.from(ignoreCase ? run.toLowerCase() : run).map(unmark);
}

function unmark(char: string): string {
  if (char === LITERAL_STAR) return '*';
  if (char === LITERAL_QUESTION) return '?';
  return char;
}

/** Colons outside atoms (an ARN has at least five). */
export function literalColonCount(text: string): number {
  let count = 0;
  for (const part of parseSymbolic(text)) if ('literal' in part) count += part.literal.split(':').length - 1;
  return count;
}

/** In ARN mode, a string with its five colons is an ARN: atoms in its first five parts hold no colon. */
function isFullArn(text: string, options: GlobOptions): boolean {
  return options.arnSegments === true && literalColonCount(text) >= 5;
}

function atomToken(atom: Atom, inArnHeader: boolean): AtomToken {
  return { kind: 'atom', atom, colonFree: atom.kind === 'generated' || inArnHeader };
}

/**
 * Token lists of the strings matched last, per option set. A policy's Resource entry is matched against every
 * request of a role, and a request's resource against every statement that may name it: tokenizing each time was
 * most of the matcher's cost (and of its garbage). The lists are never changed once built. Keyed by the string
 * itself (no key is built per lookup); bounded: when full it starts over, so hostile input cannot make it grow.
 */
class TokenCache<T> {
  private readonly byFlags = new Map<string, Map<string, readonly T[]>>();
  private size = 0;
  constructor(private readonly bound: number) {}

  public get(flags: string, text: string, build: () => readonly T[]): readonly T[] {
    let entries = this.byFlags.get(flags);
    if (!entries) {
      entries = new Map();
      this.byFlags.set(flags, entries);
    }
    const found = entries.get(text);
    if (found) return found;
    if (this.size >= this.bound) {
      for (const map of this.byFlags.values()) map.clear();
      this.size = 0;
    }
    const tokens = build();
    entries.set(text, tokens);
    this.size++;
    return tokens;
  }
}

/** Strings longer than this are tokenized every time (they are rare, and would hold the cache's memory). */
const MAX_REMEMBERED_LENGTH = 2048;
const patterns = new TokenCache<PatternToken>(20_000);
const values = new TokenCache<ValueToken>(20_000);

function remembered<T>(cache: TokenCache<T>, text: string, options: GlobOptions,
  tokenize: (text: string, options: GlobOptions) => readonly T[]): readonly T[] {
  if (text.length > MAX_REMEMBERED_LENGTH) return tokenize(text, options);
  const flags = `${options.ignoreCase ? 'i' : ''}${options.wildcards ? 'w' : ''}${options.arnSegments ? 'a' : ''}`;
  return cache.get(flags, text, () => tokenize(text, options));
}

/** One shared token per ASCII character: a token list of plain text allocates no object per character. */
const ASCII_TOKENS: readonly { readonly kind: 'char'; readonly char: string }[] = Array.from({ length: 128 },
  (_, code) => Object.freeze({ kind: 'char' as const, char: String.fromCharCode(code) }));

function charToken(char: string): { readonly kind: 'char'; readonly char: string } {
  const code = char.length === 1 ? char.charCodeAt(0) : 128;
  return code < 128 ? ASCII_TOKENS[code] : { kind: 'char', char };
}

function valueTokens(value: string, options: GlobOptions): ValueToken[] {
  const tokens: ValueToken[] = [];
  const arn = isFullArn(value, options);
  let colons = 0;
  for (const part of parseSymbolic(value)) {
    if ('atom' in part) {
      tokens.push(atomToken(part.atom, arn && colons < 5));
      continue;
    }
    for (const char of literalChars(part.literal, options.ignoreCase)) {
      if (char === ':') colons++;
      tokens.push(charToken(char));
    }
  }
  return tokens;
}

function patternTokens(pattern: string, options: GlobOptions): PatternToken[] {
  const tokens: PatternToken[] = [];
  const arn = isFullArn(pattern, options);
  // In ARN mode, wildcards before the fifth colon stay within their part.
  let colons = 0;
  for (const part of parseSymbolic(pattern)) {
    if ('atom' in part) {
      tokens.push(atomToken(part.atom, arn && colons < 5));
      continue;
    }
    for (const char of Array.from(options.ignoreCase ? part.literal.toLowerCase() : part.literal)) {
      const colon = !options.arnSegments || colons >= 5;
      if (options.wildcards && char === '*') {
        const previous = tokens[tokens.length - 1];
        // Consecutive stars are one star; keeping one keeps the programs small.
        if (!(previous?.kind === 'star' && previous.colon === colon)) tokens.push({ kind: 'star', colon });
      } else if (options.wildcards && char === '?') {
        tokens.push({ kind: 'one', colon });
      } else {
        if (char === ':') colons++;
        tokens.push(charToken(unmark(char)));
      }
    }
  }
  return tokens;
}

function sameAtom(a: Atom, b: Atom): boolean {
  return a.kind === b.kind && a.id === b.id;
}

/** May the atom's value contain this character? A CloudFormation physical name never holds `/` or `:`. */
function atomMayHold(token: AtomToken, char: string): boolean {
  if (token.atom.kind === 'generated' && char === '/') return false;
  return !(token.colonFree && char === ':');
}

// ---------------------------------------------------------------------------------------------------------
// Strict pass: holds for every value of the atoms
// ---------------------------------------------------------------------------------------------------------

/** Can a star take this value token whole, whatever the atom stands for? */
function starAbsorbs(star: { colon: boolean }, token: ValueToken): boolean {
  if (token.kind === 'char') return star.colon || token.char !== ':';
  return star.colon || token.colonFree;
}

function stepStrict(p: PatternToken, v: ValueToken): boolean {
  switch (p.kind) {
    case 'char':
      return v.kind === 'char' && v.char === p.char;
    case 'one':
      return v.kind === 'char' && (p.colon || v.char !== ':');
    case 'atom':
      return v.kind === 'atom' && sameAtom(p.atom, v.atom);
    case 'star':
      return false;
  }
}

/**
 * Does the pattern match for every value of the atoms? Without `*` each pattern token takes one value token: one
 * comparison each. With stars that may take any token, the greedy scan: each star first takes nothing and, when
 * what follows fails, one more token — linear for the patterns policies hold (a few stars), and never worse than
 * the dynamic program. Stars kept within an ARN part (ArnLike) use the dynamic program.
 */
function matchStrict(p: readonly PatternToken[], v: readonly ValueToken[]): boolean {
  if (!p.some((t) => t.kind === 'star')) {
    if (p.length !== v.length) return false;
    for (let i = 0; i < p.length; i++) {
      globCounters.steps++;
      if (!stepStrict(p[i], v[i])) return false;
    }
    return true;
  }
  if (p.some((t) => t.kind === 'star' && !t.colon)) return matchStrictTable(p, v);
  return matchStrictGreedy(p, v);
}

/** The classic two-pointer glob scan, backtracking only to the last star (every star here takes any token). */
function matchStrictGreedy(p: readonly PatternToken[], v: readonly ValueToken[]): boolean {
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (j < v.length) {
    globCounters.steps++;
    if (i < p.length && p[i].kind === 'star') {
      star = i++;
      mark = j;
    } else if (i < p.length && stepStrict(p[i], v[j])) {
      i++;
      j++;
    } else if (star >= 0) {
      i = star + 1;
      j = ++mark;
    } else {
      return false;
    }
  }
  while (i < p.length && p[i].kind === 'star') i++;
  return i === p.length;
}

/** Classic glob dynamic program, row by row from the end: row[j] = pattern[i..] matches value[j..]. */
function matchStrictTable(p: readonly PatternToken[], v: readonly ValueToken[]): boolean {
  const m = v.length;
  let next = new Uint8Array(m + 1);
  next[m] = 1;
  for (let i = p.length - 1; i >= 0; i--) {
    const row = new Uint8Array(m + 1);
    const token = p[i];
    globCounters.steps += m + 1;
    for (let j = m; j >= 0; j--) {
      if (token.kind === 'star') {
        row[j] = next[j] || (j < m && starAbsorbs(token, v[j]) && row[j + 1]) ? 1 : 0;
      } else {
        row[j] = j < m && stepStrict(token, v[j]) && next[j + 1] ? 1 : 0;
      }
    }
    next = row;
  }
  return next[0] === 1;
}

// ---------------------------------------------------------------------------------------------------------
// Loose pass: holds for some value of the atoms
// ---------------------------------------------------------------------------------------------------------

/*
 * Both sides become automata over characters: a literal or `?` consumes one character; a `*` or an atom consumes a
 * run. The product is searched for a path from (0, 0) to (end, end). A side's phase says where it is in a run token:
 * OUT (at the token's start), IN (inside a generated atom that no wildcard or opaque atom has touched yet), OK (inside
 * a run that may end here). A generated atom may only end in OK, which is how "never spelled out by literals" is kept.
 */
const OUT = 0;
const IN = 1;
const OK = 2;
const PHASES = 3;

/** What one side offers for the next character. */
interface CharSource {
  /** The literal character, or undefined for a wildcard or an atom's character. */
  readonly char?: string;
  /** A pattern wildcard (`*`/`?`) and whether it may be `:`. */
  readonly wildcard?: { readonly colon: boolean };
  /** The atom the character belongs to. */
  readonly atom?: AtomToken;
  /** Position and phase after consuming. */
  readonly nextIndex: number;
  readonly nextPhase: number;
}

function patternSource(p: readonly PatternToken[], i: number, phase: number): CharSource | undefined {
  if (i >= p.length) return undefined;
  const t = p[i];
  if (phase !== OUT) {
    // Inside a run: stay in it. Only stars and atoms have runs.
    if (t.kind === 'star') return { wildcard: t, nextIndex: i, nextPhase: OK };
    if (t.kind === 'atom') return { atom: t, nextIndex: i, nextPhase: phase };
    return undefined;
  }
  switch (t.kind) {
    case 'char':
      return { char: t.char, nextIndex: i + 1, nextPhase: OUT };
    case 'one':
      return { wildcard: t, nextIndex: i + 1, nextPhase: OUT };
    case 'star':
      return { wildcard: t, nextIndex: i, nextPhase: OK };
    case 'atom':
      return { atom: t, nextIndex: i, nextPhase: t.atom.kind === 'generated' ? IN : OK };
  }
}

function valueSource(v: readonly ValueToken[], j: number, phase: number): CharSource | undefined {
  if (j >= v.length) return undefined;
  const t = v[j];
  if (t.kind === 'char') return phase === OUT ? { char: t.char, nextIndex: j + 1, nextPhase: OUT } : undefined;
  if (phase !== OUT) return { atom: t, nextIndex: j, nextPhase: phase };
  return { atom: t, nextIndex: j, nextPhase: t.atom.kind === 'generated' ? IN : OK };
}

/** May both sides' next characters be the same character? */
function compatible(p: CharSource, v: CharSource): boolean {
  if (p.char !== undefined && v.char !== undefined) return p.char === v.char;
  if (p.char !== undefined) return atomMayHold(v.atom!, p.char);
  if (v.char !== undefined) {
    if (p.wildcard) return p.wildcard.colon || v.char !== ':';
    return atomMayHold(p.atom!, v.char);
  }
  return true; // a wildcard or atom against an atom: some shared character (a letter) exists
}

/** Does covering a generated atom's character with `other` prove it is not spelled out by literals? */
function freesGenerated(other: CharSource): boolean {
  return other.wildcard !== undefined || other.atom?.atom.kind === 'opaque';
}

function afterStep(own: CharSource, other: CharSource): number {
  if (own.nextPhase === IN && freesGenerated(other)) return OK;
  return own.nextPhase;
}

/** A run token that may be left (or skipped) without consuming: epsilon moves. */
function patternExits(p: readonly PatternToken[], i: number, phase: number): boolean {
  if (i >= p.length) return false;
  const t = p[i];
  if (phase === OK) return true;
  // A star or an opaque atom (a parameter may be empty) may stand for nothing.
  return phase === OUT && (t.kind === 'star' || (t.kind === 'atom' && t.atom.kind === 'opaque'));
}

function valueExits(v: readonly ValueToken[], j: number, phase: number): boolean {
  if (j >= v.length) return false;
  const t = v[j];
  if (phase === OK) return true;
  return phase === OUT && t.kind === 'atom' && t.atom.kind === 'opaque';
}

function matchLoose(p: readonly PatternToken[], v: readonly ValueToken[]): boolean {
  const n = p.length;
  const m = v.length;
  const width = (m + 1) * PHASES * PHASES;
  const at = (j: number, pp: number, vp: number) => (j * PHASES + pp) * PHASES + vp;
  // reach[i] row: can (i, pp, j, vp) reach the end? Rows are filled from the last pattern position backwards;
  // inside one (i, j), moves only raise a phase, so phases are filled from OK down to OUT.
  let nextRow = new Uint8Array(width);
  for (let i = n; i >= 0; i--) {
    const row = new Uint8Array(width);
    globCounters.steps += width;
    const get = (ii: number, j: number, pp: number, vp: number): number => (ii === i ? row : nextRow)[at(j, pp, vp)];
    for (let j = m; j >= 0; j--) {
      for (let pp = OK; pp >= OUT; pp--) {
        for (let vp = OK; vp >= OUT; vp--) {
          if (i === n && j === m && pp === OUT && vp === OUT) {
            row[at(j, pp, vp)] = 1;
            continue;
          }
          let ok = false;
          if (patternExits(p, i, pp) && get(i + 1, j, OUT, vp)) ok = true;
          if (!ok && valueExits(v, j, vp) && get(i, j + 1, pp, OUT)) ok = true;
          if (!ok && pp === OUT && vp === OUT && i < n && j < m) {
            const a = p[i];
            const b = v[j];
            if (a.kind === 'atom' && b.kind === 'atom' && sameAtom(a.atom, b.atom) && get(i + 1, j + 1, OUT, OUT)) ok = true;
          }
          if (!ok) {
            const ps = patternSource(p, i, pp);
            const vs = valueSource(v, j, vp);
            if (ps && vs && compatible(ps, vs)) {
              const npp = afterStep(ps, vs);
              const nvp = afterStep(vs, ps);
              const self = ps.nextIndex === i && vs.nextIndex === j && npp === pp && nvp === vp;
              if (!self && get(ps.nextIndex, vs.nextIndex, npp, nvp)) ok = true;
            }
          }
          row[at(j, pp, vp)] = ok ? 1 : 0;
        }
      }
    }
    nextRow = row;
  }
  return nextRow[at(0, OUT, OUT)] === 1;
}
