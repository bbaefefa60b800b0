import { hasShape, InputError, JsonShape, wrongShape } from './input-errors';
import { linkNestedStacks } from './nested-stack-links';
import { hasOpaque } from './opaque';
import { PATH_METADATA_KEY } from './path-metadata';
import { describeJson, isPlainObject as isRecord } from '../../iam/policy/values';
import { AssemblyInput, NestedStackLink, StackTemplate } from '../input';

/**
 * The templates of one assembly, indexed the ways the analysis looks things up: a resource by stack and logical
 * ID, by construct path (`aws:cdk:path` metadata), an export by name (for `Fn::ImportValue`), and a nested stack
 * by the parent resource that deploys it (and back).
 */

export interface StackInfo {
  readonly artifactId: string;
  readonly stackName: string;
  readonly stackPath?: string;
  readonly templatePath: string;
  readonly account?: string;
  readonly region?: string;
  /** For a nested stack, as the input says; `AssemblyIndex.parentResourceOf` tells whether the link holds. */
  readonly nestedIn?: NestedStackLink;
  readonly resources: Readonly<Record<string, RawResource>>;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly conditions: Readonly<Record<string, unknown>>;
  readonly mappings: Readonly<Record<string, unknown>>;
  readonly outputs: Readonly<Record<string, unknown>>;
}

export interface RawResource {
  readonly Type?: unknown;
  readonly Properties?: unknown;
  readonly Metadata?: unknown;
  readonly Condition?: unknown;
}

export interface ResourceEntry {
  readonly stack: StackInfo;
  readonly logicalId: string;
  readonly type: string;
  readonly raw: RawResource;
  /** `aws:cdk:path` as written (e.g. `Stack/Bucket/Resource`), when present. */
  readonly cdkPath?: string;
  /** The construct path a person recognises: `aws:cdk:path` without a trailing `/Resource`, else `Stack/LogicalId`. */
  readonly display: string;
}

export interface ExportEntry {
  readonly stack: StackInfo;
  readonly outputName: string;
  readonly value: unknown;
  /** The export's Name as written, resolved later in its own stack. */
  readonly name: unknown;
}

export interface AssemblyIndex {
  readonly stacks: readonly StackInfo[];
  readonly resources: readonly ResourceEntry[];
  /** Things worth a note (a nested stack analysed on its own). */
  readonly problems: readonly string[];
  /** What cannot be read at all (a template that is not an object, a resource without a Type…): see input-errors.ts. */
  readonly errors: readonly InputError[];
  /** Output entries that carry an `Export` (names unresolved: the resolver resolves them in their stack). */
  readonly exports: readonly ExportEntry[];
  resource(stack: StackInfo, logicalId: string): ResourceEntry | undefined;
  /** Resources whose construct path (with or without `/Resource`) is `path`, or ends with `/path`. */
  byConstructPath(path: string): ResourceEntry[];
  ofType(type: string): ResourceEntry[];
  /** The parent's `AWS::CloudFormation::Stack` resource that deploys a nested stack; undefined for a top-level one. */
  parentResourceOf(stack: StackInfo): ResourceEntry | undefined;
  /** The nested stack an `AWS::CloudFormation::Stack` resource deploys, when its template is in the input. */
  nestedStackOf(resource: ResourceEntry): StackInfo | undefined;
}

/** A JSON object (not null, not an array): one definition for every layer, in src/iam. */
export { isRecord };

function recordOrEmpty(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** The sections of a template the analysis reads, each an object when present (CloudFormation template anatomy). */
const SECTIONS = ['Resources', 'Parameters', 'Conditions', 'Mappings', 'Outputs'] as const;

export function buildAssemblyIndex(input: AssemblyInput): AssemblyIndex {
  const problems: string[] = [];
  const errors: InputError[] = [];
  const stacks: StackInfo[] = [];
  const rawStacks: readonly StackTemplate[] = Array.isArray(input?.stacks) ? input.stacks : [];
  if (!Array.isArray(input?.stacks)) errors.push({ location: '(assembly)', message: 'the assembly input has no list of stacks' });
  for (const s of rawStacks) {
    if (!isRecord(s)) {
      errors.push({ location: '(assembly)', message: `a stack entry is not an object (got ${describeJson(s)})` });
      continue;
    }
    const artifactId = String(s.artifactId ?? s.stackName ?? `stack${stacks.length}`);
    const templatePath = String(s.templatePath ?? '');
    const template = recordOrEmpty(s.template);
    errors.push(...templateErrors(s.template, `stack ${artifactId}`, templatePath));
    stacks.push({
      artifactId,
      stackName: String(s.stackName ?? s.artifactId ?? `stack${stacks.length}`),
      stackPath: typeof s.stackPath === 'string' ? s.stackPath : undefined,
      templatePath,
      account: literalEnvValue(s.account),
      region: literalEnvValue(s.region),
      nestedIn: s.nestedIn,
      resources: recordOrEmpty(template.Resources) as Record<string, RawResource>,
      parameters: recordOrEmpty(template.Parameters),
      conditions: recordOrEmpty(template.Conditions),
      mappings: recordOrEmpty(template.Mappings),
      outputs: recordOrEmpty(template.Outputs),
    });
  }

  const resources: ResourceEntry[] = [];
  const byStack = new Map<StackInfo, Map<string, ResourceEntry>>();
  for (const stack of stacks) {
    const map = new Map<string, ResourceEntry>();
    byStack.set(stack, map);
    for (const logicalId of Object.keys(stack.resources)) {
      const raw = stack.resources[logicalId];
      if (!isRecord(raw)) {
        errors.push({ ...unreadableAt(stack, logicalId), message: `the resource is not an object (got ${describeJson(raw)})` });
        continue;
      }
      const metadata = recordOrEmpty(raw.Metadata);
      const cdkPath = typeof metadata[PATH_METADATA_KEY] === 'string' ? metadata[PATH_METADATA_KEY] as string : undefined;
      const entry: ResourceEntry = {
        stack,
        logicalId,
        type: typeof raw.Type === 'string' ? raw.Type : '',
        raw,
        cdkPath,
        display: cdkPath ? cdkPath.replace(/\/Resource$/, '') : `${stack.stackPath ?? stack.stackName}/${logicalId}`,
      };
      errors.push(...resourceErrors(entry));
      resources.push(entry);
      map.set(logicalId, entry);
    }
  }

  const exports: ExportEntry[] = [];
  for (const stack of stacks) {
    for (const outputName of Object.keys(stack.outputs)) {
      const output = stack.outputs[outputName];
      if (!isRecord(output) || !isRecord(output.Export)) continue;
      exports.push({ stack, outputName, value: output.Value, name: output.Export.Name });
    }
  }

  const resourceOf = (stack: StackInfo, logicalId: string) => byStack.get(stack)?.get(logicalId);
  const links = linkNestedStacks(stacks, resourceOf, problems);

  return {
    stacks,
    resources,
    problems,
    errors,
    exports,
    resource: resourceOf,
    byConstructPath: (path) => {
      const exact = resources.filter((r) => r.cdkPath === path || r.display === path);
      if (exact.length > 0) return exact;
      return resources.filter((r) => r.cdkPath?.endsWith(`/${path}`) || r.display.endsWith(`/${path}`));
    },
    ofType: (type) => resources.filter((r) => r.type === type),
    parentResourceOf: links.parentResourceOf,
    nestedStackOf: links.nestedStackOf,
  };
}

/** CDK writes `unknown-account`/`unknown-region` for environment-agnostic stacks in the manifest. */
function literalEnvValue(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '' || value.startsWith('unknown-') || value.includes('${')) return undefined;
  return value;
}

/**
 * A template CloudFormation rejects for its structure: it must be an object, and each section it has must be an
 * object (AWS CloudFormation User Guide, "Template anatomy",
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html). A template with no
 * `Resources` at all is how the CDK writes an empty stack (`cdk deploy` skips it): nothing to read, not an error.
 */
function templateErrors(template: unknown, location: string, templatePath: string): InputError[] {
  if (!isRecord(template)) return [{ location, templatePath, message: `the template is not a JSON object (got ${describeJson(template)})` }];
  return SECTIONS.filter((section) => !hasShape(template[section], 'object'))
    .map((section) => ({ location, templatePath, message: wrongShape(section, 'object', template[section]) }));
}

/**
 * A resource CloudFormation rejects for its structure: `Type` a string, `Properties` an object, `Condition` the
 * name of a condition ("Every Condition member must be a string"; AWS CloudFormation User Guide, "Resources
 * section structure", https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html).
 */
function resourceErrors(entry: ResourceEntry): InputError[] {
  const where = { location: entry.display, templatePath: entry.stack.templatePath, logicalId: entry.logicalId };
  const checks: [string, unknown, JsonShape][] = [['Type', entry.raw.Type ?? null, 'string'], ['Properties', entry.raw.Properties, 'object'],
    ['Condition', entry.raw.Condition, 'string']];
  return checks.filter(([, value, shape]) => !hasShape(value, shape) || (typeof value === 'string' && hasOpaque(value)))
    .map(([element, value, shape]) => ({ ...where, jsonPath: element, message: wrongShape(element, shape, value) }));
}

function unreadableAt(stack: StackInfo, logicalId: string): Omit<InputError, 'message'> {
  return { location: `${stack.stackPath ?? stack.stackName}/${logicalId}`, templatePath: stack.templatePath, logicalId };
}
