import { WriteIntent } from './types';
import { globMatch } from '../../iam/match/glob';
import { isRecord } from '../cfn/assembly-index';
import { BucketModel, FunctionModel, PolicyDoc, RoleModel } from '../model/types';

/**
 * Intents inferred from identity policies: an Allow of `s3:PutObject` (`s3:*` and `s3:Put*` included) whose
 * resource names a bucket of the app means the developer meant the function to write there. `Resource: "*"`
 * and `arn:aws:s3:::*` name no particular bucket and infer nothing. The key pattern comes from the resource.
 * A statement that names `s3:PutObject` itself on the bucket ARN alone still counts (with pattern `*`), so that
 * the classic mistake is reported; a wildcard action (`s3:*`, `s3:Put*`) on the bucket ARN alone infers nothing,
 * since it is how bucket-level operations (PutBucketPolicy, PutLifecycleConfiguration…) are granted, and a
 * function that only manages its bucket must not fail synth for a write it never meant to make.
 */
export function inferredIntents(fn: FunctionModel, buckets: readonly BucketModel[]): WriteIntent[] {
  if (!fn.role) return [];
  const patterns = new Map<BucketModel, string[]>();
  for (const doc of fn.role.identity) {
    for (const { resource, namesPutObject } of putObjectResources(doc)) {
      for (const bucket of buckets) {
        const pattern = patternWithin(resource, bucket);
        if (pattern === undefined || (pattern === '' && !namesPutObject)) continue;
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

interface PutObjectResource {
  readonly resource: string;
  /** The statement names `s3:PutObject` itself, not only through a wildcard. */
  readonly namesPutObject: boolean;
}

/** Resources of Allow statements whose actions include s3:PutObject. */
function putObjectResources(doc: PolicyDoc): PutObjectResource[] {
  const statements = isRecord(doc.document) ? doc.document.Statement : undefined;
  const list = Array.isArray(statements) ? statements : isRecord(statements) ? [statements] : [];
  const out: PutObjectResource[] = [];
  for (const s of list) {
    if (!isRecord(s) || s.Effect !== 'Allow') continue;
    const actions = (typeof s.Action === 'string' ? [s.Action] : Array.isArray(s.Action) ? s.Action : [])
      .filter((a): a is string => typeof a === 'string');
    const putsObjects = actions.some((a) => safeGlob(a, 's3:PutObject') === 'true');
    if (!putsObjects) continue;
    const namesPutObject = actions.some((a) => a.toLowerCase() === 's3:putobject');
    const resources = typeof s.Resource === 'string' ? [s.Resource] : Array.isArray(s.Resource) ? s.Resource : [];
    for (const resource of resources) if (typeof resource === 'string') out.push({ resource, namesPutObject });
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
      if (!resources.some((r) => patternWithin(r.resource, bucket) !== undefined)) continue;
      const list = reach.get(bucket) ?? [];
      list.push(role);
      reach.set(bucket, list);
    }
  }
  return reach;
}
