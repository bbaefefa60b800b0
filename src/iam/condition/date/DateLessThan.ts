import { ComparisonOperator, compareParsed } from '../operator';
import { dateProblem, parseInstant } from './instant';

/** DateLessThan: the request date is before the policy date. */
export const DateLessThan: ComparisonOperator = {
  name: 'DateLessThan',
  family: 'date',
  negated: false,
  policyVariables: false,
  policyProblem: dateProblem,
  requestProblem: dateProblem,
  matches: (policyValue, requestValue) =>
    compareParsed(parseInstant(policyValue), parseInstant(requestValue), (policy, request) => request < policy),
};
