import { isUnknownValue } from '../context';
import { ContextValue, UnknownValue } from '../model';

/** What a request holds for a key, as the operators see it. */
export type RequestShape =
  | { readonly kind: 'absent'; readonly emptySet: boolean }
  | { readonly kind: 'values'; readonly values: readonly string[]; readonly multivalued: boolean }
  | { readonly kind: 'unknown'; readonly unknown: UnknownValue };

/**
 * An empty set carries no value: it reads as an absent key. Under a set operator an empty string does too
 * ("ForAllValues ... returns true if ... the context key value resolves to a null data set, such as an empty string",
 * IAM "Single-valued vs. multivalued context keys").
 */
export function requestShape(value: ContextValue | undefined, setOperator: boolean): RequestShape {
  if (value === undefined) return { kind: 'absent', emptySet: false };
  if (isUnknownValue(value)) return { kind: 'unknown', unknown: value };
  if (typeof value === 'string') {
    if (setOperator && value === '') return { kind: 'absent', emptySet: true };
    return { kind: 'values', values: [value], multivalued: false };
  }
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    return { kind: 'unknown', unknown: { unknown: `the request context holds a malformed value (${JSON.stringify(value)})` } };
  }
  const values = value as readonly string[];
  if (values.length === 0) return { kind: 'absent', emptySet: true };
  return { kind: 'values', values, multivalued: true };
}
