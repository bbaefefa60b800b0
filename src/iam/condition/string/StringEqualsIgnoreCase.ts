import { globMatch } from '../../match/glob';
import { ComparisonOperator } from '../operator';

/** StringEqualsIgnoreCase: exact match, ignoring case; `*` and `?` are literal characters. */
export const StringEqualsIgnoreCase: ComparisonOperator = {
  name: 'StringEqualsIgnoreCase',
  family: 'string',
  negated: false,
  policyVariables: true,
  matches: (policyValue, requestValue) => globMatch(policyValue, requestValue, { wildcards: false, ignoreCase: true }),
};
