import { isPlainObject } from './json-file';
import { constructPathOf } from '../analysis/cfn/path-metadata';
import { StackTemplate } from '../analysis/input';

/** Where a resource is: its template (relative to the assembly) and logical ID. */
export interface ResourceLocation {
  readonly templatePath: string;
  readonly logicalId: string;
}

/** Finds a resource by construct path, for findings and causes that name a construct but not its template. */
export type Locate = (constructPath: string) => ResourceLocation | undefined;

/**
 * Index every resource of the assembly by its `aws:cdk:path` metadata and by `Stack/LogicalId` (what findings
 * name when the template has no path metadata). An L2 construct's path (`Stack/Fn`) finds its default child
 * (`Stack/Fn/Resource`).
 */
export function resourceLocator(stacks: readonly StackTemplate[]): Locate {
  const byPath = new Map<string, ResourceLocation>();
  for (const stack of stacks) {
    const resources = isPlainObject(stack.template) ? stack.template.Resources : undefined;
    if (!isPlainObject(resources)) continue;
    for (const [logicalId, resource] of Object.entries(resources)) {
      const location = { templatePath: stack.templatePath, logicalId };
      const cdkPath = constructPathOf(resource);
      if (typeof cdkPath === 'string') byPath.set(cdkPath, location);
      for (const stackLabel of new Set([stack.stackPath, stack.artifactId, stack.stackName])) {
        if (stackLabel && !byPath.has(`${stackLabel}/${logicalId}`)) byPath.set(`${stackLabel}/${logicalId}`, location);
      }
    }
  }
  return constructPath =>
    byPath.get(constructPath) ?? byPath.get(`${constructPath}/Resource`) ?? byPath.get(`${constructPath}/Default`);
}

/**
 * The 1-based line where a resource's logical ID is declared in a template's JSON text: the first `"ID":` key
 * after `"Resources"`. 1 when it is not found (a minified template has everything on line 1 anyway).
 */
export function lineOfLogicalId(templateText: string, logicalId: string): number {
  const resourcesAt = templateText.search(/"Resources"\s*:/);
  if (resourcesAt < 0) return 1;
  const key = new RegExp(`"${escapeRegExp(logicalId)}"\\s*:`, 'g');
  key.lastIndex = resourcesAt;
  const match = key.exec(templateText);
  if (!match) return 1;
  let line = 1;
  for (let i = 0; i < match.index; i++) if (templateText.charCodeAt(i) === 10) line++;
  return line;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
