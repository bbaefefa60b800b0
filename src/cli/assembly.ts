import * as fs from 'fs';
import * as path from 'path';
import { Acknowledgements } from './acknowledgements';
import { AssemblyFiles, joinPath } from './assembly-files';
import { CliInputError } from './errors';
import { isPlainObject } from './json-file';
import { DEFAULT_LIMITS, ReadLimits } from './limits';
import { NestedTemplate, readNestedStacks } from './nested-stacks';
import { withPathMetadata } from './path-metadata';
import { perFileCap, readUserFile } from './safe-file';
import { StackMetadata } from './stack-metadata';
import { quoteInput, shortInput } from './terminal-text';
import { AssemblyInput, StackTemplate } from '../analysis/input';

/**
 * Read a synthesized cloud assembly (the `cdk.out` directory) into the analysis input: every
 * `aws:cloudformation:stack` artifact, in this assembly and in the nested assemblies of Stages, and the
 * CloudFormation nested stacks each deploys (nested-stacks.ts).
 *
 * The manifest is read as plain JSON (format: `@aws-cdk/cloud-assembly-schema`, which we do not depend on) so
 * that the command works for any app, with or without this library, and with no runtime dependency. It is input
 * like any other: every file it names is read through `AssemblyFiles` (inside the assembly directory only, regular
 * files only, size-capped, each parsed once), and the number of stacks and nested assemblies is bounded.
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
  const file = path.join(cwd, 'cdk.json');
  try {
    if (!fs.statSync(file).isFile()) return DEFAULT_ASSEMBLY;
    const label = { shown: file, what: 'the CDK project configuration', remedy: '' };
    const config = JSON.parse(readUserFile(file, perFileCap(DEFAULT_LIMITS.maxFileBytes), label).toString('utf8'));
    if (typeof config?.output === 'string' && config.output !== '') return config.output;
  } catch {
    // No cdk.json, or one `cdk` itself would reject: the CDK's default applies.
  }
  return DEFAULT_ASSEMBLY;
}

export interface LoadedAssembly {
  /** The assembly directory (as given, or the directory of a given manifest.json). */
  readonly directory: string;
  /** Its files, for reading them again (SARIF line numbers) under the same rules. */
  readonly files: AssemblyFiles;
  readonly input: AssemblyInput;
  /** The checker's acknowledgements recorded in the stacks' metadata. */
  readonly acknowledgements: Acknowledgements;
  /** CloudFormation nested stacks whose template the assembly does not hold, so the analysis does not see their
   * functions (construct paths). */
  readonly nestedStacks: readonly string[];
}

/**
 * @param given the assembly directory as the user typed it (or its manifest.json); messages quote it as given.
 * @throws CliInputError with a one-line message for anything missing, corrupt, outside the assembly or over a limit
 */
export function loadAssembly(given: string, limits: ReadLimits = DEFAULT_LIMITS): LoadedAssembly {
  const directory = assemblyDirectory(given);
  const files = new AssemblyFiles(directory, fs.realpathSync(directory), limits);
  const reading = new AssemblyReading(files, limits, directory);
  reading.readAll();
  const stacks: StackTemplate[] = [];
  const nestedStacks: string[] = [];
  // Nested stacks take their IDs from their parent's, so the parents' are settled first.
  const parents = disambiguateArtifactIds(reading.artifacts.map(a => a.stack));
  parents.forEach((parent, i) => {
    const artifact = reading.artifacts[i];
    const nested = readNestedStacks(parent, artifact.realPath, {
      metadata: artifact.metadata,
      read: (file, what) => reading.nestedTemplate(artifact.relDir, file, what),
      withPaths: (template, metadata) => reading.withPaths(template, metadata),
      countStack: () => reading.countStack(),
    });
    stacks.push(parent);
    // One at a time: a spread of a large array into push() overflows the call stack.
    for (const stack of nested.stacks) stacks.push(stack);
    for (const stackPath of nested.unchecked) nestedStacks.push(stackPath);
  });
  return { directory, files, input: { stacks }, acknowledgements: reading.acknowledgements, nestedStacks };
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
  /** Its template's real path. */
  readonly realPath: string;
  /** Its assembly's directory relative to the root. */
  readonly relDir: string;
  readonly metadata: StackMetadata;
}

/** A manifest being read: its artifacts, and how far through them reading is. */
interface ManifestFrame {
  /** The assembly's directory relative to the root, '' for the root. */
  readonly relDir: string;
  /** The manifest relative to the root, for messages. */
  readonly manifestRel: string;
  readonly artifacts: readonly [string, unknown][];
  next: number;
}

/** One run's reading of an assembly: what it found, and the bound on how much it reads. */
class AssemblyReading {
  public readonly artifacts: StackArtifactRead[] = [];
  public readonly acknowledgements = new Acknowledgements();
  private stacksRead = 0;
  /** Metadata objects already indexed and searched for acknowledgements (several artifacts may share a file). */
  private readonly metadataIndexes = new Map<unknown, StackMetadata>();
  private readonly completedTemplates = new WeakMap<object, Map<unknown, Record<string, unknown>>>();

  constructor(private readonly files: AssemblyFiles, private readonly limits: ReadLimits, private readonly shownRoot: string) {}

  /**
   * Every manifest, depth first in manifest order (a nested assembly's stacks come where the manifest lists it),
   * iteratively: a chain of nested assemblies can be thousands deep.
   */
  public readAll(): void {
    const visited = new Set<string>();
    const frames: ManifestFrame[] = [];
    const enter = (relDir: string, what: string) => {
      // A nested assembly that points back at an ancestor would otherwise be read forever.
      const real = this.files.realPath(relDir, what, RESYNTH) ?? path.join(this.shownRoot, relDir);
      if (visited.has(real)) return;
      visited.add(real);
      frames.push(this.readManifest(relDir));
    };
    enter('', 'the cloud assembly directory');
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (frame.next === frame.artifacts.length) {
        frames.pop();
        continue;
      }
      const [artifactId, artifact] = frame.artifacts[frame.next++];
      if (!isPlainObject(artifact)) {
        throw new CliInputError(`${this.files.shown(frame.manifestRel)}: artifact ${quoteInput(artifactId)} must be an object: ${RESYNTH}`);
      }
      if (artifact.type === STACK_ARTIFACT) {
        this.countStack();
        this.readStackArtifact(frame, artifactId, artifact);
      } else if (artifact.type === NESTED_ASSEMBLY_ARTIFACT) {
        const directoryName = propertiesOf(artifact).directoryName;
        if (typeof directoryName !== 'string' || directoryName === '') {
          throw new CliInputError(`${this.files.shown(frame.manifestRel)}: nested assembly ${quoteInput(artifactId)} has no properties.directoryName: ${RESYNTH}`);
        }
        this.countStack();
        enter(joinPath(frame.relDir, directoryName), `nested assembly ${quoteInput(artifactId)} of ${frame.manifestRel}`);
      }
      // Other artifacts (asset manifests, the tree, feature-flag reports) hold no templates.
    }
  }

  /** Counts a stack or nested assembly against the run's bound. */
  public countStack(): void {
    this.stacksRead++;
    if (this.stacksRead > this.limits.maxStacks) {
      throw new CliInputError(`${this.shownRoot}: more than ${this.limits.maxStacks} stacks, nested stacks and nested assemblies ` +
        '(each deployment of a nested template counts): refused; --max-stacks raises the bound');
    }
  }

  /** A nested stack's template, relative to its parent's assembly directory; undefined when the file is not there. */
  public nestedTemplate(relDir: string, file: string, what: string): NestedTemplate | undefined {
    const relPath = joinPath(relDir, file);
    const realPath = this.files.realPath(relPath, what, RESYNTH);
    if (realPath === undefined) return undefined;
    return { template: this.readTemplate(relPath, what), templatePath: toPosix(relPath), realPath };
  }

  /** The template completed with construct paths from the metadata; one copy per template and metadata. */
  public withPaths(template: Record<string, unknown>, metadata: unknown): Record<string, unknown> {
    let byMetadata = this.completedTemplates.get(template);
    if (byMetadata === undefined) {
      byMetadata = new Map();
      this.completedTemplates.set(template, byMetadata);
    }
    let completed = byMetadata.get(metadata);
    if (completed === undefined) {
      completed = withPathMetadata(template, metadata);
      byMetadata.set(metadata, completed);
    }
    return completed;
  }

  private readManifest(relDir: string): ManifestFrame {
    const manifestRel = joinPath(relDir, 'manifest.json');
    const manifest = this.files.readJson(manifestRel, 'the cloud assembly manifest', relDir ? RESYNTH : SYNTH_FIRST);
    if (!isPlainObject(manifest) || typeof manifest.version !== 'string') {
      throw new CliInputError(`${this.files.shown(manifestRel)} is not a cloud assembly manifest (expected an object with "version" and "artifacts"): ${SYNTH_FIRST}`);
    }
    const artifacts = manifest.artifacts ?? {};
    if (!isPlainObject(artifacts)) {
      throw new CliInputError(`${this.files.shown(manifestRel)}: "artifacts" must be an object: ${RESYNTH}`);
    }
    return { relDir, manifestRel, artifacts: Object.entries(artifacts), next: 0 };
  }

  private readStackArtifact(frame: ManifestFrame, artifactId: string, artifact: Record<string, unknown>): void {
    const properties = propertiesOf(artifact);
    const templateFile = properties.templateFile;
    if (typeof templateFile !== 'string' || templateFile === '') {
      throw new CliInputError(`${this.files.shown(frame.manifestRel)}: stack ${quoteInput(artifactId)} has no properties.templateFile: ${RESYNTH}`);
    }
    const metadata = this.metadataOf(frame.relDir, artifactId, artifact);
    const relPath = joinPath(frame.relDir, templateFile);
    const what = `template of stack ${shortInput(artifactId)}`;
    const template = this.readTemplate(relPath, what);
    const realPath = this.files.realPath(relPath, what, RESYNTH)!;
    const { account, region } = parseEnvironment(artifact.environment);
    const stackPath = stackConstructPath(artifact, metadata.raw);
    const stack: StackTemplate = {
      artifactId,
      stackPath,
      // The manifest omits stackName when it equals the artifact ID.
      stackName: typeof properties.stackName === 'string' ? properties.stackName : artifactId,
      templatePath: toPosix(relPath),
      template: this.withPaths(template, metadata.topLevel(stackPath)),
      account,
      region,
    };
    this.artifacts.push({ stack, realPath, relDir: frame.relDir, metadata });
  }

  private readTemplate(relPath: string, what: string): Record<string, unknown> {
    const template = this.files.readJson(relPath, what, RESYNTH);
    if (!isPlainObject(template)) {
      throw new CliInputError(`${this.files.shown(relPath)} is not a CloudFormation template (expected a JSON object): ${RESYNTH}`);
    }
    return template;
  }

  /**
   * The stack's metadata: inline in the manifest, or in `additionalMetadataFile` (current CDK versions). Indexed,
   * and searched for acknowledgements, once per metadata object.
   */
  private metadataOf(relDir: string, artifactId: string, artifact: Record<string, unknown>): StackMetadata {
    const raw = isPlainObject(artifact.metadata) ? artifact.metadata : this.metadataFile(relDir, artifactId, artifact.additionalMetadataFile);
    let index = this.metadataIndexes.get(raw);
    if (index === undefined) {
      index = new StackMetadata(raw);
      this.metadataIndexes.set(raw, index);
      this.acknowledgements.addStackMetadata(raw);
    }
    return index;
  }

  private metadataFile(relDir: string, artifactId: string, file: unknown): unknown {
    if (typeof file !== 'string' || file === '') return undefined;
    // Metadata only labels things: without it the analysis falls back to artifact and logical IDs. A missing or
    // corrupt file is therefore no error; one outside the assembly, not regular or too large is.
    return this.files.readJsonIfPresent(joinPath(relDir, file), `metadata of stack ${shortInput(artifactId)}`, RESYNTH, { invalidJson: 'ignore' });
  }
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
  let shortest: string | undefined;
  for (const key of Object.keys(metadata)) {
    if (key.startsWith('/') && (shortest === undefined || key.length < shortest.length)) shortest = key;
  }
  return shortest?.slice(1);
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

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
