import { PolicyVersion, RequestContext } from './model';

/** The result of substituting policy variables into a policy string. */
export type Substituted =
  | { readonly value: string }
  /** A variable had no value and no default: positive operators fail, negated ones match, resources match nothing. */
  | { readonly noValue: string }
  /** A variable's value is unknown (an UnknownValue in the context). */
  | { readonly unknown: string };

/**
 * Replace `${key}`, `${key, 'default'}` and the escapes `${*}`, `${?}`, `${$}` in a policy string.
 * Version 2008-10-17 has no variables: the text is returned as it is.
 * Escaped `*` and `?` must come out as literals the glob matcher will not treat as wildcards.
 * OWNER: the iam-conditions helper implements this.
 */
export function substituteVariables(_text: string, _context: RequestContext, _version: PolicyVersion): Substituted {
  throw new Error('not implemented yet');
}
