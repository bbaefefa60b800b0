import { isUnknownValue, lookupContext } from './context';
import { escapeWildcards, LITERAL_QUESTION, LITERAL_STAR } from './match/glob';
import { PolicyVersion, RequestContext } from './model';
import { atom } from './symbolic';

/**
 * Policy variables, after IAM "IAM policy elements: Variables and tags":
 * - only in policies of Version 2012-10-17; older documents keep `${...}` as literal text;
 * - `${key}` is replaced by the request's value for a single-valued key; multivalued keys cannot be variables;
 * - `${key, 'default'}` supplies a value when the key is not present;
 * - `${*}`, `${?}`, `${$}` are the literal characters `*`, `?`, `$`;
 * - a variable with no value (and no default) leaves the whole string without a value: positive operators do not
 *   match it, negated operators do ("not equal to or like the effectively null value"), a Resource matches nothing.
 */

/** The result of substituting policy variables into a policy string. */
export type Substituted =
  | { readonly value: string }
  /** A variable had no value and no default: positive operators fail, negated ones match, resources match nothing. */
  | { readonly noValue: string }
  /** A variable's value is unknown (an UnknownValue in the context). */
  | {
    readonly unknown: string;
    /**
     * The text with each unknown variable replaced by an opaque atom (see {@link unknownValueAtom}), when one text
     * can stand for every case: lets a matcher still prove a mismatch from the literal parts.
     */
    readonly symbolic?: string;
    /** Set when a variable may also have no value at all (its key may be absent and there is no default). */
    readonly mayHaveNoValue?: boolean;
  };

/**
 * The opaque atom standing for the unknown value of a context key. The same key gives the same atom, so a policy
 * variable `${k}` and the request value of `k` are recognised as one value.
 */
export function unknownValueAtom(key: string): string {
  return atom('opaque', '${' + key.toLowerCase() + '}');
}

/** One `${...}` occurrence, parsed. */
type Reference =
  | { readonly escape: string }
  | { readonly key: string; readonly fallback?: string }
  | { readonly malformed: string };

/**
 * Replace `${key}`, `${key, 'default'}` and the escapes `${*}`, `${?}`, `${$}` in a policy string.
 * Version 2008-10-17 has no variables: the text is returned as it is.
 * Escaped `*` and `?` come out as literals the glob matcher will not treat as wildcards.
 */
export function substituteVariables(text: string, context: RequestContext, version: PolicyVersion): Substituted {
  if (version !== '2012-10-17') return { value: text };
  let value = '';
  let symbolic = '';
  const noValues: string[] = [];
  const unknowns: string[] = [];
  let symbolicPossible = true;
  let mayHaveNoValue = false;
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    const end = start < 0 ? -1 : text.indexOf('}', start + 2);
    if (start < 0 || end < 0) {
      // No (complete) variable left: the rest is literal text.
      value += text.slice(i);
      symbolic += text.slice(i);
      break;
    }
    value += text.slice(i, start);
    symbolic += text.slice(i, start);
    const { reference, next } = readReference(text, start, end);
    i = next;
    if ('malformed' in reference) return { unknown: reference.malformed };
    if ('escape' in reference) {
      value += reference.escape;
      symbolic += reference.escape;
      continue;
    }
    const resolved = resolveVariable(reference, context);
    if ('text' in resolved) {
      value += resolved.text;
      symbolic += resolved.text;
    } else if ('none' in resolved) {
      noValues.push(resolved.none);
    } else {
      unknowns.push(resolved.unknownReason);
      symbolic += unknownValueAtom(reference.key);
      if (resolved.mayBeAbsent) {
        // Absent, the variable takes its default, if any: then no single text covers both cases.
        if (reference.fallback !== undefined) symbolicPossible = false;
        else mayHaveNoValue = true;
      }
    }
  }
  // No value anywhere decides the string, whatever the unknown ones turn out to be.
  if (noValues.length > 0) return { noValue: noValues.join('; ') };
  if (unknowns.length > 0) {
    const reason = unknowns.join('; ');
    if (!symbolicPossible) return { unknown: reason };
    return mayHaveNoValue ? { unknown: reason, symbolic, mayHaveNoValue } : { unknown: reason, symbolic };
  }
  return { value };
}

const ESCAPES: Readonly<Record<string, string>> = { '*': LITERAL_STAR, '?': LITERAL_QUESTION, '$': '$' };

/**
 * Read `${...}` starting at `start`; `end` is the first `}` after it. A default may hold a `}`, so a quoted default
 * is read to its closing quote before looking for the brace.
 */
function readReference(text: string, start: number, end: number): { reference: Reference; next: number } {
  const firstBody = text.slice(start + 2, end);
  if (Object.prototype.hasOwnProperty.call(ESCAPES, firstBody)) return { reference: { escape: ESCAPES[firstBody] }, next: end + 1 };
  const comma = text.indexOf(',', start + 2);
  if (comma < 0 || comma > end) return { reference: checkedKey(firstBody), next: end + 1 };
  // `${key, 'default'}`: the default is single-quoted and may contain any character but a quote.
  const afterComma = /^\s*'([^']*)'\s*\}/.exec(text.slice(comma + 1));
  const raw = text.slice(start, end + 1);
  if (!afterComma) return { reference: { malformed: `malformed policy variable ${raw}: a default must be written , 'value'` }, next: end + 1 };
  const reference = checkedKey(text.slice(start + 2, comma));
  const next = comma + 1 + afterComma[0].length;
  if ('malformed' in reference) return { reference, next };
  return { reference: { key: reference.key, fallback: afterComma[1] }, next };
}

function checkedKey(body: string): { readonly key: string } | { readonly malformed: string } {
  const key = body.trim();
  if (key === '' || /[${}',]/.test(key)) {
    return { malformed: `malformed policy variable \${${body}}: not a context key name` };
  }
  return { key };
}

type Resolution =
  | { readonly text: string }
  | { readonly none: string }
  | { readonly unknownReason: string; readonly mayBeAbsent: boolean };

function resolveVariable(reference: { key: string; fallback?: string }, context: RequestContext): Resolution {
  const { key, fallback } = reference;
  const found = lookupContext(context, key);
  const orDefault = (why: string): Resolution =>
    fallback !== undefined ? { text: escapeWildcards(fallback) } : { none: `\${${key}} has no value: ${why}` };
  if (found === undefined) return orDefault(`${key} is not in the request`);
  if (isUnknownValue(found)) {
    return { unknownReason: `\${${key}} is unknown: ${found.unknown}`, mayBeAbsent: found.mayBeAbsent === true };
  }
  // "You cannot use a multivalued context key as a variable": treated like an absent key.
  if (typeof found !== 'string') return orDefault(`${key} is multivalued and cannot be a policy variable`);
  // The substituted value is data, not pattern: a `*` in it matches only a `*`.
  return { text: escapeWildcards(found) };
}
