import { ComparisonOperator, compareParsed } from '../operator';
import { compareDecimals, numericProblem, parseDecimal } from './decimal';

/** NumericGreaterThan: the request value is greater than the policy value. */
export const NumericGreaterThan: ComparisonOperator = {
  name: 'NumericGreaterThan',
  family: 'numeric',
  negated: false,
  policyVariables: false,
  policyProblem: numericProblem,
  requestProblem: numericProblem,
  matches: (policyValue, requestValue) =>
    compareParsed(parseDecimal(policyValue), parseDecimal(requestValue), (policy, request) => compareDecimals(request, policy) > 0),
};
