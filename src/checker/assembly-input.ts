import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, IPolicyValidationContext, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { constructAtPath } from './construct-references';
import { isRecord } from './plain-object';
import { AssemblyInput, StackTemplate } from '../analysis/input';

/** The resource metadata key in which the CDK records a resource's construct path. */
export const PATH_METADATA_KEY = 'aws:cdk:path';

/**
 * The analysis input for a validation run: every template the CDK handed the plugin (nested Stages included),
 * read from disk as the CDK wrote it — so the analysis sees the final templates, after aspects, overrides,
 * lazy values and cross-stack references.
 *
 * Resources that carry no `aws:cdk:path` metadata (path metadata is off by default outside the CLI) get it in
 * this in-memory copy from the construct tree, so findings, intents and acknowledgements all speak construct
 * paths. Nothing on disk changes.
 */
export function readAssemblyInput(context: IPolicyValidationContext): AssemblyInput {
  const root = context.appConstruct;
  const assemblyDir = rootAssemblyDirectory(context);
  const stacks = context.stackTemplates.map((entry): StackTemplate => {
    const template: unknown = JSON.parse(fs.readFileSync(entry.templatePath, 'utf-8'));
    const stack = findStack(root, entry.stackConstructPath);
    if (stack) addMissingPathMetadata(stack, template);
    const artifactId = stack?.artifactId ?? path.basename(entry.templatePath).replace(/\.template\.json$/, '');
    return {
      artifactId,
      stackPath: entry.stackConstructPath,
      stackName: stack?.stackName ?? artifactId,
      templatePath: path.relative(assemblyDir, entry.templatePath),
      template,
      account: entry.accountId,
      region: entry.region,
    };
  });
  return { stacks };
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
  return isRecord(resource) && isRecord(resource.Metadata) && typeof resource.Metadata[PATH_METADATA_KEY] === 'string';
}
