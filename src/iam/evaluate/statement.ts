import { evaluateCondition } from '../condition';
import { matchStatementAction } from '../match/action';
import { ANY_KIND_UNKNOWN, GRANT_KINDS, GrantKind, matchStatementPrincipal, NAMES_EVERYONE, PrincipalMatchResult } from '../match/principal';
import { matchStatementResource, ResourceMatch } from '../match/resource';
import {
  AuthorizationRequest, ConditionClause, ConditionTrace, Dependency, Layer, Policy, Statement, StatementRef, StatementTrace,
} from '../model';
import { and, FALSE, TRUE, Tri, UNKNOWN } from '../tri';
import { evaluationCounters } from './counters';
import { KeyedCache } from '../keyed-cache';

/** How the statements of a layer may use Principal/NotPrincipal. */
export type PrincipalRule =
  /** Identity policies, boundaries, session policies, SCPs: a Principal element is invalid there. */
  | 'forbidden'
  /** Resource-based policies: every statement names its principals. */
  | 'required'
  /** VPC endpoint policies and RCPs: written with `"Principal": "*"`; a statement without one covers everyone. */
  | 'everyone-if-absent';

export interface StatementScope {
  readonly layer: Layer;
  readonly request: AuthorizationRequest;
  readonly principalRule: PrincipalRule;
  /** The principal has a permissions boundary (for the NotPrincipal + Deny rule). */
  readonly principalHasBoundary: boolean;
}

export interface StatementResult {
  readonly ref: StatementRef;
  readonly effect: Statement['effect'];
  /** Malformed statements may be an Allow or a Deny whatever their Effect says. */
  readonly malformed: boolean;
  /** Action ∧ resource ∧ principal ∧ conditions. */
  readonly applies: Tri;
  /** For layers that name principals: whether the statement applies through each kind of principal match. */
  readonly appliesAs?: Readonly<Record<GrantKind, Tri>>;
  readonly trace: StatementTrace;
  /** What an 'unknown' answer depends on. */
  readonly dependencies: readonly Dependency[];
}

export function statementRef(layer: Layer, policy: Policy, statement: Statement): StatementRef {
  return { layer, policyId: policy.id, index: statement.index, ...(statement.sid !== undefined ? { sid: statement.sid } : {}) };
}

/**
 * Does one statement apply to the request? Action, resource, principal and every condition must all match
 * (IAM "Policy evaluation logic": processing the request context), each answered in three values.
 */
export function evaluateStatement(policy: Policy, statement: Statement, scope: StatementScope): StatementResult {
  evaluationCounters.statements++;
  const ref = statementRef(scope.layer, policy, statement);
  const problem = statement.malformed ?? principalProblem(statement, scope);
  if (problem !== undefined) return malformedResult(ref, statement, problem);

  const { request } = scope;
  const action = matchStatementAction(statement, request.action);
  const resourceMatch = matchStatementResource(statement, request.resource, request.context, policy.version);
  const resource = resourceMatch.result;
  const principal = principalMatch(statement, scope);
  const reachable = and(action, resource, principal?.result ?? TRUE);
  // Conditions are only worth evaluating (and reporting) when the rest of the statement could apply.
  const conditions = reachable === FALSE ? [] : statement.conditions.map((c) => safeCondition(c, request, policy));
  const conditionResult = and(...conditions.map((c) => c.result));
  const applies = and(reachable, conditionResult);

  const rest = and(action, resource, conditionResult);
  const appliesAs = principal ? mapKinds(principal.byKind, (t) => and(rest, t)) : undefined;
  const trace: StatementTrace = {
    statement: ref,
    effect: statement.effect,
    applies,
    action,
    resource,
    ...(principal ? { principal: { result: principal.result, match: principal.match } } : {}),
    conditions,
  };
  return {
    ref,
    effect: statement.effect,
    malformed: false,
    applies,
    ...(appliesAs ? { appliesAs } : {}),
    trace,
    dependencies: applies === UNKNOWN ? unknownParts(ref, action, resourceMatch, principal, conditions) : [],
  };
}

/**
 * A statement whose Resource certainly does not cover the request (statement-index.ts), as {@link evaluateStatement}
 * would give it: it does not apply (no conditions are read), and its trace says whether its action and principal
 * matched. The action's answer is kept per statement and action, since the same statement is met once per write.
 */
export function resourceMissTrace(policy: Policy, statement: Statement, scope: StatementScope): { applies: Tri; trace: StatementTrace } {
  evaluationCounters.skippedTraces++;
  // Without principals (identity policies, boundaries, SCPs) the answer depends on the layer, policy and action
  // only: kept, so that a write meets the grants on other buckets without building anything for them.
  const key = scope.principalRule === 'forbidden' ? `${scope.layer}\u0000${policy.id}\u0000${scope.request.action}` : undefined;
  return missTraces.get(statement, key, () => buildMissTrace(policy, statement, scope));
}

function buildMissTrace(policy: Policy, statement: Statement, scope: StatementScope): { applies: Tri; trace: StatementTrace } {
  const ref = statementRef(scope.layer, policy, statement);
  const principal = principalMatch(statement, scope);
  const trace: StatementTrace = {
    statement: ref,
    effect: statement.effect,
    applies: FALSE,
    action: cachedActionMatch(statement, scope.request.action),
    resource: FALSE,
    ...(principal ? { principal: { result: principal.result, match: principal.match } } : {}),
    conditions: [],
  };
  return { applies: FALSE, trace };
}

const missTraces = new KeyedCache<Statement, { applies: Tri; trace: StatementTrace }>();

const actionMatches = new KeyedCache<Statement, Tri>();

function cachedActionMatch(statement: Statement, action: string): Tri {
  return actionMatches.get(statement, action, () => matchStatementAction(statement, action));
}

function principalProblem(statement: Statement, scope: StatementScope): string | undefined {
  const named = statement.principal ?? statement.notPrincipal;
  if (scope.principalRule === 'forbidden' && named) return `a ${scope.layer} policy cannot name a Principal or NotPrincipal`;
  if (scope.principalRule === 'required' && !named) return 'a resource-based policy statement needs a Principal or NotPrincipal';
  return undefined;
}

function principalMatch(statement: Statement, scope: StatementScope): PrincipalMatchResult | undefined {
  if (scope.principalRule === 'forbidden') return undefined;
  if (statement.notPrincipal && statement.effect === 'Deny' && scope.layer === 'resource' && scope.principalHasBoundary) {
    // "The NotPrincipal element with a Deny effect will always deny any IAM principal that has a permissions
    // boundary policy attached, regardless of the values specified in the NotPrincipal element"
    // (IAM "Permissions boundaries for IAM entities").
    return NAMES_EVERYONE;
  }
  // No Principal element where one is optional ('everyone-if-absent'): the statement covers every caller.
  return matchStatementPrincipal(statement, scope.request.principal) ?? NAMES_EVERYONE;
}

/** A condition evaluator failure must not take the whole decision down: the clause becomes 'unknown'. */
function safeCondition(clause: ConditionClause, request: AuthorizationRequest, policy: Policy): ConditionTrace {
  try {
    return evaluateCondition(clause, request.context, policy.version);
  } catch (e) {
    return { operator: clause.operator, key: clause.key, result: UNKNOWN, reason: `could not evaluate: ${(e as Error).message}` };
  }
}

function malformedResult(ref: StatementRef, statement: Statement, problem: string): StatementResult {
  return {
    ref,
    effect: statement.effect,
    malformed: true,
    applies: UNKNOWN,
    appliesAs: ANY_KIND_UNKNOWN,
    trace: { statement: ref, effect: statement.effect, applies: UNKNOWN, action: UNKNOWN, resource: UNKNOWN, conditions: [], problem },
    dependencies: [{ layer: ref.layer, policyId: ref.policyId, statement: ref, reason: `malformed statement: ${problem}` }],
  };
}

function unknownParts(
  ref: StatementRef, action: Tri, resource: ResourceMatch, principal: PrincipalMatchResult | undefined, conditions: readonly ConditionTrace[],
): Dependency[] {
  const base = { layer: ref.layer, policyId: ref.policyId, statement: ref };
  const out: Dependency[] = [];
  if (action === UNKNOWN) out.push({ ...base, reason: 'whether the action matches is unknown' });
  if (resource.result === UNKNOWN) out.push({ ...base, reason: resource.reason ?? 'whether the resource matches is unknown' });
  if (principal?.result === UNKNOWN) out.push({ ...base, reason: principal.reason ?? 'whether the principal matches is unknown' });
  for (const c of conditions) {
    if (c.result === UNKNOWN) out.push({ ...base, key: c.key, reason: `${c.operator} on ${c.key}: ${c.reason}` });
  }
  return out;
}

function mapKinds(kinds: Readonly<Record<GrantKind, Tri>>, f: (t: Tri) => Tri): Record<GrantKind, Tri> {
  return Object.fromEntries(GRANT_KINDS.map((k) => [k, f(kinds[k])])) as Record<GrantKind, Tri>;
}
