import { ComparisonOperator } from '../operator';
import { arnMatches, arnPolicyProblem } from './arn-match';

/** ArnLike: case-sensitive match of the six ARN parts, each with `*`/`?` wildcards. */
export const ArnLike: ComparisonOperator = {
  name: 'ArnLike',
  family: 'arn',
  negated: false,
  policyVariables: true,
  policyProblem: arnPolicyProblem,
  matches: arnMatches,
};
