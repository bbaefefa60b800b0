/**
 * Policy elements accept a single value or an array of values almost everywhere ("Action": "s3:GetObject" and
 * "Action": ["s3:GetObject"] mean the same). These helpers turn either form into a list, and say what was wrong
 * instead of throwing when the JSON has another shape.
 */

/** A list of strings, or the reason the element could not be read as one. */
export type StringListResult = { readonly values: string[] } | { readonly error: string };

/**
 * Read a string or an array of strings. With `stringifyScalars`, numbers and booleans are accepted and written as
 * strings (condition values such as `"aws:SecureTransport": false`, account IDs written as numbers).
 */
export function readStringList(value: unknown, element: string, stringifyScalars = false): StringListResult {
  const items = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && value.length === 0) return { error: `${element} is an empty list` };
  const values: string[] = [];
  for (const item of items) {
    if (typeof item === 'string') {
      values.push(item);
    } else if (stringifyScalars && (typeof item === 'number' || typeof item === 'boolean')) {
      values.push(String(item));
    } else {
      return { error: `${element} has a value that is not a string: ${describeJson(item)}` };
    }
  }
  return { values };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A short rendering of a JSON value for messages (CloudFormation intrinsics show up here as objects). Never
 * throws and never recurses deeply: cyclic, very deep, BigInt-holding or prototype-less values get a shape
 * description instead.
 */
export function describeJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) text = describeShape(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function describeShape(value: unknown): string {
  if (Array.isArray(value)) return `a list of ${value.length} values`;
  if (typeof value === 'object' && value !== null) return 'an object';
  if (typeof value === 'bigint') return `${value.toString()}n`;
  if (typeof value === 'symbol') return value.toString();
  return typeof value;
}
