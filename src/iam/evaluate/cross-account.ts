import { GRANT_KINDS } from '../match/principal';
import { Layer } from '../model';
import { and, FALSE, or, TRUE } from '../tri';
import { LayerVerdicts } from './layers';
import { failingLimiters, principalLimits } from './limits';
import { grantingStatements, PathResult } from './path';

/**
 * Principal and resource in different accounts (IAM "Cross-account policy evaluation logic"): AWS evaluates
 * both sides and both must allow. The resource account's policy must name the principal, its role or its
 * account (naming the account delegates to that account's IAM policies); the principal's identity policies must
 * allow, and its boundary and session policy always limit (across accounts no resource-policy grant escapes them,
 * unlike the same-account role-ARN rule of IAM "Policy evaluation logic"). KMS key policies compose the
 * same way across accounts ("key policy AND IAM policy", KMS "Allowing users in other accounts").
 */
export function crossAccountPath(v: LayerVerdicts): PathResult {
  const resourceAllows = or(...GRANT_KINDS.map((k) => v.resource.grants[k]));
  const allow = and(resourceAllows, v.identity.allow, principalLimits(v));

  const blockedBy: Layer[] = [];
  if (allow === FALSE) {
    if (resourceAllows === FALSE) blockedBy.push('resource');
    if (v.identity.allow === FALSE) blockedBy.push('identity');
    blockedBy.push(...failingLimiters(v));
  }
  const grantedBy = allow === TRUE ? [...grantingStatements(v.resource, GRANT_KINDS), ...grantingStatements(v.identity)] : [];
  return { allow, blockedBy, grantedBy };
}
