/**
 * Rules on what a write may carry, shared by the construct (checked at synth, on the props) and the runtime helper
 * (checked in the Lambda function, on the key and the environment), so both refuse the same things.
 *
 * This file must import nothing: it is shipped for Lambda code, which has no aws-cdk-lib.
 */

/**
 * S3 object keys are at most 1,024 bytes of UTF-8, prefix included ("Naming Amazon S3 objects",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html).
 */
export const MAX_OBJECT_KEY_BYTES = 1024;

/**
 * The longest Object Lock retention the writer sends, in days (100 years). A sanity bound rather than an S3 limit:
 * it keeps the retain-until date a valid timestamp, and catches a typo before it locks objects for good — in
 * COMPLIANCE mode no user, root included, can shorten a retention period ("Locking objects with Object Lock",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html).
 */
export const MAX_RETENTION_DAYS = 36500;

/** A Lambda environment variable name starts with a letter and has letters, digits and underscores only. */
export const ENVIRONMENT_PREFIX_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

/** The number of bytes of the UTF-8 encoding of `text` (a lone surrogate counts as the 3-byte replacement character). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/**
 * Control characters (Unicode Cc: C0, DEL, C1) and format characters (Cf: bidi overrides and isolates, marks,
 * zero-width characters, the byte-order mark). "Naming Amazon S3 objects" lists ASCII 0–31 and 127 among the
 * characters that need special handling (XML listings, consoles, logs); the format characters are invisible, and
 * a bidi control makes a key read differently from what it is (the prefix in a policy, the key in a log).
 */
const INVISIBLE_CHARACTER = /[\p{Cc}\p{Cf}]/u;

/** A UTF-16 surrogate without its pair: it has no UTF-8 encoding, so the SDK cannot send it. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why `text` cannot be part of an object key the writer's policies scope, or undefined. Checks what matters in
 * any part of a key: invisible characters, lone surrogates, and `.` or `..` path segments. Consoles, SDK transfer
 * utilities and file-system style tools treat keys as paths and resolve those segments, so the object they read or
 * write is not the one the policy names — and `..` is the classic way out of a prefix.
 */
export function keyTextProblem(text: string): string | undefined {
  const invisible = INVISIBLE_CHARACTER.exec(text);
  if (invisible) {
    return `${quote(text)} contains the invisible character ${codePoint(invisible[0])} at index ${invisible.index}.`;
  }
  if (LONE_SURROGATE.test(text)) {
    return `${quote(text)} contains a lone UTF-16 surrogate, which has no UTF-8 encoding.`;
  }
  const step = text.split('/').find((segment) => segment === '.' || segment === '..');
  if (step !== undefined) {
    return `${quote(text)} has a '${step}' path segment, which path-aware tools resolve, so the key would not stay what the policy names.`;
  }
  return undefined;
}

/** `what is it` for a value of the wrong type: 'null', 'an array', 'a number', … */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** `U+202E`. */
export function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The text quoted for a message, with invisible characters escaped (so the message shows them) and long text cut. */
export function quote(text: string): string {
  const shown = text.length > 60 ? `${text.slice(0, 40)}…` : text;
  const escaped = shown.replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, (c) => SHORT_ESCAPES[c] ?? `\\u{${c.codePointAt(0)!.toString(16)}}`);
  return `'${escaped}'`;
}
