import { WriteIntent } from './types';
import { globMatch } from '../../iam/match/glob';
import { isRecord } from '../cfn/assembly-index';
import { BucketModel, FunctionModel, PolicyDoc, RoleModel } from '../model/types';

/**
 * Intents inferred from identity policies: an Allow of `s3:PutObject` (`s3:*` and `s3:Put*` included) whose
 * resource names a bucket of the app means the developer meant the function to write there. `Resource: "*"`
 * and `arn:aws:s3:::*` name no particular bucket and infer nothing. The key pattern comes from the resource;
 * a statement on the bucket ARN alone still counts (with pattern `*`), so that the mistake is reported.
 */
export function inferredIntents(fn: FunctionModel, buckets: readonly BucketModel[]): WriteIntent[] {
  if (!fn.role) return [];
  const patterns = new Map<BucketModel, string[]>();
  for (const doc of fn.role.identity) {
    for (const resource of putObjectResources(doc)) {
      for (const bucket of buckets) {
        const pattern = patternWithin(resource, bucket);
        if (pattern === undefined) continue;
        const list = patterns.get(bucket) ?? [];
        list.push(pattern);
        patterns.set(bucket, list);
      }
    }
  }
  return [...patterns.entries()].map(([bucket, list]) => ({
    source: 'inferred',
    fn,
    bucket,
    bucketLabel: bucket.display,
    // Prefer an object-level pattern; the bucket ARN alone yields `*` (and the finding explains it).
    keyPattern: list.find((p) => p !== '') ?? '*',
    profile: {},
    profileExact: false,
  }));
}

/** Resources of Allow statements whose actions include s3:PutObject. */
function putObjectResources(doc: PolicyDoc): string[] {
  const statements = isRecord(doc.document) ? doc.document.Statement : undefined;
  const list = Array.isArray(statements) ? statements : isRecord(statements) ? [statements] : [];
  const out: string[] = [];
  for (const s of list) {
    if (!isRecord(s) || s.Effect !== 'Allow') continue;
    const actions = typeof s.Action === 'string' ? [s.Action] : Array.isArray(s.Action) ? s.Action : [];
    const putsObjects = actions.some((a) => typeof a === 'string' && safeGlob(a, 's3:PutObject') === 'true');
    if (!putsObjects) continue;
    const resources = typeof s.Resource === 'string' ? [s.Resource] : Array.isArray(s.Resource) ? s.Resource : [];
    out.push(...resources.filter((r): r is string => typeof r === 'string'));
  }
  return out;
}

function safeGlob(pattern: string, value: string) {
  try {
    return globMatch(pattern, value, { ignoreCase: true, wildcards: true });
  } catch {
    return 'unknown';
  }
}

/** '' for the bucket ARN itself, the key pattern for `<bucketArn>/<pattern>`, undefined for another bucket. */
function patternWithin(resource: string, bucket: BucketModel): string | undefined {
  if (resource === bucket.arn) return '';
  if (resource.startsWith(`${bucket.arn}/`)) return resource.slice(bucket.arn.length + 1);
  return undefined;
}

/**
 * For each bucket, the roles whose identity policies allow s3:PutObject on some resource of it — computed once
 * per app (it answers "the function runs as another role than the one granted" for every finding).
 */
export function rolesReachingBuckets(roles: readonly RoleModel[], buckets: readonly BucketModel[]): Map<BucketModel, RoleModel[]> {
  const reach = new Map<BucketModel, RoleModel[]>();
  for (const role of roles) {
    const resources = role.identity.flatMap(putObjectResources);
    for (const bucket of buckets) {
      if (!resources.some((r) => patternWithin(r, bucket) !== undefined)) continue;
      const list = reach.get(bucket) ?? [];
      list.push(role);
      reach.set(bucket, list);
    }
  }
  return reach;
}
