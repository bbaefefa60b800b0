import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, IPolicyValidationContext, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { constructAtPath } from './construct-references';
import { isRecord } from './plain-object';
import { nestedStackTemplate } from '../analysis/cfn/nested-stack-input';
import { constructPathOf, PATH_METADATA_KEY } from '../analysis/cfn/path-metadata';
import { AssemblyInput, StackTemplate } from '../analysis/input';

/** The resource metadata key in which the CDK records a resource's construct path. */
export { PATH_METADATA_KEY };

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
export function readAssemblyInput(context: IPolicyValidationContext): AssemblyInput {
  const root = context.appConstruct;
  const assemblyDir = rootAssemblyDirectory(context);
  const stacks = context.stackTemplates.flatMap((entry): StackTemplate[] => {
    const template = readTemplate(entry.templatePath);
    const stack = findStack(root, entry.stackConstructPath);
    if (stack) addMissingPathMetadata(stack, template);
    const artifactId = stack?.artifactId ?? path.basename(entry.templatePath).replace(/\.template\.json$/, '');
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
export function rootAssemblyDirectory(context: IPolicyValidationContext): string {
  const root = context.appConstruct;
  if (Stage.isStage(root)) return root.outdir;
  // Not reached with an App root (the CDK only validates Apps); the first template's directory is the best guess.
  return path.dirname(context.templatePaths[0] ?? '.');
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
