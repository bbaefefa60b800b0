import { ComparisonOperator, compareParsed } from '../operator';
import { compareDecimals, numericProblem, parseDecimal } from './decimal';

/** NumericEquals: the request value equals the policy value. */
export const NumericEquals: ComparisonOperator = {
  name: 'NumericEquals',
  family: 'numeric',
  negated: false,
  policyVariables: false,
  policyProblem: numericProblem,
  requestProblem: numericProblem,
  matches: (policyValue, requestValue) =>
    compareParsed(parseDecimal(policyValue), parseDecimal(requestValue), (policy, request) => compareDecimals(request, policy) === 0),
};
