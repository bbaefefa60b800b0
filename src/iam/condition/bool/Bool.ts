import { stripLiteralMarkers } from '../../match/glob';
import { ComparisonOperator, compareParsed, firstProblem, symbolicProblem } from '../operator';

/** 'true'/'false' in any case; anything else is not a boolean. */
function parseBool(text: string): boolean | undefined {
  const folded = stripLiteralMarkers(text).toLowerCase();
  if (folded === 'true') return true;
  if (folded === 'false') return false;
  return undefined;
}

function boolProblem(value: string): string | undefined {
  return firstProblem(value, symbolicProblem, (v) => (parseBool(v) === undefined ? `'${v}' is not true or false` : undefined));
}

/**
 * Bool: the request value and the policy value are the same boolean. Policy variables are supported (IAM condition
 * operators, Boolean: "Policy variables – Supported").
 */
export const Bool: ComparisonOperator = {
  name: 'Bool',
  family: 'bool',
  negated: false,
  policyVariables: true,
  policyProblem: boolProblem,
  requestProblem: boolProblem,
  matches: (policyValue, requestValue) =>
    compareParsed(parseBool(policyValue), parseBool(requestValue), (policy, request) => policy === request),
};
