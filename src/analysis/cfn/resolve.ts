import { hasOpaque, opaque, opaqueExpression } from './opaque';
import { AnalysisEnvironment } from '../input';
import { AssemblyIndex, ExportEntry, isRecord, ResourceEntry, StackInfo } from './assembly-index';
import { evaluateCondition } from './conditions';
import { InputError } from './input-errors';
import { NESTED_STACK_TYPE } from './nested-stack-links';
import { NestedStackValues } from './nested-stack-values';
import { pseudoParameter, StackEnvironment, stackEnvironment } from './pseudo-parameters';
import { attributeValue, refValue } from './resource-attributes';
import { sameJson } from './same-json';
import { splitSymbolic } from './split';
import { substitute } from './substitute';
import { describeJson } from '../../iam/policy/values';
import { describeSymbolic, isSymbolic } from '../../iam/symbolic';
import { and, Tri } from '../../iam/tri';

/**
 * Symbolic evaluation of CloudFormation intrinsic functions: template JSON in, plain JSON out whose strings may
 * carry atoms (iam/symbolic.ts) for what the templates do not fix. Never throws: anything it cannot evaluate
 * becomes an opaque atom that names the reason.
 */

/** `Ref: AWS::NoValue` and what it removes. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** Guards against self-referencing or absurdly deep templates (hostile input must not overflow the stack). */
const MAX_DEPTH = 64;

/** `Fn::GetAtt [NestedStack, Outputs.<Name>]` reads a nested stack's output. */
const OUTPUTS_PREFIX = 'Outputs.';

export class AssemblyResolver {
  private readonly stacks = new Map<StackInfo, StackResolver>();
  /** Each export by its resolved name (the first, where names repeat), read on the first import. */
  private exportsByName?: ReadonlyMap<string, ExportEntry>;
  private readingExportNames = false;
  /** Parameters and outputs across nested-stack boundaries. */
  readonly nested: NestedStackValues;
  /**
   * What cannot be read: the index's structural errors, then those found while resolving (properties that do not
   * resolve to an object, properties of the wrong type). Read it after the last decision.
   */
  readonly errors: InputError[];

  /**
   * @param assumedConditions CloudFormation Conditions taken as decided, keyed `<artifactId>/<condition name>`: one
   * deployment among those the templates allow (decide/condition-worlds.ts evaluates each). Empty: none assumed.
   */
  constructor(readonly index: AssemblyIndex, readonly environment: AnalysisEnvironment,
    readonly assumedConditions: ReadonlyMap<string, boolean> = new Map()) {
    this.nested = new NestedStackValues(index, (stack) => this.forStack(stack));
    this.errors = [...index.errors];
  }

  forStack(stack: StackInfo): StackResolver {
    let r = this.stacks.get(stack);
    if (!r) {
      r = new StackResolver(this, stack, stackEnvironment(stack, this.environment));
      this.stacks.set(stack, r);
    }
    return r;
  }

  /** The exported value of `name` across the assembly, resolved in its own stack; undefined when not exported. */
  importValue(name: string, depth: number): unknown {
    const e = this.exportNamed(name, depth);
    return e === undefined ? undefined : this.forStack(e.stack).resolveAt(e.value, depth + 1);
  }

  /**
   * The first export whose name resolves to `name`. The names are resolved once for the assembly: an app split into
   * stacks imports each value it shares wherever it uses it (every bucket ARN in every grant), and a scan of the
   * exports per import was O(imports × exports). An export name that itself imports (CloudFormation refuses it, but
   * a template may say so) is looked up by that scan while the names are being read, so the reading ends.
   */
  private exportNamed(name: string, depth: number): ExportEntry | undefined {
    if (this.exportsByName === undefined) {
      if (this.readingExportNames) return this.index.exports.find((e) => this.forStack(e.stack).resolveAt(e.name, depth + 1) === name);
      this.readingExportNames = true;
      try {
        const byName = new Map<string, ExportEntry>();
        for (const e of this.index.exports) {
          const resolved = this.forStack(e.stack).resolveAt(e.name, 1);
          if (typeof resolved === 'string' && !byName.has(resolved)) byName.set(resolved, e);
        }
        this.exportsByName = byName;
      } finally {
        this.readingExportNames = false;
      }
    }
    return this.exportsByName.get(name);
  }

  /** A nested stack is deployed only where the parent resource that deploys it is. */
  stackDeployed(stack: StackInfo): Tri {
    const parent = this.index.parentResourceOf(stack);
    return parent ? this.forStack(parent.stack).deployed(parent) : 'true';
  }
}

export class StackResolver {
  private readonly propertyCache = new Map<ResourceEntry, Record<string, unknown>>();
  private readonly inProgress = new Set<ResourceEntry>();
  private readonly conditionCache = new Map<string, Tri>();
  private readonly conditionsInProgress = new Set<string>();

  constructor(readonly assembly: AssemblyResolver, readonly stack: StackInfo, readonly env: StackEnvironment) {}

  /** Resolve a template value; `AWS::NoValue` at top level becomes undefined. */
  resolve(value: unknown): unknown {
    const v = this.resolveAt(value, 0);
    return v === NO_VALUE ? undefined : v;
  }

  /** Resolve to a string, or undefined when the value is absent or not a string/number/boolean. */
  resolveString(value: unknown): string | undefined {
    const v = this.resolve(value);
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return undefined;
  }

  /** The resolved Properties of a resource of this stack (cached; `{}` when absent or unreadable). */
  properties(entry: ResourceEntry): Record<string, unknown> {
    const cached = this.propertyCache.get(entry);
    if (cached) return cached;
    if (this.inProgress.has(entry)) return {};
    this.inProgress.add(entry);
    try {
      const resolved = this.resolve(entry.raw.Properties);
      const props = isRecord(resolved) ? resolved : {};
      // A raw Properties that is not an object is the index's error already; one that resolves to something else
      // (an intrinsic at the top of Properties) leaves the whole resource unread, which must not pass silently.
      if (resolved !== undefined && !isRecord(resolved) && isRecord(entry.raw.Properties)) {
        this.assembly.errors.push({
          location: entry.display,
          templatePath: this.stack.templatePath,
          logicalId: entry.logicalId,
          jsonPath: 'Properties',
          message: `Properties does not resolve to an object (got ${typeof resolved === 'string' ? describeSymbolic(resolved) : describeJson(resolved)})`,
        });
      }
      this.propertyCache.set(entry, props);
      return props;
    } finally {
      this.inProgress.delete(entry);
    }
  }

  /** Whether a named condition of this stack holds. */
  condition(name: string, depth = 0): Tri {
    const assumed = this.assembly.assumedConditions.get(`${this.stack.artifactId}/${name}`);
    if (assumed !== undefined) return assumed ? 'true' : 'false';
    const cached = this.conditionCache.get(name);
    if (cached) return cached;
    if (this.conditionsInProgress.has(name) || !(name in this.stack.conditions)) return 'unknown';
    this.conditionsInProgress.add(name);
    try {
      const result = evaluateCondition(this.stack.conditions[name], {
        resolve: (v) => this.resolveAt(v, depth + 1),
        condition: (n) => this.condition(n, depth + 1),
      });
      this.conditionCache.set(name, result);
      return result;
    } finally {
      this.conditionsInProgress.delete(name);
    }
  }

  /** Is the resource deployed? Its `Condition` decides ('unknown' when undecidable), and in a nested stack the
   * parent's resource that deploys the stack too. */
  deployed(entry: ResourceEntry): Tri {
    const own = typeof entry.raw.Condition === 'string' ? this.condition(entry.raw.Condition) : 'true';
    return and(own, this.assembly.stackDeployed(this.stack));
  }

  resolveAt(value: unknown, depth: number): unknown {
    if (depth > MAX_DEPTH) return opaque('template nested too deeply (or a reference cycle)');
    if (Array.isArray(value)) {
      return value.map((v) => this.resolveAt(v, depth + 1)).filter((v) => v !== NO_VALUE);
    }
    if (!isRecord(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
      return this.intrinsic(keys[0], value[keys[0]], depth + 1);
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const v = this.resolveAt(value[k], depth + 1);
      if (v === NO_VALUE) continue;
      // defineProperty: a key named `__proto__` in hostile JSON must stay a plain key.
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  private intrinsic(name: string, arg: unknown, depth: number): unknown {
    const expr = { [name]: arg };
    switch (name) {
      case 'Ref': return this.ref(arg, depth);
      case 'Fn::GetAtt': return this.getAtt(arg, depth);
      case 'Fn::Join': return this.join(arg, depth, expr);
      case 'Fn::Sub': return this.sub(arg, depth, expr);
      case 'Fn::Select': return this.select(arg, depth, expr);
      case 'Fn::Split': return this.split(arg, depth, expr);
      case 'Fn::If': return this.ifThen(arg, depth, expr);
      case 'Fn::ImportValue': return this.importValue(arg, depth, expr);
      case 'Fn::FindInMap': return this.findInMap(arg, depth, expr);
      default: return opaqueExpression(`unsupported intrinsic ${name}`, expr);
    }
  }

  private ref(arg: unknown, depth: number): unknown {
    if (typeof arg !== 'string') return opaqueExpression('Ref to a non-string', { Ref: arg });
    if (arg === 'AWS::NoValue') return NO_VALUE;
    const pseudo = pseudoParameter(arg, this.stack, this.env);
    if (pseudo !== undefined) return pseudo;
    if (arg in this.stack.parameters) {
      const passed = this.assembly.nested.parameter(this.stack, arg);
      // Passing `AWS::NoValue` passes nothing: the parameter's default applies, which stays unresolved as before.
      return passed !== undefined && passed !== NO_VALUE ? passed : opaque(`parameter ${this.stack.stackName}.${arg}`);
    }
    const entry = this.assembly.index.resource(this.stack, arg);
    if (!entry) return opaque(`Ref to ${arg}, which is not in ${this.stack.stackName}`);
    return refValue(entry, this.attributeContext(entry, depth));
  }

  private getAtt(arg: unknown, depth: number): unknown {
    let logicalId: unknown;
    let attribute: unknown;
    if (typeof arg === 'string') {
      const dot = arg.indexOf('.');
      [logicalId, attribute] = dot < 0 ? [arg, ''] : [arg.slice(0, dot), arg.slice(dot + 1)];
    } else if (Array.isArray(arg) && arg.length === 2) {
      logicalId = arg[0];
      attribute = this.resolveAt(arg[1], depth + 1);
    }
    if (typeof logicalId !== 'string' || typeof attribute !== 'string' || attribute === '') {
      return opaqueExpression('malformed Fn::GetAtt', { 'Fn::GetAtt': arg });
    }
    const entry = this.assembly.index.resource(this.stack, logicalId);
    if (!entry) return opaque(`Fn::GetAtt of ${logicalId}, which is not in ${this.stack.stackName}`);
    if (entry.type === NESTED_STACK_TYPE && attribute.startsWith(OUTPUTS_PREFIX)) {
      const output = this.assembly.nested.output(entry, attribute.slice(OUTPUTS_PREFIX.length));
      if (output !== undefined && output !== NO_VALUE) return output;
    }
    return attributeValue(entry, attribute, this.attributeContext(entry, depth));
  }

  private attributeContext(entry: ResourceEntry, depth: number) {
    return {
      env: this.env,
      property: (name: string): string | undefined => {
        if (this.inProgress.has(entry) || depth > MAX_DEPTH) return undefined;
        const v = this.properties(entry)[name];
        return typeof v === 'string' ? v : undefined;
      },
    };
  }

  private join(arg: unknown, depth: number, expr: unknown): unknown {
    if (!Array.isArray(arg) || arg.length !== 2) return opaqueExpression('malformed Fn::Join', expr);
    const delimiter = this.resolveAt(arg[0], depth + 1);
    const list = this.resolveAt(arg[1], depth + 1);
    if (typeof delimiter !== 'string') return opaqueExpression('Fn::Join delimiter is not a string', expr);
    if (!Array.isArray(list)) {
      return typeof list === 'string' && hasOpaque(list) ? opaqueExpression('Fn::Join over an unresolved list', expr)
        : opaqueExpression('Fn::Join over a non-list', expr);
    }
    const parts: string[] = [];
    for (const item of list) {
      if (typeof item === 'string') parts.push(item);
      else if (typeof item === 'number' || typeof item === 'boolean') parts.push(String(item));
      else return opaqueExpression('Fn::Join of a non-string element', expr);
    }
    return parts.join(delimiter);
  }

  private sub(arg: unknown, depth: number, expr: unknown): unknown {
    let template: unknown = arg;
    let variables: Record<string, unknown> = {};
    if (Array.isArray(arg)) {
      if (arg.length !== 2 || !isRecord(arg[1])) return opaqueExpression('malformed Fn::Sub', expr);
      template = arg[0];
      variables = arg[1];
    }
    if (typeof template !== 'string') return opaqueExpression('Fn::Sub of a non-string', expr);
    return substitute(template, (name) => {
      if (Object.prototype.hasOwnProperty.call(variables, name)) {
        const v = this.resolveAt(variables[name], depth + 1);
        return typeof v === 'string' || typeof v === 'number' ? String(v) : opaqueExpression(`Fn::Sub variable ${name}`, variables[name]);
      }
      const dot = name.indexOf('.');
      const v = dot < 0 ? this.ref(name, depth + 1) : this.getAtt(name, depth + 1);
      return typeof v === 'string' ? v : opaqueExpression(`Fn::Sub variable ${name}`, name);
    });
  }

  private select(arg: unknown, depth: number, expr: unknown): unknown {
    if (!Array.isArray(arg) || arg.length !== 2) return opaqueExpression('malformed Fn::Select', expr);
    const index = Number(this.resolveAt(arg[0], depth + 1));
    const list = this.resolveAt(arg[1], depth + 1);
    if (!Array.isArray(list) || !Number.isInteger(index)) return opaqueExpression('Fn::Select over an unresolved list', expr);
    if (index < 0 || index >= list.length) return opaqueExpression('Fn::Select index out of range', expr);
    return list[index];
  }

  private split(arg: unknown, depth: number, expr: unknown): unknown {
    if (!Array.isArray(arg) || arg.length !== 2) return opaqueExpression('malformed Fn::Split', expr);
    const delimiter = this.resolveAt(arg[0], depth + 1);
    const source = this.resolveAt(arg[1], depth + 1);
    if (typeof delimiter !== 'string' || delimiter === '' || typeof source !== 'string') {
      return opaqueExpression('Fn::Split of a non-string', expr);
    }
    return splitSymbolic(source, delimiter) ?? opaqueExpression('Fn::Split of an unresolved value', expr);
  }

  private ifThen(arg: unknown, depth: number, expr: unknown): unknown {
    if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return opaqueExpression('malformed Fn::If', expr);
    const holds = this.condition(arg[0], depth + 1);
    if (holds === 'true') return this.resolveAt(arg[1], depth + 1);
    if (holds === 'false') return this.resolveAt(arg[2], depth + 1);
    const a = this.resolveAt(arg[1], depth + 1);
    const b = this.resolveAt(arg[2], depth + 1);
    if (sameJson(a, b)) return a;
    return opaqueExpression(`Fn::If on condition ${arg[0]}, which cannot be decided from the templates`, expr);
  }

  private importValue(arg: unknown, depth: number, expr: unknown): unknown {
    const name = this.resolveAt(arg, depth + 1);
    if (typeof name !== 'string' || isSymbolic(name)) return opaqueExpression('Fn::ImportValue of an unresolved name', expr);
    const value = this.assembly.importValue(name, depth + 1);
    return value === undefined ? opaque(`Fn::ImportValue ${name} (not exported by any stack of the assembly)`) : value;
  }

  private findInMap(arg: unknown, depth: number, expr: unknown): unknown {
    if (!Array.isArray(arg) || arg.length < 3) return opaqueExpression('malformed Fn::FindInMap', expr);
    const [map, top, second] = arg.slice(0, 3).map((a) => this.resolveAt(a, depth + 1));
    if (typeof map !== 'string' || typeof top !== 'string' || typeof second !== 'string' || isSymbolic(top + second)) {
      return opaqueExpression('Fn::FindInMap with unresolved keys', expr);
    }
    const m = this.stack.mappings[map];
    const level = isRecord(m) && Object.prototype.hasOwnProperty.call(m, top) ? m[top] : undefined;
    if (isRecord(level) && Object.prototype.hasOwnProperty.call(level, second)) return this.resolveAt(level[second], depth + 1);
    // The default applies only when the keys are known and absent from the map (Fn::FindInMap enhancements).
    if (arg.length === 4 && isRecord(arg[3]) && 'DefaultValue' in arg[3]) return this.resolveAt(arg[3].DefaultValue, depth + 1);
    return opaqueExpression('Fn::FindInMap key not in the mapping', expr);
  }
}
