import { isPlainObject as isRecord } from '../../iam/policy/values';

/** The resource metadata entry where the CDK writes a resource's construct path. */
export const PATH_METADATA_KEY = 'aws:cdk:path';

/** The construct path a template resource carries, if any. */
export function constructPathOf(resource: unknown): string | undefined {
  if (!isRecord(resource) || !isRecord(resource.Metadata)) return undefined;
  const path = resource.Metadata[PATH_METADATA_KEY];
  return typeof path === 'string' ? path : undefined;
}
