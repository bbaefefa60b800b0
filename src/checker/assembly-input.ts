import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, NestedStack, Stack, Stage, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { constructAtPath } from './construct-references';
import { appRunning } from './known-apps';
import { isRecord } from '../analysis/cfn/assembly-index';
import { nestedStackTemplate } from '../analysis/cfn/nested-stack-input';
import { constructPathOf, PATH_METADATA_KEY } from '../analysis/cfn/path-metadata';
import { AssemblyInput, StackTemplate } from '../analysis/input';

/** The resource metadata key in which the CDK records a resource's construct path. */
export { PATH_METADATA_KEY };

/**
 * What one call of a validation plugin receives, on either generation of the CDK's hook (see
 * `compat/validation-api.ts`): the final API adds a path per stack and the construct tree; the older one gives the
 * template paths alone, and the checker supplies the tree it saw as an Aspect.
 */
export interface ValidationRunInput {
  /** Absolute paths of the templates to check. */
  readonly templatePaths: readonly string[];
  /** The stack behind each template, when the CDK says (final API). */
  readonly stackTemplates?: readonly StackTemplateEntry[];
  /** The app's root construct, when known. */
  readonly root?: IConstruct;
}

/** A template and the stack it belongs to, as the final validation API describes it. */
export interface StackTemplateEntry {
  readonly stackConstructPath: string;
  readonly templatePath: string;
  readonly accountId?: string;
  readonly region?: string;
}

/**
 * The run input of a plugin call: whatever the context carries; else the tree the Aspect visited; else the app that
 * recorded write intents or acknowledgements, runs this plugin and writes into the templates' directory (a plugin
 * registered without the Aspect on the older hook).
 *
 * Each template counts once: the older hook hands a plugin registered on the App and on a nested Stage that Stage's
 * templates twice.
 */
export function validationRunInput(context: unknown, aspectRoot: IConstruct | undefined, plugin: object): ValidationRunInput {
  const given = isRecord(context) ? context : {};
  const templatePaths = [...new Set(Array.isArray(given.templatePaths) ? given.templatePaths.filter(isString) : [])];
  const stackTemplates = Array.isArray(given.stackTemplates) ? uniqueByTemplate(given.stackTemplates as StackTemplateEntry[]) : undefined;
  const appConstruct = given.appConstruct as IConstruct | undefined;
  const root = appConstruct ?? aspectRoot ?? appRunning(plugin, rootAssemblyDirectory({ templatePaths }));
  return { templatePaths, stackTemplates, root };
}

function uniqueByTemplate(entries: readonly StackTemplateEntry[]): StackTemplateEntry[] {
  const seen = new Set<string>();
  return entries.filter(e => !seen.has(e.templatePath) && seen.add(e.templatePath) !== undefined);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/**
 * The analysis input for a validation run: every template the CDK handed the plugin (nested Stages included),
 * read from disk as the CDK wrote it — so the analysis sees the final templates, after aspects, overrides,
 * lazy values and cross-stack references. The CDK hands over stack artifacts only; the CloudFormation nested stacks
 * (`NestedStack`) each deploys are found in the construct tree and read from the files the CDK wrote for them.
 *
 * Resources that carry no `aws:cdk:path` metadata (path metadata is off by default outside the CLI) get it in
 * this in-memory copy from the construct tree, so findings, intents and acknowledgements all speak construct
 * paths. Nothing on disk changes.
 */
export function readAssemblyInput(run: ValidationRunInput): AssemblyInput {
  const root = run.root;
  const assemblyDir = rootAssemblyDirectory(run);
  const stacks = stackTemplateEntries(run).flatMap((entry): StackTemplate[] => {
    const template = readTemplate(entry.templatePath);
    const stack = root ? findStack(root, entry.stackConstructPath) : undefined;
    if (stack) addMissingPathMetadata(stack, template);
    const artifactId = stack?.artifactId ?? artifactIdOf(entry.templatePath);
    const parent: StackTemplate = {
      artifactId,
      stackPath: entry.stackConstructPath,
      stackName: stack?.stackName ?? artifactId,
      templatePath: path.relative(assemblyDir, entry.templatePath),
      template,
      account: entry.accountId,
      region: entry.region,
    };
    const nested = stack ? nestedStackTemplates(stack, parent, path.dirname(entry.templatePath), assemblyDir) : [];
    return [parent, ...nested];
  });
  return { stacks };
}

/** The nested stacks `stack` deploys, at every depth; the CDK writes their templates next to the top-level one's. */
function nestedStackTemplates(stack: Stack, parent: StackTemplate, directory: string, assemblyDir: string): StackTemplate[] {
  return stack.node.findAll()
    .filter((c): c is NestedStack => NestedStack.isNestedStack(c) && c.nestedStackParent === stack)
    .flatMap((nested) => {
      const logicalId = nested.nestedStackResource ? stack.resolve(nested.nestedStackResource.logicalId) : undefined;
      if (typeof logicalId !== 'string') return [];
      const file = path.join(directory, nested.templateFile);
      const template = readTemplate(file);
      addMissingPathMetadata(nested, template);
      const child = nestedStackTemplate(parent, logicalId, {
        templatePath: path.relative(assemblyDir, file),
        template,
        stackPath: nested.node.path,
      });
      return [child, ...nestedStackTemplates(nested, child, directory, assemblyDir)];
    });
}

function readTemplate(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf-8'));
}

/** The root cloud assembly directory: the App's outdir, where `write-access-report.json` goes too. */
export function rootAssemblyDirectory(run: ValidationRunInput): string {
  if (Stage.isStage(run.root)) return run.root.outdir;
  // Without the tree: nested Stages write into subdirectories of the root assembly, so the shortest directory is it.
  const directories = run.templatePaths.map(p => path.dirname(p)).sort((a, b) => a.length - b.length);
  return directories[0] ?? '.';
}

/**
 * The stack of each template. The final API says; with the older hook, each template is matched to the stack the
 * tree says writes it (`<outdir of its Stage>/<templateFile>`), and without a tree it stands alone, named after its file.
 */
function stackTemplateEntries(run: ValidationRunInput): readonly StackTemplateEntry[] {
  if (run.stackTemplates) return run.stackTemplates;
  const stacksByTemplate = run.root ? stacksByTemplatePath(run.root) : new Map<string, Stack>();
  return run.templatePaths.map((templatePath): StackTemplateEntry => {
    const stack = stacksByTemplate.get(path.resolve(templatePath));
    if (!stack) return { stackConstructPath: artifactIdOf(templatePath), templatePath };
    return {
      stackConstructPath: stack.node.path,
      templatePath,
      accountId: Token.isUnresolved(stack.account) ? undefined : stack.account,
      region: Token.isUnresolved(stack.region) ? undefined : stack.region,
    };
  });
}

function stacksByTemplatePath(root: IConstruct): Map<string, Stack> {
  const stacks = new Map<string, Stack>();
  for (const construct of root.node.findAll()) {
    if (!Stack.isStack(construct) || construct.nested) continue;
    const stage = Stage.of(construct);
    if (stage) stacks.set(path.resolve(stage.outdir, construct.templateFile), construct);
  }
  return stacks;
}

function artifactIdOf(templatePath: string): string {
  return path.basename(templatePath).replace(/\.template\.json$/, '');
}

function findStack(root: IConstruct, constructPath: string): Stack | undefined {
  const node = constructAtPath(root, constructPath);
  return node && Stack.isStack(node) ? node : undefined;
}

function addMissingPathMetadata(stack: Stack, template: unknown): void {
  const resources = isRecord(template) && isRecord(template.Resources) ? template.Resources : undefined;
  if (!resources || Object.values(resources).every(hasPathMetadata)) return;
  for (const construct of stack.node.findAll()) {
    if (!CfnResource.isCfnResource(construct) || construct.stack !== stack) continue;
    const logicalId = stack.resolve(construct.logicalId);
    const resource = typeof logicalId === 'string' ? resources[logicalId] : undefined;
    if (!isRecord(resource) || hasPathMetadata(resource)) continue;
    resource.Metadata = { ...(isRecord(resource.Metadata) ? resource.Metadata : {}), [PATH_METADATA_KEY]: construct.node.path };
  }
}

function hasPathMetadata(resource: unknown): boolean {
  return constructPathOf(resource) !== undefined;
}
