import { opaque } from './opaque';
import { replaceReservedCharacters } from '../../iam/symbolic';

/**
 * What the analysis reads from its input — templates, manifests, the environment's policies — is plain text to
 * AWS. The analysis marks values the templates do not fix with private-use characters (iam/symbolic.ts), so a
 * literal string holding those characters must not reach it as written: `arn:aws:s3:::\uE000generated:…\uE001/*`
 * in a template is a hard-coded string that names no bucket, not the generated name of a bucket of the app.
 *
 * Every such character, in values and in keys, becomes an opaque atom (`reservedCharacterAtom`): a comparison
 * that depends on it is 'unknown' and the finding says so, never a guess. JSON text read later (a policy document
 * written as a string) is handled where it is parsed (iam/policy/json-text.ts).
 */

/** Deeper than any template CloudFormation accepts; the resolver stops far earlier (resolve.ts, MAX_DEPTH). */
const MAX_DEPTH = 512;

/**
 * The value with reserved characters replaced. Parts that hold none are returned as they are (the same objects),
 * so well-formed input costs one walk and no copies; a shared or cyclic object is rewritten once.
 */
export function withoutReservedCharacters<T>(value: T): T {
  return rewrite(value, new Map(), 0) as T;
}

function rewrite(value: unknown, done: Map<object, unknown>, depth: number): unknown {
  if (typeof value === 'string') return replaceReservedCharacters(value);
  if (typeof value !== 'object' || value === null) return value;
  const seen = done.get(value);
  if (seen !== undefined) return seen;
  if (depth > MAX_DEPTH) return opaque('input nested too deeply to read');
  // A cycle reaching back to this object while it is being rewritten gets the object itself.
  done.set(value, value);
  const result = Array.isArray(value) ? rewriteList(value, done, depth) : rewriteRecord(value as Record<string, unknown>, done, depth);
  if (result !== value) done.set(value, result);
  return result;
}

// Both walks copy only from the first change on: a template holds hundreds of thousands of values, nearly never one
// to rewrite, and a copy per list or record was most of the walk's cost.
function rewriteList(list: readonly unknown[], done: Map<object, unknown>, depth: number): unknown {
  let out: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const next = rewrite(list[i], done, depth + 1);
    if (!out && next !== list[i]) out = list.slice(0, i);
    if (out) out.push(next);
  }
  return out ?? list;
}

function rewriteRecord(record: Record<string, unknown>, done: Map<object, unknown>, depth: number): unknown {
  const keys = Object.keys(record);
  let out: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const nextKey = replaceReservedCharacters(key);
    const next = rewrite(record[key], done, depth + 1);
    if (!out && (nextKey !== key || next !== record[key])) {
      // The first change: copy what came before it, then continue into the copy.
      out = {};
      for (let j = 0; j < i; j++) define(out, keys[j], record[keys[j]]);
    }
    if (out) define(out, nextKey, next);
  }
  return out ?? record;
}

/** defineProperty: a key named `__proto__` in hostile JSON must stay a plain key. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
