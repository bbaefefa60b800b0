import { ComparisonOperator, compareParsed } from '../operator';
import { base64Problem, decodeBase64 } from './base64';

/** BinaryEquals: byte-for-byte equality of base64-encoded values. */
export const BinaryEquals: ComparisonOperator = {
  name: 'BinaryEquals',
  family: 'binary',
  negated: false,
  policyVariables: false,
  policyProblem: base64Problem,
  requestProblem: base64Problem,
  matches: (policyValue, requestValue) =>
    compareParsed(decodeBase64(policyValue), decodeBase64(requestValue), (policy, request) => policy.equals(request)),
};
