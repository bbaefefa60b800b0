import * as fs from 'fs';
import * as path from 'path';
import { Acknowledgements } from './acknowledgements';
import { CliInputError } from './errors';
import { isPlainObject, readJsonFile } from './json-file';
import { ownMetadata, readNestedStacks } from './nested-stacks';
import { withPathMetadata } from './path-metadata';
import { AssemblyInput, StackTemplate } from '../analysis/input';

/**
 * Read a synthesized cloud assembly (the `cdk.out` directory) into the analysis input: every
 * `aws:cloudformation:stack` artifact, in this assembly and in the nested assemblies of Stages, and the
 * CloudFormation nested stacks each deploys (nested-stacks.ts).
 *
 * The manifest is read as plain JSON (format: `@aws-cdk/cloud-assembly-schema`, which we do not depend on) so
 * that the command works for any app, with or without this library, and with no runtime dependency.
 */

const SYNTH_FIRST = 'run `cdk synth` first or pass the assembly directory';
const RESYNTH = 'the assembly is incomplete or corrupt: run `cdk synth` again';

const STACK_ARTIFACT = 'aws:cloudformation:stack';
const NESTED_ASSEMBLY_ARTIFACT = 'cdk:cloud-assembly';

/** What `environment` says when a stack is environment-agnostic (cx-api UNKNOWN_ACCOUNT / UNKNOWN_REGION). */
const UNKNOWN_ACCOUNT = 'unknown-account';
const UNKNOWN_REGION = 'unknown-region';

/** Where `cdk synth` writes unless told otherwise. */
export const DEFAULT_ASSEMBLY = 'cdk.out';

/**
 * The assembly directory when none is given: `output` of ./cdk.json, which `cdk synth` honours too, else cdk.out.
 */
export function defaultAssemblyDirectory(cwd: string = process.cwd()): string {
  try {
    const config = JSON.parse(fs.readFileSync(path.join(cwd, 'cdk.json'), 'utf8'));
    if (typeof config?.output === 'string' && config.output !== '') return config.output;
  } catch {
    // No cdk.json, or one `cdk` itself would reject: the CDK's default applies.
  }
  return DEFAULT_ASSEMBLY;
}

export interface LoadedAssembly {
  /** The assembly directory (as given, or the directory of a given manifest.json). */
  readonly directory: string;
  readonly input: AssemblyInput;
  /** The checker's acknowledgements recorded in the stacks' metadata. */
  readonly acknowledgements: Acknowledgements;
  /** CloudFormation nested stacks whose template the assembly does not hold, so the analysis does not see their
   * functions (construct paths). */
  readonly nestedStacks: readonly string[];
}

/**
 * @param given the assembly directory as the user typed it (or its manifest.json); messages quote it as given.
 * @throws CliInputError with a one-line message for anything missing or corrupt
 */
export function loadAssembly(given: string): LoadedAssembly {
  const directory = assemblyDirectory(given);
  const artifacts: StackArtifactRead[] = [];
  const acknowledgements = new Acknowledgements();
  readAssembly(directory, '', { artifacts, acknowledgements }, new Set());
  const stacks: StackTemplate[] = [];
  const nestedStacks: string[] = [];
  // Nested stacks take their IDs from their parent's, so the parents' are settled first.
  const parents = disambiguateArtifactIds(artifacts.map(a => a.stack));
  parents.forEach((parent, i) => {
    const { relDir, metadata } = artifacts[i];
    const nested = readNestedStacks(parent, relDir, metadata, (file, what) => readTemplateIfPresent(path.join(directory, relDir, file), what));
    stacks.push(parent, ...nested.stacks);
    nestedStacks.push(...nested.unchecked);
  });
  return { directory, input: { stacks }, acknowledgements, nestedStacks };
}

function assemblyDirectory(given: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(given);
  } catch {
    throw new CliInputError(`${given} not found: ${SYNTH_FIRST}`);
  }
  if (stat.isDirectory()) {
    const projectAssembly = path.join(given, DEFAULT_ASSEMBLY);
    if (!fs.existsSync(path.join(given, 'manifest.json')) && fs.existsSync(path.join(projectAssembly, 'manifest.json'))) {
      throw new CliInputError(`${path.join(given, 'manifest.json')} not found: ${given} is a CDK project, not its cloud assembly; did you mean ${projectAssembly}?`);
    }
    return given;
  }
  if (path.basename(given) === 'manifest.json') return path.dirname(given);
  throw new CliInputError(`${given} is a file, expected a cloud assembly directory (the output of \`cdk synth\`, usually cdk.out)`);
}

/** A stack artifact, with what reading its nested stacks needs. */
interface StackArtifactRead {
  readonly stack: StackTemplate;
  /** Its assembly's directory relative to the root. */
  readonly relDir: string;
  readonly metadata: unknown;
}

/** What reading collects, across nested assemblies. */
interface Collected {
  readonly artifacts: StackArtifactRead[];
  readonly acknowledgements: Acknowledgements;
}

/**
 * @param root the root assembly directory
 * @param relDir this (possibly nested) assembly's directory relative to the root, '' for the root
 */
function readAssembly(root: string, relDir: string, collected: Collected, visited: Set<string>): void {
  const dir = path.join(root, relDir);
  const manifestFile = path.join(dir, 'manifest.json');
  const real = realPathOrSelf(dir);
  // A nested assembly that points back at an ancestor would otherwise recurse forever.
  if (visited.has(real)) return;
  visited.add(real);

  const manifest = readJsonFile(manifestFile, 'the cloud assembly manifest', relDir ? RESYNTH : SYNTH_FIRST);
  if (!isPlainObject(manifest) || typeof manifest.version !== 'string') {
    throw new CliInputError(`${manifestFile} is not a cloud assembly manifest (expected an object with "version" and "artifacts"): ${SYNTH_FIRST}`);
  }
  const artifacts = manifest.artifacts ?? {};
  if (!isPlainObject(artifacts)) {
    throw new CliInputError(`${manifestFile}: "artifacts" must be an object: ${RESYNTH}`);
  }

  for (const [artifactId, artifact] of Object.entries(artifacts)) {
    if (!isPlainObject(artifact)) {
      throw new CliInputError(`${manifestFile}: artifact "${artifactId}" must be an object: ${RESYNTH}`);
    }
    if (artifact.type === STACK_ARTIFACT) {
      const metadata = readStackMetadata(root, relDir, artifact);
      collected.artifacts.push({ stack: readStack(root, relDir, manifestFile, artifactId, artifact, metadata), relDir, metadata });
      collected.acknowledgements.addStackMetadata(metadata);
    } else if (artifact.type === NESTED_ASSEMBLY_ARTIFACT) {
      const directoryName = propertiesOf(artifact).directoryName;
      if (typeof directoryName !== 'string' || directoryName === '') {
        throw new CliInputError(`${manifestFile}: nested assembly "${artifactId}" has no properties.directoryName: ${RESYNTH}`);
      }
      readAssembly(root, path.join(relDir, directoryName), collected, visited);
    }
    // Other artifacts (asset manifests, the tree, feature-flag reports) hold no templates.
  }
}

function readStack(
  root: string, relDir: string, manifestFile: string, artifactId: string, artifact: Record<string, unknown>, metadata: unknown,
): StackTemplate {
  const properties = propertiesOf(artifact);
  const templateFile = properties.templateFile;
  if (typeof templateFile !== 'string' || templateFile === '') {
    throw new CliInputError(`${manifestFile}: stack "${artifactId}" has no properties.templateFile: ${RESYNTH}`);
  }
  const templatePath = toPosix(path.join(relDir, templateFile));
  const template = readTemplate(path.join(root, relDir, templateFile), `template of stack ${artifactId}`);
  const { account, region } = parseEnvironment(artifact.environment);
  const stackPath = stackConstructPath(artifact, metadata);
  return {
    artifactId,
    stackPath,
    // The manifest omits stackName when it equals the artifact ID.
    stackName: typeof properties.stackName === 'string' ? properties.stackName : artifactId,
    templatePath,
    template: withPathMetadata(template, ownMetadata(metadata, stackPath, false)),
    account,
    region,
  };
}

function readTemplate(file: string, what: string): Record<string, unknown> {
  const template = readJsonFile(file, what, RESYNTH);
  if (!isPlainObject(template)) {
    throw new CliInputError(`${file} is not a CloudFormation template (expected a JSON object): ${RESYNTH}`);
  }
  return template;
}

/** A nested stack's template, or undefined when the file is not there (the nested stack is then reported unchecked). */
function readTemplateIfPresent(file: string, what: string): Record<string, unknown> | undefined {
  return fs.existsSync(file) ? readTemplate(file, what) : undefined;
}

function propertiesOf(artifact: Record<string, unknown>): Record<string, unknown> {
  return isPlainObject(artifact.properties) ? artifact.properties : {};
}

/** `aws://123456789012/eu-west-1`; the `unknown-*` placeholders mean environment-agnostic. */
export function parseEnvironment(environment: unknown): { account?: string; region?: string } {
  if (typeof environment !== 'string') return {};
  const match = /^aws:\/\/([^/]+)\/([^/]+)$/.exec(environment);
  if (!match) return {};
  return {
    account: match[1] === UNKNOWN_ACCOUNT ? undefined : match[1],
    region: match[2] === UNKNOWN_REGION ? undefined : match[2],
  };
}

/**
 * The stack's construct path. The CDK writes it as `displayName`; older assemblies only have it as the
 * shortest key of the stack's metadata, which every other key extends.
 */
function stackConstructPath(artifact: Record<string, unknown>, metadata: unknown): string | undefined {
  if (typeof artifact.displayName === 'string' && artifact.displayName !== '') return artifact.displayName;
  if (!isPlainObject(metadata)) return undefined;
  const keys = Object.keys(metadata).filter(k => k.startsWith('/'));
  if (keys.length === 0) return undefined;
  const shortest = keys.reduce((a, b) => (b.length < a.length ? b : a));
  return shortest.slice(1);
}

/** The stack's metadata: inline in the manifest, or in `additionalMetadataFile` (current CDK versions). */
function readStackMetadata(root: string, relDir: string, artifact: Record<string, unknown>): unknown {
  if (isPlainObject(artifact.metadata)) return artifact.metadata;
  if (typeof artifact.additionalMetadataFile !== 'string') return undefined;
  try {
    return JSON.parse(fs.readFileSync(path.join(root, relDir, artifact.additionalMetadataFile), 'utf8'));
  } catch {
    // Metadata only labels things: without it the analysis falls back to artifact and logical IDs.
    return undefined;
  }
}

/**
 * Artifact IDs are unique per manifest; across nested assemblies they are in practice (the CDK hashes the stage
 * path into them), but not by rule. A clash keeps the root's ID and prefixes the nested ones with their directory.
 */
function disambiguateArtifactIds(stacks: StackTemplate[]): StackTemplate[] {
  const counts = new Map<string, number>();
  for (const stack of stacks) counts.set(stack.artifactId, (counts.get(stack.artifactId) ?? 0) + 1);
  return stacks.map(stack => {
    const directory = path.posix.dirname(stack.templatePath);
    if (counts.get(stack.artifactId) === 1 || directory === '.') return stack;
    return { ...stack, artifactId: `${directory}/${stack.artifactId}` };
  });
}

function realPathOrSelf(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
