import { AssemblyIndex, isRecord, ResourceEntry, StackInfo } from './assembly-index';
import { opaque } from './opaque';
import { splitSymbolic } from './split';

/**
 * Values that cross a CloudFormation nested-stack boundary (AWS::CloudFormation::Stack, "Parameters" and "Return
 * values"): a nested template's `Ref` to a parameter is what the parent passes in the resource's `Parameters`,
 * evaluated in the parent; a parent's `Fn::GetAtt [Nested, Outputs.X]` is the nested template's output X,
 * evaluated in the nested stack. CDK passes every cross-nesting reference this way.
 *
 * Each value is computed once. A value that needs itself (a cycle CloudFormation would reject) or that crosses
 * more boundaries than any real app does becomes an opaque atom naming the reason, so hostile templates can
 * neither loop nor exhaust the stack.
 */

/** Each crossing restarts the depth count of the template evaluation, so the crossings themselves are bounded. */
const MAX_CROSSINGS = 16;

export interface TemplateEvaluator {
  resolveAt(value: unknown, depth: number): unknown;
}

export class NestedStackValues {
  private readonly cache = new Map<string, unknown>();
  private readonly inProgress = new Set<string>();

  constructor(private readonly index: AssemblyIndex, private readonly evaluatorFor: (stack: StackInfo) => TemplateEvaluator) {}

  /** What the parent passes for parameter `name` of nested stack `stack`; undefined when it passes nothing. */
  parameter(stack: StackInfo, name: string): unknown {
    const resource = this.index.parentResourceOf(stack);
    const passed = resource ? ownProperty(ownProperty(resource.raw.Properties, 'Parameters'), name) : undefined;
    if (!resource || passed === undefined) return undefined;
    const type = String(ownProperty(stack.parameters[name], 'Type') ?? 'String');
    // The parent passes the name of an SSM parameter; the template sees its value, which no template holds.
    if (type.startsWith('AWS::SSM::Parameter::Value')) return undefined;
    return this.once(`parameter ${stack.artifactId}.${name}`, () => {
      const value = this.evaluatorFor(resource.stack).resolveAt(passed, 0);
      // Parameters travel as strings; a list parameter splits the comma-delimited string it is given.
      if (!isListType(type) || typeof value !== 'string') return value;
      return splitSymbolic(value, ',') ?? opaque(`list parameter ${stack.artifactId}.${name} of an unresolved value`);
    });
  }

  /** Output `name` of the nested stack that `resource` deploys; undefined when that template is not in the input. */
  output(resource: ResourceEntry, name: string): unknown {
    const nested = this.index.nestedStackOf(resource);
    const output = nested ? ownProperty(nested.outputs, name) : undefined;
    if (!nested || !isRecord(output) || !Object.prototype.hasOwnProperty.call(output, 'Value')) return undefined;
    return this.once(`output ${nested.artifactId}.${name}`, () => this.evaluatorFor(nested).resolveAt(output.Value, 0));
  }

  private once(key: string, compute: () => unknown): unknown {
    if (this.cache.has(key)) return this.cache.get(key);
    if (this.inProgress.has(key)) return opaque(`${key}: a reference cycle between nested stacks`);
    if (this.inProgress.size >= MAX_CROSSINGS) return opaque(`${key}: passed through too many nested stacks`);
    this.inProgress.add(key);
    try {
      const value = compute();
      this.cache.set(key, value);
      return value;
    } finally {
      this.inProgress.delete(key);
    }
  }
}

function ownProperty(value: unknown, key: string): unknown {
  return isRecord(value) && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

function isListType(type: string): boolean {
  return type === 'CommaDelimitedList' || type.startsWith('List<');
}
