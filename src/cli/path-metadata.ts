import { isPlainObject } from './json-file';
import { constructPathOf, PATH_METADATA_KEY } from '../analysis/cfn/path-metadata';

/**
 * Construct paths for templates synthesized without path metadata (`cdk synth --no-path-metadata`, `pathMetadata:
 * false` in cdk.json, or `app.synth()` outside the CLI). Findings and recorded intents speak construct paths, which
 * the analysis finds in each resource's `aws:cdk:path`; without it a declared intent cannot find its bucket. The
 * stack's artifact metadata still maps every construct path to its `aws:cdk:logicalId`, so the path is put back —
 * in our in-memory copy only.
 */

export { PATH_METADATA_KEY };
const LOGICAL_ID_ENTRY = 'aws:cdk:logicalId';

/**
 * @param template the parsed template
 * @param stackMetadata the stack artifact's metadata (`{"/Stack/Fn/Resource": [{type, data}, …]}`)
 * @returns the template, or a copy in which resources without `aws:cdk:path` have the one their metadata records
 */
export function withPathMetadata(template: Record<string, unknown>, stackMetadata: unknown): Record<string, unknown> {
  const resources = template.Resources;
  if (!isPlainObject(resources) || Object.values(resources).every(hasPathMetadata)) return template;
  const paths = constructPathsByLogicalId(stackMetadata);
  if (paths.size === 0) return template;
  const completed = Object.fromEntries(Object.entries(resources).map(([logicalId, resource]) => {
    const constructPath = paths.get(logicalId);
    if (!isPlainObject(resource) || hasPathMetadata(resource) || constructPath === undefined) return [logicalId, resource];
    const metadata = isPlainObject(resource.Metadata) ? resource.Metadata : {};
    return [logicalId, { ...resource, Metadata: { ...metadata, [PATH_METADATA_KEY]: constructPath } }];
  }));
  return { ...template, Resources: completed };
}

/** Logical ID → construct path (without the leading `/`), from `aws:cdk:logicalId` metadata entries. */
export function constructPathsByLogicalId(metadata: unknown): Map<string, string> {
  const paths = new Map<string, string>();
  if (!isPlainObject(metadata)) return paths;
  for (const [key, entries] of Object.entries(metadata)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (isPlainObject(entry) && entry.type === LOGICAL_ID_ENTRY && typeof entry.data === 'string') {
        paths.set(entry.data, key.replace(/^\//, ''));
      }
    }
  }
  return paths;
}

function hasPathMetadata(resource: unknown): boolean {
  return constructPathOf(resource) !== undefined;
}
