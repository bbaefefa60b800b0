import type { RoleProbes } from './alike-probes';
import { isUnknownValue, lookupContext } from '../../iam/context';
import { isUnknownLayer } from '../../iam/evaluate/layer';
import { resourceClasses } from '../../iam/evaluate/resource-classes';
import { PrincipalRule } from '../../iam/evaluate/statement';
import { allowedActionsMayApply, allowMayApply } from '../../iam/evaluate/statement-index';
import { KeyedCache } from '../../iam/keyed-cache';
import {
  AuthorizationRequest, ConditionClause, ContextValue, Decision, Policy, PolicySet, Statement, StatementRef, StatementTrace,
  UnknownLayer,
} from '../../iam/model';
import { clausesOnKey } from '../../iam/policy/clauses-by-key';
import { safeEvaluate } from '../decide/evaluator';
import { keysReadBySet, policiesOf } from '../request/policy-clauses';

/**
 * "Can the principal do X?", decided by the evaluator. A probe is a request of which only some keys are known (the
 * principal's, the resource owner's); every other key a policy reads is open — the code may send anything, or
 * nothing. The answer is a grant only when the evaluator says ALLOW for a request the code could make:
 * - ALLOW with the keys open: allowed whatever the request carries;
 * - otherwise, for each Allow statement that may apply, a *witness* request is built that satisfies its open
 *   conditions (and leaves every other open key out): ALLOW for it means the action is allowed under that
 *   condition, which is reported with the grant. No witness that the evaluator allows, no grant: an excess is
 *   never reported on a guess.
 */

export interface ProbeGrant {
  /** The statements that grant the request (the evaluator's decisive Allows), identity first. */
  readonly grantedBy: readonly StatementRef[];
  /** Set when the request is allowed only under a condition on what it carries: the clauses, as written. */
  readonly condition?: string;
  /** The context keys of `condition`. */
  readonly conditionKeys?: readonly string[];
}

export interface Probe {
  readonly request: AuthorizationRequest;
  readonly policies: PolicySet;
}

/** The grant for the probe, or undefined when the evaluator allows no request of this shape. */
export function probeGrant(probe: Probe): ProbeGrant | undefined {
  const { request, policies } = probe;
  if (!someAllowMayApply(request.action, request.resource, policies)) return undefined;
  return grantOfMayApply(probe);
}

/**
 * {@link probeGrant} for the same probe on each of `resources` (its request's resource replaced, nothing else), with
 * one evaluation per class of resources no statement tells apart (iam/evaluate/resource-classes.ts): the writers of a
 * bucket are probed on several keys that most grants (`bucket/*`) match alike.
 */
export function probeGrantsOn(probe: Probe, resources: readonly string[], of?: RoleProbes): (ProbeGrant | undefined)[] {
  const decide = () => {
    const grants = new Map<string, ProbeGrant | undefined>();
    for (const members of resourceClasses(resources, policiesOf(probe.policies))) {
      const grant = probeGrant({ ...probe, request: { ...probe.request, resource: members[0] } });
      for (const resource of members) grants.set(resource, grant);
    }
    return resources.map((resource) => grants.get(resource));
  };
  // Roles alike (the same policies, position for position) are probed once (alike-probes.ts).
  return of ? of.alike.grants(of.role, probe, resources, decide) : decide();
}

/**
 * {@link probeGrant} for a probe some Allow is known to possibly grant (its caller asked
 * {@link actionsSomeAllowMayApply}): the evaluator's answer, without asking that again.
 */
export function grantOfMayApply(probe: Probe): ProbeGrant | undefined {
  const { request, policies } = probe;
  const context = openContext(request.context, policies);
  const open = safeEvaluate({ ...request, context }, policies);
  if (open.outcome === 'allow') return { grantedBy: ordered(open.decisive) };
  if (open.outcome !== 'unknown') return undefined;
  const parsed = policiesOf(policies);
  for (const trace of open.trace) {
    const statement = parsed.find((p) => p.id === trace.statement.policyId)?.statements.find((s) => s.index === trace.statement.index);
    if (!statement) continue;
    const witness = witnessFor(trace, statement, context);
    if (!witness) continue;
    const decided = safeEvaluate({ ...request, context: witness.context }, policies);
    if (decided.outcome === 'allow') return { grantedBy: ordered(decided.decisive), condition: witness.condition, conditionKeys: witness.keys };
  }
  return undefined;
}

/**
 * Whether an Allow of the identity policies or of the resource's policy may apply to the request. A request is
 * allowed only through one of them (IAM User Guide, "Policy evaluation logic"); boundaries, SCPs, RCPs and session
 * policies only take away. Most probes ask about an action no statement grants, which this answers from a per-policy
 * table instead of an evaluation (callers also ask it before building a probe's request).
 */
export function someAllowMayApply(action: string, resource: string, policies: PolicySet): boolean {
  const may = (policy: Policy | UnknownLayer | undefined, rule: PrincipalRule) => policy !== undefined
    && (isUnknownLayer(policy) || allowMayApply(policy, action, resource, rule));
  return policies.identity.some((p) => may(p, 'forbidden')) || may(policies.resource, 'required');
}

/**
 * Of `actions`, those {@link someAllowMayApply} holds for on `resource`: the same answers, with each statement's
 * resource matched once for the whole list (a role is probed for some forty actions on each bucket it reaches).
 */
export function actionsSomeAllowMayApply(actions: readonly string[], resource: string, policies: PolicySet): ReadonlySet<string> {
  const found = new Set<string>();
  const add = (policy: Policy | UnknownLayer | undefined, rule: PrincipalRule) => {
    if (policy === undefined || found.size === actions.length) return;
    if (isUnknownLayer(policy)) for (const action of actions) found.add(action);
    else allowedActionsMayApply(policy, actions, resource, rule, found);
  };
  for (const policy of policies.identity) add(policy, 'forbidden');
  add(policies.resource, 'required');
  return found;
}

const openedContexts = new KeyedCache<object, Readonly<Record<string, ContextValue>>>();

/**
 * The request's context with every key the policies read and the request does not fix left open. Kept per context
 * object and keys read: the probes of a role share their context across a dozen actions and across the buckets alike
 * (probe-requests.ts), and the evaluator then freezes and indexes it once.
 */
function openContext(given: Readonly<Record<string, ContextValue>>, policies: PolicySet): Readonly<Record<string, ContextValue>> {
  const keysRead = keysReadBySet(policies);
  return openedContexts.get(given, keysRead.join('\u0000'), () => {
    const context: Record<string, ContextValue> = { ...given };
    for (const key of keysRead) {
      if (lookupContext(context, key) !== undefined) continue;
      context[key] = { unknown: `${key} is whatever the request carries`, mayBeAbsent: true };
    }
    // Frozen: the evaluator takes a frozen context as it is (no copy) and indexes it once.
    return Object.freeze(context);
  });
}

/** Identity grants first: the role's own statement is what a least-privilege fix changes. */
function ordered(refs: readonly StatementRef[]): StatementRef[] {
  return [...refs].sort((a, b) => (a.layer === 'identity' ? 0 : 1) - (b.layer === 'identity' ? 0 : 1));
}

interface Witness {
  readonly context: Record<string, ContextValue>;
  readonly condition: string;
  readonly keys: readonly string[];
}

/**
 * A request that satisfies an Allow statement's open conditions: each open clause gets a value that makes it true,
 * every other open key is left out. Undefined when the statement is not an Allow that may apply only for want of
 * such values (its action, resource or principal undecided, a clause no value can be chosen for).
 */
function witnessFor(trace: StatementTrace, statement: Statement, context: Readonly<Record<string, ContextValue>>): Witness | undefined {
  if (trace.effect !== 'Allow' || trace.applies !== 'unknown' || trace.problem) return undefined;
  if (trace.action !== 'true' || trace.resource !== 'true') return undefined;
  if (trace.principal && trace.principal.result !== 'true') return undefined;
  const open = trace.conditions.filter((c) => c.result === 'unknown');
  if (open.length === 0 || open.some((c) => c.result === 'false')) return undefined;
  const witness: Record<string, ContextValue> = {};
  for (const [key, value] of Object.entries(context)) {
    // Open keys no clause of this statement reads are not sent; time stays what it is (it only grows).
    if (isUnknownValue(value) && value.mayBeAbsent && value.notBefore === undefined) continue;
    witness[key] = value;
  }
  const chosen: string[] = [];
  for (const clause of open) {
    const current = lookupContext(context, clause.key);
    if (current !== undefined && !(isUnknownValue(current) && current.notBefore === undefined)) return undefined;
    const written = clausesOnKey(statement, clause.key).find((w) => w.operator === clause.operator);
    if (!written) return undefined;
    const value = satisfying(written, context);
    if (value === 'unsatisfiable') return undefined;
    for (const k of Object.keys(witness)) if (k.toLowerCase() === clause.key.toLowerCase()) delete witness[k];
    if (value !== 'absent') witness[clause.key] = value;
    chosen.push(describeClause(written));
  }
  return { context: witness, condition: chosen.join(' and '), keys: open.map((c) => c.key) };
}

/** The clause as a person reads it: `StringEquals s3:x-amz-acl = public-read`. */
function describeClause(c: ConditionClause): string {
  return `${c.operator} ${c.key} = ${c.values.join(' | ')}`;
}

/**
 * A value that makes the clause true: the first value of a positive operator (a wildcard spelled out), the key left
 * out for a negated operator (IAM User Guide, "Condition operators": a negated operator on a missing key is true),
 * `Null: true` → left out. Undefined values (dates, a variable of unknown value) are 'unsatisfiable': no witness.
 */
function satisfying(c: ConditionClause, context: Readonly<Record<string, ContextValue>>): ContextValue | 'absent' | 'unsatisfiable' {
  const values = [...c.values];
  const base = c.operator.replace(/^For(Any|All)Values:/i, '').replace(/IfExists$/i, '');
  const set = /^For(Any|All)Values:/i.test(c.operator);
  if (/^Null$/i.test(base)) return values[0]?.toLowerCase() === 'true' ? 'absent' : 'lp-probe-value';
  if (/Not/i.test(base)) return 'absent';
  const first = values[0];
  if (first === undefined) return 'unsatisfiable';
  const resolved = resolveVariables(first, context);
  if (resolved === undefined) return 'unsatisfiable';
  const value = valueFor(base, resolved);
  if (value === undefined) return 'unsatisfiable';
  return set ? [value] : value;
}

/** A value the positive operator `base` accepts for the condition value `v`: a wildcard spelled out, a CIDR's address… */
function valueFor(base: string, v: string): string | undefined {
  if (/^(String|Arn)Like/i.test(base) || /^ArnEquals$/i.test(base)) return v.replace(/[*?]/g, 'x');
  if (/^(String|Bool|Binary)/i.test(base)) return v;
  if (/^IpAddress$/i.test(base)) return v.split('/')[0];
  if (/^Numeric/i.test(base)) {
    const n = Number(v);
    if (!Number.isFinite(n)) return undefined;
    return String(/LessThan$/i.test(base) ? n - 1 : /GreaterThan$/i.test(base) ? n + 1 : n);
  }
  return undefined;
}

/** `${aws:PrincipalTag/team}` → the principal's value; undefined when a variable has no known value. */
function resolveVariables(value: string, context: Readonly<Record<string, ContextValue>>): string | undefined {
  let failed = false;
  const out = value.replace(/\$\{([^}]+)\}/g, (_, inner: string) => {
    const [key, fallback] = inner.split(',').map((s) => s.trim());
    if (key === '*' || key === '?' || key === '$') return key;
    const v = lookupContext(context, key);
    if (typeof v === 'string') return v;
    if (fallback !== undefined) return fallback.replace(/^'|'$/g, '');
    failed = true;
    return '';
  });
  return failed ? undefined : out;
}

/** Whether a decision allows: the evaluator's own word, nothing else. */
export function allows(decision: Decision): boolean {
  return decision.outcome === 'allow';
}
