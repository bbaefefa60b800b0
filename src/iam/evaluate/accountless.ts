import { GRANT_KINDS } from '../match/principal';
import { RequestPrincipal } from '../model';
import { FALSE, or, TRUE } from '../tri';
import { LayerVerdicts } from './layers';
import { grantingStatements, PathResult } from './path';

/**
 * A caller that belongs to no account: an anonymous request (IAM User Guide, "AWS JSON policy elements: Principal",
 * anonymous access: `"Principal": "*"`), or an AWS service principal acting on its own behalf (S3 server access
 * logging, CloudTrail delivery; "AWS service principals"). Neither has identity policies, a permissions boundary or
 * a session policy, and service control policies do not apply to it: "SCPs affect only IAM users and roles that are
 * managed by accounts that are part of the organization … They also don't affect users or roles from accounts
 * outside the organization" (AWS Organizations User Guide, "Service control policies (SCPs)",
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html). RCPs and VPC endpoint
 * policies still apply (they are the resource's and the network's). The resource-based policy alone decides.
 */
export function isAccountless(principal: RequestPrincipal): boolean {
  return principal.kind === 'Anonymous' || principal.kind === 'Service';
}

/** The identity/resource side for an accountless caller: some statement of the resource policy must name it. */
export function resourceOnlyPath(v: LayerVerdicts): PathResult {
  const allow = or(...GRANT_KINDS.map((k) => v.resource.grants[k]));
  return {
    allow,
    blockedBy: allow === FALSE ? ['resource'] : [],
    grantedBy: allow === TRUE ? grantingStatements(v.resource, GRANT_KINDS) : [],
  };
}
