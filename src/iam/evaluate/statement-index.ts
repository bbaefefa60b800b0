import { Policy, Statement } from '../model';
import { ARN_COMPONENTS, splitArn } from '../policy/arn';
import { ATOM_CLOSE, ATOM_OPEN } from '../symbolic';
import { PrincipalRule } from './statement';

/**
 * Which statements of a policy can apply to a request, found without matching each one.
 *
 * The evaluator asks every policy of a role about every write of the role; a role granted on B buckets has B
 * statements, so judging F functions × B buckets one statement at a time costs F·B² resource matches, nearly all
 * proving that one bucket's name is not another's. Indexed by the name a statement's Resource entries give (the
 * first `/`-separated segment of the ARN's resource part: the bucket of an S3 ARN), a request is matched only
 * against the statements that name its bucket, and those the index cannot rule out.
 *
 * The index is conservative: a statement is left out only when its Resource certainly does not cover the request's
 * resource, so the statement would not apply and would leave no trace in the layer's verdict (layer.ts keeps only
 * statements that apply or may). That holds when every entry's name and the request's are *fixed names* that
 * differ: plain text with no wildcard, variable or private-use character, or exactly one generated atom (a name
 * CloudFormation picks: equal only to itself, never spelled by plain text, holding no `/` — symbolic.ts). An entry
 * `arn:…:<name>/…` or `arn:…:<name>` then needs the resource part to begin with `<name>` followed by `/` or its end,
 * which a different fixed name (holding no `/`) never does. Everything else — `*`, a wildcard or variable in the
 * name, an opaque atom, a short ARN, NotResource, no Resource, a malformed statement — is evaluated every time.
 */
export interface StatementIndex {
  /** Positions of the statements evaluated for every request. */
  readonly always: readonly number[];
  /** Positions of the statements by the fixed name their Resource entries give. */
  readonly byName: ReadonlyMap<string, readonly number[]>;
  /** Positions of statements that name principals (malformed in a layer that forbids them), and of those that do not. */
  readonly naming: readonly number[];
  readonly notNaming: readonly number[];
  /** The merged positions per principal rule and name, kept: a role's writes ask the same few questions. */
  readonly merged: Map<string, readonly number[]>;
}

const indexes = new WeakMap<Policy, StatementIndex>();

/** Below this many statements, matching each one costs less than merging the index's lists. */
const SMALL_POLICY = 8;

/**
 * The positions of the policy's statements to evaluate for a request on `resource`, in the policy's order (so
 * traces and references come out as when every statement is evaluated); undefined for all of them, when the
 * index cannot help.
 */
export function candidatePositions(policy: Policy, resource: string, rule: PrincipalRule): Candidates | undefined {
  if (policy.statements.length <= SMALL_POLICY) return undefined;
  const name = requestName(resource);
  if (name === undefined) return undefined;
  const index = indexOf(policy);
  const key = `${rule}\u0000${name}`;
  let positions = index.merged.get(key);
  if (!positions) {
    const principalProblems = rule === 'forbidden' ? index.naming : rule === 'required' ? index.notNaming : [];
    positions = mergeSorted([index.always, index.byName.get(name) ?? [], principalProblems]);
    index.merged.set(key, positions);
  }
  return positions.length === policy.statements.length ? undefined : { positions, name };
}

/** The statements to evaluate, and the request's name they were chosen for. */
export interface Candidates {
  readonly positions: readonly number[];
  readonly name: string;
}

function indexOf(policy: Policy): StatementIndex {
  let index = indexes.get(policy);
  if (!index) {
    index = buildIndex(policy.statements);
    indexes.set(policy, index);
  }
  return index;
}

function buildIndex(statements: readonly Statement[]): StatementIndex {
  const always: number[] = [];
  const byName = new Map<string, number[]>();
  const naming: number[] = [];
  const notNaming: number[] = [];
  statements.forEach((statement, i) => {
    (statement.principal || statement.notPrincipal ? naming : notNaming).push(i);
    const names = statement.malformed === undefined && statement.resource && statement.notResource === undefined
      ? entryNames(statement.resource) : undefined;
    if (names === undefined) {
      always.push(i);
      return;
    }
    for (const name of names) {
      const list = byName.get(name);
      if (!list) byName.set(name, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  });
  return { always, byName, naming, notNaming, merged: new Map() };
}

/** The fixed names of every entry, or undefined when some entry could cover other names. */
function entryNames(entries: readonly string[]): string[] | undefined {
  const names: string[] = [];
  for (const entry of entries) {
    const name = resourceName(entry);
    if (name === undefined || /[*?$]/.test(name)) return undefined;
    names.push(name);
  }
  return names;
}

/** The name a request's resource gives, when it is fixed (a request's resource is text, not a pattern). */
function requestName(resource: string): string | undefined {
  return resourceName(resource);
}

/**
 * The first `/`-separated segment of an ARN's resource part when it is a fixed name: plain text (no private-use
 * character: no atom, no literal-wildcard marker), or exactly one generated atom. Undefined otherwise.
 */
function resourceName(arn: string): string | undefined {
  const parts = splitArn(arn);
  if (parts.length < ARN_COMPONENTS) return undefined;
  const part = parts[ARN_COMPONENTS - 1];
  const name = part.startsWith(ATOM_OPEN) ? atomPrefix(part) : part.split('/', 1)[0];
  if (name === undefined) return undefined;
  if (name.startsWith(ATOM_OPEN)) return name;
  return PRIVATE_USE.test(name) ? undefined : name;
}

const PRIVATE_USE = /[\uE000-\uF8FF]/;
const GENERATED = `${ATOM_OPEN}generated:`;

/** A leading generated atom that is the whole segment (followed by `/` or the end), else undefined. */
function atomPrefix(part: string): string | undefined {
  if (!part.startsWith(GENERATED)) return undefined;
  const close = part.indexOf(ATOM_CLOSE);
  if (close < 0) return undefined;
  const atom = part.slice(0, close + 1);
  if (atom.indexOf(ATOM_OPEN, 1) >= 0) return undefined;
  const rest = part.slice(close + 1);
  return rest === '' || rest.startsWith('/') ? atom : undefined;
}

/** The sorted union of sorted lists of positions. */
function mergeSorted(lists: readonly (readonly number[])[]): number[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length === 1) return [...nonEmpty[0]];
  const all = nonEmpty.flat().sort((a, b) => a - b);
  return all.filter((v, i) => i === 0 || all[i - 1] !== v);
}
