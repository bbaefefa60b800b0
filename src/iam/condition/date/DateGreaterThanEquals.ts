import { ComparisonOperator, compareParsed } from '../operator';
import { dateProblem, parseInstant } from './instant';

/** DateGreaterThanEquals: the request date is at or after the policy date. */
export const DateGreaterThanEquals: ComparisonOperator = {
  name: 'DateGreaterThanEquals',
  family: 'date',
  negated: false,
  policyVariables: false,
  policyProblem: dateProblem,
  requestProblem: dateProblem,
  matches: (policyValue, requestValue) =>
    compareParsed(parseInstant(policyValue), parseInstant(requestValue), (policy, request) => request >= policy),
};
