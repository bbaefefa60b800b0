import { BoundedCache } from '../bounded-cache';
import { KeyedCache } from '../keyed-cache';
import { Policy, Statement } from '../model';
import { PrincipalRule } from './statement';
import { matchStatementAction } from '../match/action';
import { globMatch } from '../match/glob';
import { matchStatementResource } from '../match/resource';
import { ARN_COMPONENTS, splitArn } from '../policy/arn';
import { ATOM_CLOSE, ATOM_OPEN } from '../symbolic';
import { FALSE, Tri } from '../tri';

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
  /** The candidate positions per principal rule, kept: a role's writes ask the same few questions. */
  readonly merged: Map<PrincipalRule, RuleCandidates>;
}

/**
 * The positions to evaluate under one principal rule (null: every statement): per name the policy's statements give,
 * and one list for every other name. Kept per name only for the names the policy holds, so what is kept grows with
 * the policy, not with the requests asked of it (a role granted on B buckets is asked about all B by each writer).
 */
interface RuleCandidates {
  readonly named: Map<string, readonly number[] | null>;
  readonly unnamed: readonly number[] | null;
}

const indexes = new WeakMap<Policy, StatementIndex>();

/**
 * Policies of at most this many statements are matched statement by statement. Asking the index costs a few map
 * lookups (its answers are kept per name), less than matching even a third statement; with a higher threshold the
 * CDK's last overflow policy of a role (often a handful of grants) was matched in full by every request of the role.
 */
export const SMALL_POLICY = 2;

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
  let forRule = index.merged.get(rule);
  if (!forRule) {
    forRule = { named: new Map(), unnamed: unlessEvery(policy, mergeSorted([index.always, principalProblems(index, rule)])) };
    index.merged.set(rule, forRule);
  }
  const named = index.byName.get(name);
  let positions: readonly number[] | null | undefined;
  if (named === undefined) {
    positions = forRule.unnamed;
  } else {
    positions = forRule.named.get(name);
    if (positions === undefined) {
      positions = unlessEvery(policy, mergeSorted([index.always, named, principalProblems(index, rule)]));
      forRule.named.set(name, positions);
    }
  }
  return positions === null ? undefined : { positions, name };
}

/** The statements the layer's principal rule judges malformed whatever their Resource: evaluated for every request. */
function principalProblems(index: StatementIndex, rule: PrincipalRule): readonly number[] {
  return rule === 'forbidden' ? index.naming : rule === 'required' ? index.notNaming : [];
}

/** The positions, or null when they are every statement of the policy (the index cannot help). */
function unlessEvery(policy: Policy, positions: readonly number[]): readonly number[] | null {
  return positions.length === policy.statements.length ? null : positions;
}

/**
 * How many answers the policy's index keeps, over every principal rule asked: one per name the policy's statements
 * give, plus one for all other names (tests hold it to the policy's size, whatever was asked).
 */
export function keptAnswers(policy: Policy): number {
  let kept = 0;
  for (const forRule of indexes.get(policy)?.merged.values() ?? []) kept += forRule.named.size + 1;
  return kept;
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

/** Which resources the Allow statements of a policy may apply to, by the name a resource gives. */
export interface AllowReach {
  /** Some Allow (or an unreadable statement, or the document itself) may apply whatever the resource's name. */
  readonly anyName: boolean;
  /** The fixed names the other Allows' Resource entries give. */
  readonly names: ReadonlySet<string>;
}

/** Which Allows count: those whose Action may cover one action, or some action of one service. */
export type ActionScope = { readonly action: string } | { readonly service: string };

// Per policy, by action or by service: two caches keyed by the name itself (no key string built per question).
const reachesByAction = new KeyedCache<Policy, AllowReach>();
const reachesByService = new KeyedCache<Policy, AllowReach>();

/**
 * The names of the resources an Allow of the policy may grant (`scope`: only the Allows whose Action may cover that
 * action, or an action of that service), by the same conservative rule as the index: a resource whose fixed name is
 * not among `names` (and `anyName` false) is granted nothing by this policy. Lets a caller asking "can this
 * principal do X on that bucket at all?" skip the question for every bucket or action its grants do not name,
 * instead of building and evaluating a request.
 */
export function allowReach(policy: Policy, scope: ActionScope): AllowReach {
  const byAction = 'action' in scope;
  return (byAction ? reachesByAction : reachesByService).get(policy, byAction ? scope.action : scope.service, () => {
    let anyName = policy.errors.length > 0;
    const names = new Set<string>();
    for (const statement of policy.statements) {
      if (statement.malformed === undefined && (statement.effect !== 'Allow' || !mayCover(statement, scope))) continue;
      const fixed = statement.malformed === undefined && statement.resource && statement.notResource === undefined
        ? entryNames(statement.resource) : undefined;
      if (fixed === undefined) anyName = true;
      else for (const name of fixed) names.add(name);
    }
    return { anyName, names };
  });
}

/**
 * Whether the statement's Action may cover the scope. For a service: some entry's service part may spell it
 * (`s3:Put*`, `*`, `S3:*`); NotAction may always (it covers every service but what it lists, IAM User Guide,
 * "IAM JSON policy elements: NotAction").
 */
function mayCover(statement: Statement, scope: ActionScope): boolean {
  if ('action' in scope) return matchStatementAction(statement, scope.action) !== FALSE;
  if (!statement.action) return true;
  return statement.action.some((entry) => {
    const colon = entry.indexOf(':');
    // `*`, or an entry that does not split into service and action: it may cover anything.
    if (colon < 0) return true;
    return globMatch(entry.slice(0, colon), scope.service, { wildcards: true, ignoreCase: true }) !== FALSE;
  });
}

/** Whether an Allow of the policy may apply to a request on `resource` (true when its name is not fixed). */
function allowMayReach(reach: AllowReach, resource: string): boolean {
  if (reach.anyName) return true;
  const name = fixedResourceName(resource);
  return name === undefined || reach.names.has(name);
}

/**
 * Whether some Allow of the policy may apply to a request for `action` on `resource`, looking at Action and
 * Resource only (principal, conditions and context are left open): 'false' is certain, anything else is "may". The
 * statements looked at are those the index keeps for the resource's name; a Resource entry with a policy variable,
 * NotResource, an unreadable statement or document always may.
 */
export function allowMayApply(policy: Policy, action: string, resource: string, rule: PrincipalRule): boolean {
  if (!allowMayReach(allowReach(policy, { action }), resource)) return false;
  if (policy.errors.length > 0) return true;
  const positions = candidatePositions(policy, resource, rule)?.positions;
  const may = (statement: Statement) => statement.malformed !== undefined
    || (statement.effect === 'Allow' && matchStatementAction(statement, action) !== FALSE && resourceMayMatch(statement, resource, policy));
  return positions ? positions.some((i) => may(policy.statements[i])) : policy.statements.some(may);
}

/**
 * Of `actions`, those for which {@link allowMayApply} holds — the same answer, action by action — found with one
 * pass over the statements the index keeps for the resource: a statement's resource is matched once for all the
 * actions, and only when its Action may cover one of them (which actions it may cover is kept per statement and
 * list). A least-privilege probe asks this for some forty actions on every bucket a role reaches. `found`: a set to
 * add them to (the actions found in other policies of the set, which need not be looked for again).
 */
export function allowedActionsMayApply(policy: Policy, actions: readonly string[], resource: string, rule: PrincipalRule,
  found: Set<string> = new Set()): Set<string> {
  if (policy.errors.length > 0) {
    for (const action of actions) found.add(action);
    return found;
  }
  const positions = candidatePositions(policy, resource, rule)?.positions;
  const count = positions ? positions.length : policy.statements.length;
  for (let i = 0; i < count && found.size < actions.length; i++) {
    const statement = policy.statements[positions ? positions[i] : i];
    if (statement.malformed !== undefined) {
      for (const action of actions) found.add(action);
      continue;
    }
    if (statement.effect !== 'Allow') continue;
    const covered = actionsCovered(statement, actions);
    if (covered.length === 0 || covered.every((a) => found.has(a))) continue;
    if (!resourceMayMatch(statement, resource, policy)) continue;
    for (const action of covered) found.add(action);
  }
  return found;
}

const coveredActions = new WeakMap<readonly string[], WeakMap<Statement, readonly string[]>>();

/** The actions of the list the statement's Action may cover (NotAction included), kept per list and statement. */
function actionsCovered(statement: Statement, actions: readonly string[]): readonly string[] {
  let byStatement = coveredActions.get(actions);
  if (!byStatement) {
    byStatement = new WeakMap();
    coveredActions.set(actions, byStatement);
  }
  let covered = byStatement.get(statement);
  if (!covered) {
    covered = actions.filter((action) => matchStatementAction(statement, action) !== FALSE);
    byStatement.set(statement, covered);
  }
  return covered;
}

function resourceMayMatch(statement: Statement, resource: string, policy: Policy): boolean {
  if (!statement.resource) return true;
  return contextFreeResourceMatch(statement, resource, policy) !== FALSE;
}

/**
 * How the statement's Resource or NotResource matches `resource` when the answer cannot depend on the request's
 * context; undefined when an entry holds a policy variable (its match depends on the context).
 */
export function contextFreeResourceMatch(statement: Statement, resource: string, policy: Policy): Tri | undefined {
  if ((statement.resource ?? statement.notResource ?? []).some((entry) => entry.includes('${'))) return undefined;
  return matchStatementResource(statement, resource, NO_CONTEXT, policy.version).result;
}

const NO_CONTEXT = Object.freeze({});

/** The fixed name a resource ARN gives (the bucket of an S3 ARN), undefined when it is not fixed. */
export function fixedResourceName(resource: string): string | undefined {
  return requestName(resource);
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
  // One request asks every policy of every layer with the same resource: its name is found once.
  // Then it is remembered per resource: a probe asks about a few keys of one bucket in turn.
  if (resource !== lastRequest.resource) lastRequest = { resource, name: names.get(resource, () => resourceName(resource) ?? null) ?? undefined };
  return lastRequest.name;
}

const names = new BoundedCache<string | null>(20_000);

let lastRequest: { readonly resource: string; readonly name: string | undefined } = { resource: '', name: resourceName('') };

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
