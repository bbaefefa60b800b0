import { Policy, PolicySet } from '../../iam/model';
import { AnalysisEnvironment } from '../input';
import { organizationPolicies } from './organization-policies';
import { wildcardBucketOf } from '../findings/wildcard-grants';
import { PolicyRegistry } from '../model/policy-registry';
import { BucketModel, KeyModel, PolicyDoc, RoleModel } from '../model/types';

/**
 * The policies an S3 request from a principal of the app (a role, or an IAM user) to the bucket is evaluated against.
 * Lambda passes no session policy.
 */
export function s3PolicySet(principal: Pick<RoleModel, 'identity' | 'boundary'>, bucket: BucketModel, environment: AnalysisEnvironment,
  registry: PolicyRegistry): PolicySet {
  // One set object per principal, bucket policy and registry: what is read of a set is kept per set object (the keys
  // its conditions read, its shape), and a role is asked about each of its buckets several times — all the buckets
  // without a policy with the same set.
  let byPrincipal = s3Sets.get(registry);
  if (!byPrincipal) s3Sets.set(registry, byPrincipal = new WeakMap());
  let byBucketPolicy = byPrincipal.get(principal);
  if (!byBucketPolicy) byPrincipal.set(principal, byBucketPolicy = new Map());
  const kept = byBucketPolicy.get(bucket.policy);
  if (kept?.environment === environment) return kept.set;
  const set = newS3PolicySet(principal, bucket, environment, registry);
  byBucketPolicy.set(bucket.policy, { environment, set });
  return set;
}

const s3Sets = new WeakMap<PolicyRegistry, WeakMap<object, Map<PolicyDoc | undefined, { environment: AnalysisEnvironment; set: PolicySet }>>>();

function newS3PolicySet(principal: Pick<RoleModel, 'identity' | 'boundary'>, bucket: BucketModel, environment: AnalysisEnvironment,
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
