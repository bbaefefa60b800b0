import { ComparisonOperator, compareParsed } from '../operator';
import { dateProblem, parseInstant } from './instant';

/** DateGreaterThan: the request date is after the policy date. */
export const DateGreaterThan: ComparisonOperator = {
  name: 'DateGreaterThan',
  family: 'date',
  negated: false,
  policyVariables: false,
  policyProblem: dateProblem,
  requestProblem: dateProblem,
  matches: (policyValue, requestValue) =>
    compareParsed(parseInstant(policyValue), parseInstant(requestValue), (policy, request) => request > policy),
};
