import { globMatch } from '../../match/glob';
import { ComparisonOperator } from '../operator';

/** StringLike: case-sensitive match with `*` (any run, `/` included) and `?` (one character) anywhere. */
export const StringLike: ComparisonOperator = {
  name: 'StringLike',
  family: 'string',
  negated: false,
  policyVariables: true,
  matches: (policyValue, requestValue) => globMatch(policyValue, requestValue, { wildcards: true }),
};
