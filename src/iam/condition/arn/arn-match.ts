import { globMatch, literalColonCount } from '../../match/glob';
import { describeSymbolic, isSymbolic } from '../../symbolic';
import { FALSE, Tri } from '../../tri';

/**
 * ARN comparison for the ARN condition operators: "Each of the six colon-delimited components of the ARN is checked
 * separately and each can include multi-character match wildcards (*) or single-character match wildcards (?)"
 * (IAM condition operators, ARN). Case-sensitive. The resource part (after the fifth colon) may itself hold colons.
 */

/**
 * A policy value with fewer than five colons is not an ARN. What AWS does with one (`"ArnLike": {"k": "*"}`) is not
 * documented, so it is not guessed. A value with atoms may be a whole ARN (an ARN parameter), so it is not judged.
 */
export function arnPolicyProblem(value: string): string | undefined {
  if (isSymbolic(value) || literalColonCount(value) >= 5) return undefined;
  return `'${describeSymbolic(value)}' is not an ARN (six colon-separated parts): AWS's reading of it is undocumented`;
}

export function arnMatches(policyValue: string, requestValue: string): Tri {
  // A request value that is not an ARN has no six parts to compare.
  if (!isSymbolic(requestValue) && literalColonCount(requestValue) < 5) return FALSE;
  return globMatch(policyValue, requestValue, { wildcards: true, arnSegments: true });
}
