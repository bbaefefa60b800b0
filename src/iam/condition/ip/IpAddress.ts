import { ComparisonOperator, compareParsed } from '../operator';
import { addressProblem, cidrProblem, networkContains, parseNetwork } from './cidr';

/** IpAddress: the request address lies in the policy's CIDR block (a bare policy address is a /32 or /128). */
export const IpAddress: ComparisonOperator = {
  name: 'IpAddress',
  family: 'ip',
  negated: false,
  policyVariables: false,
  policyProblem: cidrProblem,
  requestProblem: addressProblem,
  matches: (policyValue, requestValue) =>
    compareParsed(parseNetwork(policyValue, true), parseNetwork(requestValue, false), networkContains),
};
