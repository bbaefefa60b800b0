import { keysOfIntent, RoleScope } from './excess';
import { TagReliance } from './types';
import { Policy } from '../../iam/model';
import { kmsPolicySet, s3PolicySet } from '../decide/policy-sets';
import { WriteIntent } from '../intents/types';
import { BucketModel } from '../model/types';
import { keysReadBy, policiesOf, policyClauses } from '../request/policy-clauses';

/**
 * The tags a write's authorization reads (attribute-based access control: IAM User Guide, "Define permissions based
 * on attributes with ABAC authorization", https://docs.aws.amazon.com/IAM/latest/UserGuide/introduction_attribute-based-access-control.html),
 * and whether each is there: the role's tags (`aws:PrincipalTag/*`), the bucket's (`aws:ResourceTag/*`,
 * `s3:BucketTag/*`, read by S3 only with ABAC on), the request's (`s3:RequestObjectTag/*`, `aws:RequestTag/*`), the
 * existing object's (`s3:ExistingObjectTag/*`). A tag change then shows up at synth as a changed verdict and here.
 */
export function tagReliance(intent: WriteIntent, scope: RoleScope): TagReliance[] {
  const bucket = intent.bucket!;
  const role = scope.role;
  const policies: Policy[] = [...policiesOf(s3PolicySet(role, bucket, scope.environment, scope.registry))];
  for (const key of keysOfIntent(intent, scope.model, scope.environment)) {
    policies.push(...policiesOf(kmsPolicySet(role, key, scope.environment, scope.registry)));
  }
  const readers = new Map<string, { key: string; readBy: Set<string> }>();
  for (const policy of policies) {
    for (const { clause } of policyClauses(policy)) {
      for (const key of keysReadBy(clause)) {
        if (tagSide(key) === undefined) continue;
        const entry = readers.get(key.toLowerCase()) ?? { key, readBy: new Set<string>() };
        entry.readBy.add(scope.registry.doc(policy.id)?.source.location ?? policy.id);
        readers.set(key.toLowerCase(), entry);
      }
    }
  }
  if (readers.size === 0) return [];
  const bucketTags = literalBucketTags(bucket);
  return [...readers.values()].map(({ key, readBy }) => {
    const on = tagSide(key)!;
    const name = key.slice(key.indexOf('/') + 1);
    const base = { key, on, readBy: [...readBy] };
    switch (on) {
      case 'principal': {
        if (role.external) return { ...base, status: 'unknown' as const };
        const value = role.tags[name];
        return value !== undefined ? { ...base, status: 'carried' as const, value } : { ...base, status: 'missing' as const };
      }
      case 'resource': {
        if (bucketTags === undefined) return { ...base, status: 'unknown' as const };
        if (!bucketTags.abac) return { ...base, status: 'missing' as const };
        const value = bucketTags.tags.get(name);
        return value !== undefined ? { ...base, status: 'carried' as const, value } : { ...base, status: 'missing' as const };
      }
      case 'request': {
        const tags = intent.profile.tags;
        const value = tags && Object.prototype.hasOwnProperty.call(tags, name) ? tags[name] : undefined;
        if (value !== undefined) return { ...base, status: 'carried' as const, value };
        // S3 object writes carry their tags in s3:RequestObjectTag; aws:RequestTag is for tagging AWS resources.
        return { ...base, status: intent.profileExact ? 'missing' as const : 'unknown' as const };
      }
      default:
        return { ...base, status: 'unknown' as const };
    }
  });
}

/**
 * The bucket's tags as S3 puts them in the request context: only with ABAC on (`AbacStatus: Enabled`; S3 User Guide,
 * "Using tags for attribute-based access control (ABAC)", https://docs.aws.amazon.com/AmazonS3/latest/userguide/buckets-tagging-enable-abac.html),
 * read from the template as written. Undefined when the template does not fix them (a token, a bucket outside the app).
 */
function literalBucketTags(bucket: BucketModel): { abac: boolean; tags: Map<string, string> } | undefined {
  const raw = bucket.entry?.raw as { Properties?: Record<string, unknown> } | undefined;
  if (!raw || bucket.external) return undefined;
  const props = raw.Properties ?? {};
  const status = props.AbacStatus;
  if (status !== undefined && typeof status !== 'string') return undefined;
  const tags = new Map<string, string>();
  const list = props.Tags;
  if (list !== undefined && !Array.isArray(list)) return undefined;
  for (const t of (list ?? []) as { Key?: unknown; Value?: unknown }[]) {
    if (typeof t?.Key !== 'string' || typeof t?.Value !== 'string') return undefined;
    tags.set(t.Key, t.Value);
  }
  return { abac: status === 'Enabled', tags };
}

function tagSide(key: string): TagReliance['on'] | undefined {
  const k = key.toLowerCase();
  if (k.startsWith('aws:principaltag/')) return 'principal';
  if (k.startsWith('aws:resourcetag/') || k.startsWith('s3:buckettag/')) return 'resource';
  if (k.startsWith('aws:requesttag/') || k.startsWith('s3:requestobjecttag/')) return 'request';
  if (k.startsWith('s3:existingobjecttag/')) return 'object';
  return undefined;
}
