import { linkNestedStacks } from './nested-stack-links';
import { PATH_METADATA_KEY } from './path-metadata';
import { isPlainObject as isRecord } from '../../iam/policy/values';
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
  /** Problems reading the input (a template that is not an object…), for notes. */
  readonly problems: readonly string[];
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

export function buildAssemblyIndex(input: AssemblyInput): AssemblyIndex {
  const problems: string[] = [];
  const stacks: StackInfo[] = [];
  const rawStacks: readonly StackTemplate[] = Array.isArray(input?.stacks) ? input.stacks : [];
  if (!Array.isArray(input?.stacks)) problems.push('the assembly input has no list of stacks');
  for (const s of rawStacks) {
    if (!isRecord(s)) {
      problems.push('a stack entry is not an object');
      continue;
    }
    const template = recordOrEmpty(s.template);
    if (!isRecord(s.template)) problems.push(`stack ${String(s.artifactId)}: the template is not a JSON object`);
    stacks.push({
      artifactId: String(s.artifactId ?? s.stackName ?? `stack${stacks.length}`),
      stackName: String(s.stackName ?? s.artifactId ?? `stack${stacks.length}`),
      stackPath: typeof s.stackPath === 'string' ? s.stackPath : undefined,
      templatePath: String(s.templatePath ?? ''),
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
        problems.push(`${stack.artifactId}/${logicalId}: the resource is not an object`);
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
