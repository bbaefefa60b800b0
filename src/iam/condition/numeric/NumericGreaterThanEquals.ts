import { ComparisonOperator, compareParsed } from '../operator';
import { compareDecimals, numericProblem, parseDecimal } from './decimal';

/** NumericGreaterThanEquals: the request value is greater than or equal to the policy value. */
export const NumericGreaterThanEquals: ComparisonOperator = {
  name: 'NumericGreaterThanEquals',
  family: 'numeric',
  negated: false,
  policyVariables: false,
  policyProblem: numericProblem,
  requestProblem: numericProblem,
  matches: (policyValue, requestValue) =>
    compareParsed(parseDecimal(policyValue), parseDecimal(requestValue), (policy, request) => compareDecimals(request, policy) >= 0),
};
