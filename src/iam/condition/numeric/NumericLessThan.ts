import { ComparisonOperator, compareParsed } from '../operator';
import { compareDecimals, numericProblem, parseDecimal } from './decimal';

/** NumericLessThan: the request value is less than the policy value. */
export const NumericLessThan: ComparisonOperator = {
  name: 'NumericLessThan',
  family: 'numeric',
  negated: false,
  policyVariables: false,
  policyProblem: numericProblem,
  requestProblem: numericProblem,
  matches: (policyValue, requestValue) =>
    compareParsed(parseDecimal(policyValue), parseDecimal(requestValue), (policy, request) => compareDecimals(request, policy) < 0),
};
