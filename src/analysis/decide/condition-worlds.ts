import { AssemblyIndex, isRecord, StackInfo } from '../cfn/assembly-index';
import { AssemblyResolver } from '../cfn/resolve';
import { AnalysisEnvironment } from '../input';
import { buildModel } from '../model/build-model';
import { AppModel } from '../model/types';
import { Finding, Verdict } from '../report';

/**
 * CloudFormation Conditions the templates do not decide (a parameter given at deploy time) make the values and
 * resources that depend on them unknown: a `Fn::If [Cond, A, B]` policy value, a policy resource with
 * `Condition: Cond`. But a stack is deployed with each Condition either true or false, and when every such deployment
 * gives a write the same verdict, that is the verdict (CloudFormation User Guide, "Conditions",
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html: a condition is
 * evaluated once, when the stack is created or updated, and `Fn::If` returns one of its two values).
 *
 * So a write the analysis finds UNKNOWN is decided again in each deployment (a "world": every undecided Condition
 * that a resource of the app reads set true or false): the same verdict in every world is the answer; different
 * verdicts leave it UNKNOWN, naming the Conditions and what each world gives. Conditions are assigned one by one,
 * so a world may combine values no parameter set gives (`IsProd` and `IsDev` both true): that only adds worlds,
 * which can only keep a verdict UNKNOWN, never decide one wrongly.
 */

/** Beyond this many undecided Conditions (2^n worlds) a write stays UNKNOWN as the plain analysis found it. */
export const MAX_WORLD_CONDITIONS = 4;

export interface UndecidedCondition {
  readonly stack: StackInfo;
  readonly name: string;
}

export type DecideFindings = (model: AppModel, only: ReadonlySet<string>) => Finding[];

/** The identity of a finding across worlds: function, bucket, keys and how the intent was found. */
export function findingKey(f: Pick<Finding, 'function' | 'bucket' | 'keyPattern' | 'intent'>): string {
  return JSON.stringify([f.function, f.bucket, f.keyPattern, f.intent]);
}

/** The UNKNOWN findings decided again in every world; the others are returned as they are. */
export function acrossConditionWorlds(index: AssemblyIndex, environment: AnalysisEnvironment, findings: readonly Finding[],
  decide: DecideFindings): Finding[] {
  const open = new Set(findings.filter((f) => f.verdict === 'UNKNOWN').map(findingKey));
  if (open.size === 0) return [...findings];
  const conditions = undecidedConditions(index, environment);
  if (conditions.length === 0) return [...findings];
  const all = assignments(index, environment, conditions);
  if (all === undefined) return [...findings];
  const worlds = all.map((assumed) => {
    const decided = decide(buildModel(index, environment, keyed(assumed)), open);
    return { assumed, findings: new Map(decided.map((f) => [findingKey(f), f])) };
  });
  return findings.map((f) => (f.verdict !== 'UNKNOWN' ? f : combined(f, worlds.flatMap((w) => {
    const found = w.findings.get(findingKey(f));
    return found ? [{ assumed: w.assumed, finding: found }] : [];
  }))));
}

/** An assignment of the undecided Conditions: one deployment. */
type Assignment = readonly { readonly condition: UndecidedCondition; readonly value: boolean }[];

interface WorldFinding {
  readonly assumed: Assignment;
  readonly finding: Finding;
}

function keyed(assumed: Assignment): Map<string, boolean> {
  return new Map(assumed.map((a) => [`${a.condition.stack.artifactId}/${a.condition.name}`, a.value]));
}

/**
 * Every deployment: the Conditions (roots first) assigned one at a time, each only in the worlds where the ones
 * already assigned leave it undecided — so `IsNotProd: Fn::Not [Condition IsProd]` follows `IsProd`. Undefined when
 * there would be more than 2^MAX_WORLD_CONDITIONS worlds.
 */
function assignments(index: AssemblyIndex, environment: AnalysisEnvironment, conditions: readonly UndecidedCondition[]): Assignment[] | undefined {
  let worlds: Assignment[] = [[]];
  for (const condition of conditions) {
    worlds = worlds.flatMap((w) => {
      const open = new AssemblyResolver(index, environment, keyed(w)).forStack(condition.stack).condition(condition.name) === 'unknown';
      return open ? [[...w, { condition, value: true }], [...w, { condition, value: false }]] : [w];
    });
    if (worlds.length > 2 ** MAX_WORLD_CONDITIONS) return undefined;
  }
  return worlds;
}

/**
 * The finding across the worlds in which the write exists (a world whose Conditions leave out the function or
 * its grant has no such write to judge).
 */
function combined(base: Finding, worlds: readonly WorldFinding[]): Finding {
  if (worlds.length === 0) return base;
  const verdicts = new Set(worlds.map((w) => w.finding.verdict));
  const names = describeConditions(conditionsOf(worlds));
  if (verdicts.size === 1) {
    const [first] = worlds;
    if (first.finding.verdict === 'UNKNOWN') return base;
    return {
      ...first.finding,
      notes: [...(first.finding.notes ?? []), `decided for every value of the CloudFormation ${names}, which the templates leave to deploy time: each gives ${first.finding.verdict}`],
    };
  }
  const depends = `the verdict depends on the CloudFormation ${names}, decided at deploy time: ${perWorld(worlds)}.`;
  const [first, ...rest] = base.causes;
  return {
    ...base,
    causes: first
      ? [{ ...first, message: `${first.message} ${capital(depends)}` }, ...rest]
      : [{ code: 'UNRESOLVED', message: `${base.function} writing ${base.bucket} keys ${base.keyPattern}: ${depends}`, location: base.function }],
  };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "ALLOW when Condition "X" holds, DENY when it does not", or each world's verdict when no one Condition decides. */
function perWorld(worlds: readonly WorldFinding[]): string {
  for (const condition of conditionsOf(worlds)) {
    const verdictWhen = (value: boolean): Verdict | undefined => {
      const holding = worlds.filter((w) => w.assumed.some((a) => a.condition === condition && a.value === value));
      const found = new Set(holding.map((w) => w.finding.verdict));
      return found.size === 1 ? [...found][0] : undefined;
    };
    const whenTrue = verdictWhen(true);
    const whenFalse = verdictWhen(false);
    if (whenTrue && whenFalse && whenTrue !== whenFalse && worlds.every((w) => w.assumed.some((a) => a.condition === condition))) {
      return `${whenTrue} when Condition "${condition.name}" holds, ${whenFalse} when it does not`;
    }
  }
  return worlds.map((w) => `${w.assumed.map((a) => `${a.condition.name}=${a.value}`).join(', ')}: ${w.finding.verdict}`).join('; ');
}

/** The Conditions some world assigns, in the order they were assigned. */
function conditionsOf(worlds: readonly WorldFinding[]): UndecidedCondition[] {
  return [...new Set(worlds.flatMap((w) => w.assumed.map((a) => a.condition)))];
}

function describeConditions(conditions: readonly UndecidedCondition[]): string {
  const list = conditions.map((c) => `"${c.name}" (stack ${c.stack.stackName})`).join(', ');
  return conditions.length === 1 ? `Condition ${list}` : `Conditions ${list}`;
}

/** Resources that decide nothing about writes, whose Conditions need no world (CDK adds one to every stack). */
const IGNORED_TYPES = new Set(['AWS::CDK::Metadata']);

/**
 * The Conditions a resource of the app reads (its own `Condition`, or `Fn::If` in its properties) that the templates
 * do not decide, in a stable order.
 */
export function undecidedConditions(index: AssemblyIndex, environment: AnalysisEnvironment): UndecidedCondition[] {
  const resolver = new AssemblyResolver(index, environment);
  const found = new Map<string, UndecidedCondition & { readonly depth: number }>();
  const add = (stack: StackInfo, name: string, depth: number): void => {
    const key = `${stack.artifactId}/${name}`;
    const known = found.get(key);
    if ((known && known.depth >= depth) || !Object.prototype.hasOwnProperty.call(stack.conditions, name) || depth > 16) return;
    if (resolver.forStack(stack).condition(name) !== 'unknown') return;
    found.set(key, { stack, name, depth });
    // The Conditions it is built from come first (they are the ones a parameter decides).
    const uses = new Set<string>();
    conditionNames(stack.conditions[name], uses, 0);
    for (const used of uses) add(stack, used, depth + 1);
  };
  for (const entry of index.resources) {
    if (IGNORED_TYPES.has(entry.type)) continue;
    const names = new Set<string>();
    if (typeof entry.raw.Condition === 'string') names.add(entry.raw.Condition);
    conditionNames(entry.raw.Properties, names, 0);
    for (const name of names) add(entry.stack, name, 0);
  }
  return [...found.values()].sort((a, b) => b.depth - a.depth).map(({ stack, name }) => ({ stack, name }));
}

/** The Condition names a value reads: `Fn::If`'s first argument, `{Condition: name}` in a condition's definition. */
function conditionNames(value: unknown, names: Set<string>, depth: number): void {
  if (depth > 64) return;
  if (Array.isArray(value)) {
    for (const v of value) conditionNames(v, names, depth + 1);
    return;
  }
  if (!isRecord(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'Fn::If' && Array.isArray(v) && typeof v[0] === 'string') names.add(v[0]);
    if (k === 'Condition' && typeof v === 'string') names.add(v);
    conditionNames(v, names, depth + 1);
  }
}
