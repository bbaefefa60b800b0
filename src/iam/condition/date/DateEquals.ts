import { ComparisonOperator, compareParsed } from '../operator';
import { dateProblem, parseInstant } from './instant';

/** DateEquals: the request date is the same instant as the policy date. */
export const DateEquals: ComparisonOperator = {
  name: 'DateEquals',
  family: 'date',
  negated: false,
  policyVariables: false,
  policyProblem: dateProblem,
  requestProblem: dateProblem,
  matches: (policyValue, requestValue) =>
    compareParsed(parseInstant(policyValue), parseInstant(requestValue), (policy, request) => request === policy),
};
