import { Policy, PolicySet } from '../../iam/model';
import { AnalysisEnvironment } from '../input';
import { organizationPolicies } from './organization-policies';
import { wildcardBucketOf } from '../findings/wildcard-grants';
import { PolicyRegistry } from '../model/policy-registry';
import { BucketModel, KeyModel, RoleModel } from '../model/types';

/**
 * The policies an S3 request from a principal of the app (a role, or an IAM user) to the bucket is evaluated against.
 * Lambda passes no session policy.
 */
export function s3PolicySet(principal: Pick<RoleModel, 'identity' | 'boundary'>, bucket: BucketModel, environment: AnalysisEnvironment,
  registry: PolicyRegistry): PolicySet {
  return {
    identity: principal.identity.map((d) => registry.policy(d)),
    resource: bucket.policy ? registry.policy(bucket.policy) : undefined,
    resourceKind: 'default',
    permissionsBoundary: principal.boundary ? registry.policy(principal.boundary) : undefined,
    serviceControlPolicies: organizationPolicies(environment.serviceControlPolicies, 'SCP', registry),
    resourceControlPolicies: organizationPolicies(environment.resourceControlPolicies, 'RCP', registry),
  };
}

/** The KMS call: the key policy composes the KMS way; RCPs do not apply to AWS managed keys (KMS developer guide). */
export function kmsPolicySet(role: RoleModel, key: KeyModel, environment: AnalysisEnvironment, registry: PolicyRegistry): PolicySet {
  return {
    identity: role.identity.map((d) => registry.policy(d)),
    resource: registry.policy(key.policy),
    resourceKind: 'kms',
    permissionsBoundary: role.boundary ? registry.policy(role.boundary) : undefined,
    serviceControlPolicies: organizationPolicies(environment.serviceControlPolicies, 'SCP', registry),
    resourceControlPolicies: key.awsManaged ? undefined : organizationPolicies(environment.resourceControlPolicies, 'RCP', registry),
  };
}

const wildcardViews = new WeakMap<Policy, Policy>();

/**
 * The identity policies with only the statements that can give a wildcard-bucket note (findings/wildcard-grants.ts):
 * readable Allows with a Resource entry whose bucket is a wildcard. Position for position, so each still pairs with
 * its document; each view is built once per policy, so the note costs a write nothing when the role names its
 * buckets exactly, instead of a pass over every statement of the role per write.
 */
export function wildcardGrantViews(policies: readonly Policy[]): Policy[] {
  return policies.map((policy) => {
    let view = wildcardViews.get(policy);
    if (!view) {
      const statements = policy.statements.filter((s) => s.malformed === undefined && s.effect === 'Allow'
        && (s.resource ?? []).some((r) => wildcardBucketOf(r) !== undefined));
      view = statements.length === policy.statements.length ? policy : { ...policy, statements };
      wildcardViews.set(policy, view);
    }
    return view;
  });
}
