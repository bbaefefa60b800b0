import { Layer } from '../model';
import { and, FALSE, or } from '../tri';
import { LayerVerdicts } from './layers';
import { failingLimiters, principalLimits } from './limits';
import { DIRECT_GRANTS, firstGranting, grantingStatements, PathResult } from './path';

/**
 * A KMS key in the principal's own account (KMS "Key policies in AWS KMS", "Default key policy: allows access
 * to the AWS account and enables IAM policies"). Unlike other resource policies, an identity-policy Allow alone
 * never suffices: the key policy must allow the principal itself, or name the account (`arn:aws:iam::A:root`)
 * for the action, which is what lets IAM policies grant it. The role-ARN rule (IAM "Policy evaluation
 * logic", "Permissions boundaries for IAM entities") applies as elsewhere.
 */
export function kmsSameAccountPath(v: LayerVerdicts): PathResult {
  const limits = principalLimits(v);
  const direct = or(...DIRECT_GRANTS.map((k) => v.resource.grants[k]));
  const viaRole = and(v.resource.grants.role, limits);
  const delegates = v.resource.grants.account;
  const viaIdentity = and(delegates, v.identity.allow, limits);
  const allow = or(direct, viaRole, viaIdentity);

  const blockedBy: Layer[] = [];
  if (allow === FALSE) {
    const keyNamesPrincipal = or(direct, v.resource.grants.role);
    if (keyNamesPrincipal === FALSE && delegates === FALSE) blockedBy.push('resource');
    else if (keyNamesPrincipal === FALSE && v.identity.allow === FALSE) blockedBy.push('identity');
    blockedBy.push(...failingLimiters(v));
  }
  const grantedBy = firstGranting([
    { allow: direct, statements: () => grantingStatements(v.resource, DIRECT_GRANTS) },
    { allow: viaRole, statements: () => grantingStatements(v.resource, ['role']) },
    { allow: viaIdentity, statements: () => [...grantingStatements(v.resource, ['account']), ...grantingStatements(v.identity)] },
  ]);
  return { allow, blockedBy, grantedBy };
}
