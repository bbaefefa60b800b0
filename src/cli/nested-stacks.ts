import { isPlainObject } from './json-file';
import { StackMetadata } from './stack-metadata';
import { nestedStackTemplate } from '../analysis/cfn/nested-stack-input';
import { constructPathOf } from '../analysis/cfn/path-metadata';
import { StackTemplate } from '../analysis/input';

/**
 * CloudFormation nested stacks (`NestedStack`) are not stack artifacts of the assembly: their templates are assets
 * (`*.nested.template.json`, next to the parent's template) that the parent deploys through an
 * `AWS::CloudFormation::Stack` resource. Each becomes a stack of the analysis input, linked to that resource, at
 * every depth. A nested stack whose template the assembly does not hold (an external `TemplateURL`, a missing file)
 * is not checked — which must be said, never silently passed.
 *
 * Each deployment is a stack of its own, so a template that deploys the next one twice, 18 levels deep, is 2^18
 * stacks from 19 files: the caller's budget bounds them, and the walk is iterative (no recursion, no spread of a
 * large array into arguments), so neither the depth nor the count overflows the call stack.
 */

const NESTED_STACK_TYPE = 'AWS::CloudFormation::Stack';
/** The resource metadata the CDK writes with asset metadata on (the CLI's default). */
const ASSET_PATH_KEY = 'aws:asset:path';

export interface NestedStackResource {
  readonly logicalId: string;
  /** The nested stack's construct path (`Parent/Child`), or `<parent>/<logicalId>`. */
  readonly stackPath: string;
  /** The synthesized template, relative to the parent's assembly directory; undefined for an external template. */
  readonly templateFile?: string;
}

/** A nested stack's template as read. */
export interface NestedTemplate {
  readonly template: Record<string, unknown>;
  /** Relative to the root assembly directory, for reports. */
  readonly templatePath: string;
  /** The file's real path: what a cycle is recognised by, whatever path spelling led to it. */
  readonly realPath: string;
}

/** Reads a nested template relative to the parent's assembly directory; undefined when there is no such file. */
export type TemplateReader = (relativeFile: string, what: string) => NestedTemplate | undefined;

export interface NestedStacksRead {
  readonly stacks: StackTemplate[];
  /** Construct paths of nested stacks whose template is not in the assembly. */
  readonly unchecked: string[];
}

/** What one artifact's nested stacks are read with. */
export interface NestedStackSource {
  /** The artifact's metadata (it covers its nested stacks too). */
  readonly metadata: StackMetadata;
  readonly read: TemplateReader;
  /** Completes a template with the construct paths its metadata records (path-metadata.ts). */
  readonly withPaths: (template: Record<string, unknown>, metadata: unknown) => Record<string, unknown>;
  /** Called for every nested stack read; throws when the run's bound on stacks is passed. */
  readonly countStack: () => void;
}

/** One stack of the walk, with the nested stacks its template deploys and how far through them the walk is. */
interface Frame {
  readonly stack: StackTemplate;
  readonly realPath: string;
  readonly children: readonly NestedStackResource[];
  next: number;
}

/**
 * The nested stacks `parent` deploys, at every depth, depth first in template order, each with the construct
 * paths the artifact's metadata records.
 *
 * @param parentRealPath the real path of the parent's template (a nested template that deploys it is a cycle)
 */
export function readNestedStacks(parent: StackTemplate, parentRealPath: string, source: NestedStackSource): NestedStacksRead {
  const result: NestedStacksRead = { stacks: [], unchecked: [] };
  const frameOf = (stack: StackTemplate, realPath: string): Frame => ({
    stack,
    realPath,
    children: nestedStacksOf(stack.template, stack.stackPath ?? stack.artifactId, source.metadata.templateFiles),
    next: 0,
  });
  // Real paths of the templates from the parent down to the current stack: one of them again is a cycle.
  const onPath = new Set<string>([parentRealPath]);
  const frames: Frame[] = [frameOf(parent, parentRealPath)];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1];
    if (frame.next === frame.children.length) {
      frames.pop();
      onPath.delete(frame.realPath);
      continue;
    }
    const nested = frame.children[frame.next++];
    const file = nested.templateFile === undefined ? undefined : source.read(nested.templateFile, `template of nested stack ${nested.stackPath}`);
    // A template that deploys one of its ancestors would be followed forever (no CDK app does this).
    if (file === undefined || onPath.has(file.realPath)) {
      result.unchecked.push(nested.stackPath);
      continue;
    }
    source.countStack();
    const child = nestedStackTemplate(frame.stack, nested.logicalId, {
      templatePath: file.templatePath,
      template: source.withPaths(file.template, source.metadata.nested(nested.stackPath)),
      stackPath: nested.stackPath,
    });
    result.stacks.push(child);
    onPath.add(file.realPath);
    frames.push(frameOf(child, file.realPath));
  }
  return result;
}

/** The `AWS::CloudFormation::Stack` resources of a template, with their construct paths and template files. */
export function nestedStacksOf(template: unknown, stackLabel: string, templateFiles: ReadonlyMap<string, string>): NestedStackResource[] {
  const resources = isPlainObject(template) && isPlainObject(template.Resources) ? template.Resources : {};
  const found: NestedStackResource[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isPlainObject(resource) || resource.Type !== NESTED_STACK_TYPE) continue;
    const metadata = isPlainObject(resource.Metadata) ? resource.Metadata : {};
    const cdkPath = constructPathOf(resource);
    const stackPath = cdkPath !== undefined ? nestedStackPath(cdkPath) : `${stackLabel}/${logicalId}`;
    const assetPath = metadata[ASSET_PATH_KEY];
    const templateFile = typeof assetPath === 'string' && assetPath !== '' ? assetPath : templateFiles.get(stackPath);
    found.push({ logicalId, stackPath, templateFile });
  }
  return found;
}

/** The CDK names the resource `<Parent>/<Child>.NestedStack/<Child>.NestedStackResource`; an L1 `CfnStack` is `<path>`. */
function nestedStackPath(resourcePath: string): string {
  return resourcePath.replace(/\.NestedStack\/.*$/, '').replace(/\/Resource$/, '');
}

/**
 * Nested stack construct path → template file, from the stack artifact's metadata: found without asset metadata
 * (`cdk synth --no-asset-metadata`), which is what `aws:asset:path` comes from.
 */
export function nestedTemplateFiles(metadata: unknown): Map<string, string> {
  return new Map(new StackMetadata(metadata).templateFiles);
}

/**
 * The metadata entries of one stack of an artifact: the artifact's top-level stack, or one of its nested stacks
 * (`nested`: then only entries under its path). See stack-metadata.ts.
 *
 * @param stackPath the stack's construct path; undefined (no path in the metadata at all) keeps every entry
 */
export function ownMetadata(metadata: unknown, stackPath: string | undefined, nested: boolean): unknown {
  const index = new StackMetadata(metadata);
  return nested && stackPath !== undefined ? index.nested(stackPath) : index.topLevel(stackPath);
}
