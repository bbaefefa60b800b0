import { NULL_OPERATOR } from './null/Null';
import { ComparisonOperator } from './operator';
import { COMPARISON_OPERATORS, findOperator } from './operators';

/** `ForAnyValue:` / `ForAllValues:`, the set operators for multivalued keys. */
export type SetQualifier = 'ForAnyValue' | 'ForAllValues';

export interface ParsedOperator {
  readonly set?: SetQualifier;
  /** `…IfExists`: true when the key is absent, otherwise as the base operator. */
  readonly ifExists: boolean;
  readonly base: ComparisonOperator | typeof NULL_OPERATOR;
}

const SET_QUALIFIERS: readonly SetQualifier[] = ['ForAnyValue', 'ForAllValues'];
const IF_EXISTS = 'IfExists';

/**
 * Read an operator name: `[ForAnyValue:|ForAllValues:]Base[IfExists]`, or `Null` alone. Names are case-sensitive:
 * IAM rejects a policy with `stringEquals` (MalformedPolicyDocument "Invalid Condition type"), so a miscased name is
 * reported, never silently evaluated.
 */
export function parseOperator(name: string): ParsedOperator | { readonly problem: string } {
  const exact = parseExact(name);
  if (exact) return exact;
  const respelled = respell(name);
  const hint = respelled !== undefined && parseExact(respelled)
    ? `: operator names are case-sensitive and IAM rejects this one as an invalid Condition type; AWS spells it '${respelled}'`
    : '';
  return { problem: `unsupported operator '${name}'${hint}` };
}

function parseExact(name: string): ParsedOperator | undefined {
  let rest = name;
  let set: SetQualifier | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    set = SET_QUALIFIERS.find((q) => q === rest.slice(0, colon));
    if (!set) return undefined;
    rest = rest.slice(colon + 1);
  }
  // Null is a presence test: it takes neither a set qualifier nor IfExists.
  if (rest === NULL_OPERATOR) return set ? undefined : { ifExists: false, base: NULL_OPERATOR };
  const ifExists = rest.endsWith(IF_EXISTS);
  const base = findOperator(ifExists ? rest.slice(0, -IF_EXISTS.length) : rest);
  return base ? { set, ifExists, base } : undefined;
}

/** The same name with each piece in AWS's spelling, if every piece is a known one in another case. */
function respell(name: string): string | undefined {
  const lower = name.toLowerCase();
  const colon = lower.indexOf(':');
  const prefix = colon >= 0 ? SET_QUALIFIERS.find((q) => q.toLowerCase() === lower.slice(0, colon)) : '';
  if (prefix === undefined) return undefined;
  let rest = colon >= 0 ? lower.slice(colon + 1) : lower;
  const suffix = rest.endsWith(IF_EXISTS.toLowerCase()) && rest !== IF_EXISTS.toLowerCase() ? IF_EXISTS : '';
  if (suffix) rest = rest.slice(0, -IF_EXISTS.length);
  const base = [...COMPARISON_OPERATORS.map((op) => op.name), NULL_OPERATOR].find((n) => n.toLowerCase() === rest);
  if (base === undefined) return undefined;
  return `${prefix ? prefix + ':' : ''}${base}${suffix}`;
}
