import { globMatch } from '../../match/glob';
import { ComparisonOperator } from '../operator';

/** StringEquals: exact, case-sensitive match; `*` and `?` are literal characters. */
export const StringEquals: ComparisonOperator = {
  name: 'StringEquals',
  family: 'string',
  negated: false,
  policyVariables: true,
  matches: (policyValue, requestValue) => globMatch(policyValue, requestValue, { wildcards: false }),
};
