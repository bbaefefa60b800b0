import { isUnknownValue, lookupContext } from '../../iam/context';
import { ContextValue } from '../../iam/model';
import { AnalysisEnvironment } from '../input';

/**
 * Keys about the resource's owner (IAM User Guide, "AWS global condition context keys"):
 * - `aws:ResourceAccount` "is always included in the request context for most service actions" (S3 and KMS among
 *   them), so a data-perimeter Deny (`StringNotEquals aws:ResourceAccount`) must see the owner's account, never an
 *   absent key that makes the negated operator true;
 * - `aws:ResourceOrgID` / `aws:ResourceOrgPaths` are "included only if the account that owns the resource is a
 *   member of an organization". `organizationId` is the organisation of the app's accounts, so it gives the ID of a
 *   resource the app owns; the OU path, and anything about an account outside the app, is unknown.
 */
export function resourceOwnerContext(account: string, appOwnsIt: boolean, environment: AnalysisEnvironment): Record<string, ContextValue> {
  const orgId: ContextValue = appOwnsIt && environment.organizationId !== undefined
    ? environment.organizationId
    : {
      unknown: appOwnsIt
        ? 'the organization ID is not given: set `organizationId`'
        : 'the resource belongs to an account outside the app, whose organization (if any) `organizationId` does not say',
      mayBeAbsent: true,
    };
  return {
    'aws:ResourceAccount': account,
    'aws:ResourceOrgID': orgId,
    'aws:ResourceOrgPaths': {
      unknown: 'organization paths of the resource\'s account are not given (they depend on `organizationId` and the OU tree)',
      mayBeAbsent: true,
    },
  };
}

/**
 * Through a VPC endpoint, AWS adds `aws:VpceAccount`, `aws:VpceOrgID` and `aws:VpceOrgPaths` (the endpoint owner's
 * account and organisation; AWS Security Blog, "Use scalable controls to help prevent access from unexpected
 * networks", S3 among the supporting services). The templates do not say who owns the endpoint (a shared VPC may
 * belong to another account), so they are unknown — present whenever `aws:SourceVpce` is, never silently absent,
 * which would make a `StringNotEquals aws:VpceOrgID` Deny fire.
 */
export function vpcEndpointOwnerContext(context: Readonly<Record<string, ContextValue>>, organizationId?: string): Record<string, ContextValue> {
  const sourceVpce = lookupContext(context, 'aws:SourceVpce');
  if (sourceVpce === undefined) return {};
  const maybeNoEndpoint = isUnknownValue(sourceVpce) && sourceVpce.mayBeAbsent === true;
  // An endpoint of the app: the network gate has set its owner's account, one of the app's accounts, whose
  // organization is `organizationId`.
  const known = lookupContext(context, 'aws:VpceAccount');
  if (typeof known === 'string') {
    return {
      'aws:VpceOrgID': organizationId ?? { unknown: 'the organization ID is not given: set `organizationId`', mayBeAbsent: true },
      'aws:VpceOrgPaths': { unknown: 'organization paths of the endpoint\'s account are not given', mayBeAbsent: true },
    };
  }
  const owner = 'the account that owns the VPC endpoint the request passes through (not in the templates)';
  return {
    'aws:VpceAccount': { unknown: owner, ...(maybeNoEndpoint ? { mayBeAbsent: true } : {}) },
    'aws:VpceOrgID': { unknown: `the organization of ${owner}, if it is in one`, mayBeAbsent: true },
    'aws:VpceOrgPaths': { unknown: `the organization paths of ${owner}, if it is in an organization`, mayBeAbsent: true },
  };
}

/** Whether a resource's owner is one of the app's accounts: app resources, or an account the principal shares. */
export function ownedByTheApp(resourceAccount: string, principalAccount: string, resourceIsExternal: boolean): boolean {
  return !resourceIsExternal || resourceAccount === principalAccount;
}
