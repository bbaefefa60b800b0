import { ComparisonOperator, compareParsed } from '../operator';
import { compareDecimals, numericProblem, parseDecimal } from './decimal';

/** NumericLessThanEquals: the request value is less than or equal to the policy value. */
export const NumericLessThanEquals: ComparisonOperator = {
  name: 'NumericLessThanEquals',
  family: 'numeric',
  negated: false,
  policyVariables: false,
  policyProblem: numericProblem,
  requestProblem: numericProblem,
  matches: (policyValue, requestValue) =>
    compareParsed(parseDecimal(policyValue), parseDecimal(requestValue), (policy, request) => compareDecimals(request, policy) <= 0),
};
