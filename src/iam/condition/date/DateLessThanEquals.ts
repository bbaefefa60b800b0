import { ComparisonOperator, compareParsed } from '../operator';
import { dateProblem, parseInstant } from './instant';

/** DateLessThanEquals: the request date is at or before the policy date. */
export const DateLessThanEquals: ComparisonOperator = {
  name: 'DateLessThanEquals',
  family: 'date',
  negated: false,
  policyVariables: false,
  policyProblem: dateProblem,
  requestProblem: dateProblem,
  matches: (policyValue, requestValue) =>
    compareParsed(parseInstant(policyValue), parseInstant(requestValue), (policy, request) => request <= policy),
};
