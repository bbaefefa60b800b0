import * as path from 'path';
import { isPlainObject } from './json-file';
import { withPathMetadata } from './path-metadata';
import { nestedStackTemplate } from '../analysis/cfn/nested-stack-input';
import { constructPathOf } from '../analysis/cfn/path-metadata';
import { StackTemplate } from '../analysis/input';

/**
 * CloudFormation nested stacks (`NestedStack`) are not stack artifacts of the assembly: their templates are assets
 * (`*.nested.template.json`, next to the parent's template) that the parent deploys through an
 * `AWS::CloudFormation::Stack` resource. Each becomes a stack of the analysis input, linked to that resource, at
 * every depth. A nested stack whose template the assembly does not hold (an external `TemplateURL`, a missing file)
 * is not checked — which must be said, never silently passed.
 */

const NESTED_STACK_TYPE = 'AWS::CloudFormation::Stack';
/** The resource metadata the CDK writes with asset metadata on (the CLI's default). */
const ASSET_PATH_KEY = 'aws:asset:path';
/** The stack-artifact metadata entry on a nested stack's construct path naming its template file. */
const TEMPLATE_FILE_ENTRY = 'aws:cdk:templateFile';

export interface NestedStackResource {
  readonly logicalId: string;
  /** The nested stack's construct path (`Parent/Child`), or `<parent>/<logicalId>`. */
  readonly stackPath: string;
  /** The synthesized template, relative to the parent's assembly directory; undefined for an external template. */
  readonly templateFile?: string;
}

/** Reads a nested template relative to the parent's assembly directory; undefined when there is no such file. */
export type TemplateReader = (relativeFile: string, what: string) => Record<string, unknown> | undefined;

export interface NestedStacksRead {
  readonly stacks: StackTemplate[];
  /** Construct paths of nested stacks whose template is not in the assembly. */
  readonly unchecked: string[];
}

/**
 * The nested stacks `parent` deploys, at every depth, each with the construct paths the artifact's metadata records.
 *
 * @param relDir the parent's assembly directory relative to the root (nested templates sit in it)
 * @param metadata the metadata of the stack artifact the parent belongs to (it covers its nested stacks too)
 */
export function readNestedStacks(parent: StackTemplate, relDir: string, metadata: unknown, read: TemplateReader): NestedStacksRead {
  const files = nestedTemplateFiles(metadata);
  const result: NestedStacksRead = { stacks: [], unchecked: [] };
  const readChild = (stack: StackTemplate, nested: NestedStackResource, file: string, ancestors: ReadonlySet<string>) => {
    const templatePath = toPosix(path.join(relDir, file));
    // A template that deploys one of its ancestors would recurse forever (no CDK app does this).
    if (ancestors.has(templatePath)) return undefined;
    const template = read(file, `template of nested stack ${nested.stackPath}`);
    return template && nestedStackTemplate(stack, nested.logicalId, {
      templatePath,
      template: withPathMetadata(template, ownMetadata(metadata, nested.stackPath, true)),
      stackPath: nested.stackPath,
    });
  };
  const visit = (stack: StackTemplate, ancestors: ReadonlySet<string>): void => {
    for (const nested of nestedStacksOf(stack.template, stack.stackPath ?? stack.artifactId, files)) {
      const child = nested.templateFile === undefined ? undefined : readChild(stack, nested, nested.templateFile, ancestors);
      if (!child) {
        result.unchecked.push(nested.stackPath);
        continue;
      }
      result.stacks.push(child);
      visit(child, new Set([...ancestors, child.templatePath]));
    }
  };
  visit(parent, new Set([parent.templatePath]));
  return result;
}

/** The `AWS::CloudFormation::Stack` resources of a template, with their construct paths and template files. */
export function nestedStacksOf(template: unknown, stackLabel: string, templateFiles: ReadonlyMap<string, string>): NestedStackResource[] {
  const resources = isPlainObject(template) && isPlainObject(template.Resources) ? template.Resources : {};
  return Object.entries(resources).flatMap(([logicalId, resource]) => {
    if (!isPlainObject(resource) || resource.Type !== NESTED_STACK_TYPE) return [];
    const metadata = isPlainObject(resource.Metadata) ? resource.Metadata : {};
    const cdkPath = constructPathOf(resource);
    const stackPath = cdkPath !== undefined ? nestedStackPath(cdkPath) : `${stackLabel}/${logicalId}`;
    const assetPath = metadata[ASSET_PATH_KEY];
    const templateFile = typeof assetPath === 'string' && assetPath !== '' ? assetPath : templateFiles.get(stackPath);
    return [{ logicalId, stackPath, templateFile }];
  });
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
  const files = new Map<string, string>();
  if (!isPlainObject(metadata)) return files;
  for (const [key, entries] of Object.entries(metadata)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (isPlainObject(entry) && entry.type === TEMPLATE_FILE_ENTRY && typeof entry.data === 'string') {
        files.set(key.replace(/^\//, ''), entry.data);
      }
    }
  }
  return files;
}

/**
 * The metadata entries of one stack of an artifact: the artifact's top-level stack, or one of its nested stacks
 * (`nested`: then only entries under its path). An artifact's metadata covers its nested stacks too, and logical
 * IDs repeat across them (they hash the path within the stack): mixing them would give a resource of one template
 * the construct path of another's.
 *
 * @param stackPath the stack's construct path; undefined (no path in the metadata at all) keeps every entry
 */
export function ownMetadata(metadata: unknown, stackPath: string | undefined, nested: boolean): unknown {
  if (!isPlainObject(metadata)) return metadata;
  const under = (key: string, p: string) => key === `/${p}` || key.startsWith(`/${p}/`);
  // Every stack has an `aws:cdk:templateFile` entry, its own included.
  const deeper = [...nestedTemplateFiles(metadata).keys()]
    .filter(p => stackPath !== undefined && p.startsWith(`${stackPath}/`));
  return Object.fromEntries(Object.entries(metadata).filter(([key]) =>
    (!nested || stackPath === undefined || under(key, stackPath)) && !deeper.some(p => under(key, p))));
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
