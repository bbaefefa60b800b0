import { Layer } from '../model';
import { and, FALSE, or } from '../tri';
import { LayerVerdicts } from './layers';
import { failingLimiters, principalLimits } from './limits';
import { DIRECT_GRANTS, firstGranting, grantingStatements, PathResult } from './path';

/**
 * Principal and resource in one account (IAM "Policy evaluation logic" and "Cross-account policy evaluation
 * logic"): identity-based and resource-based Allows form a union, and which limits a resource-policy Allow
 * escapes depends on the principal it names (the role-ARN rule, IAM User Guide:
 * "Policy evaluation logic" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html);
 * "Permissions boundaries for IAM entities" (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html)):
 * - `*`, the session ARN, a user ARN, a service: grants by itself, boundary and session policy do not limit it;
 * - the role ARN: grants, but the permissions boundary and session policy still must allow;
 * - the account (`arn:aws:iam::A:root`, `A`): delegates to the account's identity policies, which must allow.
 */
export function sameAccountPath(v: LayerVerdicts): PathResult {
  const limits = principalLimits(v);
  const direct = or(...DIRECT_GRANTS.map((k) => v.resource.grants[k]));
  const viaRole = and(v.resource.grants.role, limits);
  const viaIdentity = and(v.identity.allow, limits);
  const allow = or(direct, viaRole, viaIdentity);

  const blockedBy: Layer[] = [];
  if (allow === FALSE) {
    if (v.identity.allow === FALSE && v.resource.grants.role === FALSE) blockedBy.push('identity');
    blockedBy.push(...failingLimiters(v));
  }
  const grantedBy = firstGranting([
    { allow: direct, statements: () => grantingStatements(v.resource, DIRECT_GRANTS) },
    { allow: viaRole, statements: () => grantingStatements(v.resource, ['role']) },
    { allow: viaIdentity, statements: () => grantingStatements(v.identity) },
  ]);
  return { allow, blockedBy, grantedBy };
}
