import { KeyedCache } from '../keyed-cache';
import { ANY_KIND_UNKNOWN, GRANT_KINDS, GrantKind, NO_KIND } from '../match/principal';
import { Dependency, Layer, Policy, StatementRef, StatementTrace, UnknownLayer } from '../model';
import { allOf, anyOf, either, FALSE, or, TRUE, Tri, UNKNOWN } from '../tri';
import { evaluateStatement, resourceMissTrace, StatementResult, StatementScope } from './statement';
import { Candidates, candidatePositions } from './statement-index';

/** What one layer (or one policy of it) says about the request. */
export interface LayerVerdict {
  readonly layer: Layer;
  /** False when the principal or resource has no policy of this layer (no boundary, no session policy…). */
  readonly present: boolean;
  /** Some Deny applies. */
  readonly deny: Tri;
  /** Some Allow applies (for the multi-level layers: every level has one). */
  readonly allow: Tri;
  /** For layers that name principals: some Allow applies through each kind of principal match. */
  readonly grants: Readonly<Record<GrantKind, Tri>>;
  /** Denies that certainly apply. */
  readonly denyRefs: readonly StatementRef[];
  /** Allows that certainly apply, with the principal kinds they apply through (none for layers without principals). */
  readonly allowRefs: readonly { readonly ref: StatementRef; readonly kinds: readonly GrantKind[] }[];
  /** What an unknown Deny depends on. */
  readonly denyUnknowns: readonly Dependency[];
  /** What an unknown Allow depends on. */
  readonly allowUnknowns: readonly Dependency[];
  /** Statements that applied or might have (computed when first read: see {@link LazyTracesVerdict}). */
  readonly traces: readonly StatementTrace[];
}


export function isUnknownLayer(value: unknown): value is UnknownLayer {
  return typeof value === 'object' && value !== null && 'unknownPolicy' in value;
}

const NO_REFS: readonly never[] = Object.freeze([]);

/** What a policy says when none of its statements applies (what the general case computes for no statements). */
const NOTHING_APPLIES: Omit<LayerVerdict, 'layer' | 'traces'> = Object.freeze({
  present: true,
  deny: FALSE,
  allow: FALSE,
  grants: NO_KIND,
  denyRefs: NO_REFS,
  allowRefs: NO_REFS,
  denyUnknowns: NO_REFS,
  allowUnknowns: NO_REFS,
});

/** The verdict of a layer with no policy at all (one frozen object per layer: every request asks for several). */
export function absentLayer(layer: Layer): LayerVerdict {
  let verdict = absent.get(layer);
  if (!verdict) {
    verdict = Object.freeze({ ...NOTHING_APPLIES, layer, present: false, traces: NO_REFS });
    absent.set(layer, verdict);
  }
  return verdict;
}

const absent = new Map<Layer, LayerVerdict>();

/** A layer whose content we were not given: it may deny, and it may fail to allow. */
export function unknownLayer(layer: Layer, unknown: UnknownLayer): LayerVerdict {
  const dependency: Dependency = { layer, policyId: unknown.unknownPolicy, reason: `${layer} policy not known: ${unknown.unknownPolicy}` };
  return {
    layer,
    present: true,
    deny: UNKNOWN,
    allow: UNKNOWN,
    grants: ANY_KIND_UNKNOWN,
    denyRefs: [],
    allowRefs: [],
    denyUnknowns: [dependency],
    allowUnknowns: [dependency],
    traces: [],
  };
}

/**
 * One policy: its statements combined. A document that could not be read may both allow and deny.
 *
 * Only the statements whose Resource may cover the request are evaluated in full (statement-index.ts): the others
 * do not apply, so they count for no Allow, Deny or dependency below. What they may still add is their trace (a
 * statement whose action matched explains a missing Allow), which {@link resourceMissTrace} gives as a full
 * evaluation would, without matching the resource again.
 */
export function evaluatePolicy(policy: Policy, scope: StatementScope): LayerVerdict {
  if (policy.errors.length > 0) {
    return unknownLayer(scope.layer, { unknownPolicy: `${policy.id} (${policy.errors.join('; ')})` });
  }
  const candidates = candidatePositions(policy, scope.request.resource, scope.principalRule);
  // No statement may apply (most policies of a role granted on many buckets, for any one request): nothing to
  // combine; only the near misses, should they be read.
  if (candidates && candidates.positions.length === 0) {
    return new LazyTracesVerdict(scope.layer, NOTHING_APPLIES, () => tracesWithSkipped(policy, scope, candidates, []));
  }
  const positions = candidates?.positions;
  const count = positions ? positions.length : policy.statements.length;
  const results: StatementResult[] = [];
  // One pass, and no list made for what stays empty: this runs for every policy that may apply to every request.
  let deny: Tri = FALSE;
  let allow: Tri = FALSE;
  let grants: Record<GrantKind, Tri> | undefined;
  let denyRefs: StatementRef[] | undefined;
  let allowRefs: { ref: StatementRef; kinds: GrantKind[] }[] | undefined;
  let denyUnknowns: Dependency[] | undefined;
  let allowUnknowns: Dependency[] | undefined;
  for (let i = 0; i < count; i++) {
    const r = evaluateStatement(policy, policy.statements[positions ? positions[i] : i], scope);
    results.push(r);
    // A malformed statement may be an Allow or a Deny, whatever its Effect says.
    if (r.malformed || r.effect === 'Deny') {
      deny = either(deny, r.applies);
      if (!r.malformed && r.applies === TRUE) (denyRefs ??= []).push(r.ref);
      if (r.applies === UNKNOWN) (denyUnknowns ??= []).push(...r.dependencies);
    }
    if (r.malformed || r.effect === 'Allow') {
      allow = either(allow, r.applies);
      for (const kind of GRANT_KINDS) {
        const through = r.appliesAs?.[kind] ?? FALSE;
        if (through !== FALSE) (grants ??= { ...NO_KIND })[kind] = either(grants[kind], through);
      }
      if (!r.malformed && r.applies === TRUE) (allowRefs ??= []).push({ ref: r.ref, kinds: certainKinds(r) });
      if (r.applies === UNKNOWN) (allowUnknowns ??= []).push(...r.dependencies);
    }
  }
  return new LazyTracesVerdict(scope.layer, {
    present: true,
    deny,
    allow,
    grants: grants ?? NO_KIND,
    denyRefs: denyRefs ?? NO_REFS,
    allowRefs: allowRefs ?? NO_REFS,
    denyUnknowns: denyUnknowns ?? NO_REFS,
    allowUnknowns: allowUnknowns ?? NO_REFS,
  }, () => (candidates ? tracesWithSkipped(policy, scope, candidates, results) : results.filter(keptInTrace).map((r) => r.trace)));
}

/**
 * A verdict whose traces are computed when first read. The evaluator's traces are read only to explain a decision
 * that does not allow (the near misses of a missing Allow, the Deny that decided); a write that is allowed never
 * asks, and building them eagerly cost every request a pass over every statement whose action matched (F·B² for F
 * functions granted on B buckets). A class with the getter on its prototype: defining a getter on each object
 * (`Object.defineProperty`) cost more than the rest of the verdict (about 30 times an object of the same fields).
 */
class LazyTracesVerdict implements LayerVerdict {
  public readonly layer: Layer;
  public readonly present: boolean;
  public readonly deny: Tri;
  public readonly allow: Tri;
  public readonly grants: Readonly<Record<GrantKind, Tri>>;
  public readonly denyRefs: readonly StatementRef[];
  public readonly allowRefs: readonly { readonly ref: StatementRef; readonly kinds: readonly GrantKind[] }[];
  public readonly denyUnknowns: readonly Dependency[];
  public readonly allowUnknowns: readonly Dependency[];
  private computed: readonly StatementTrace[] | undefined;

  constructor(layer: Layer, fields: Omit<LayerVerdict, 'traces' | 'layer'>, private readonly compute: () => readonly StatementTrace[]) {
    this.layer = layer;
    this.present = fields.present;
    this.deny = fields.deny;
    this.allow = fields.allow;
    this.grants = fields.grants;
    this.denyRefs = fields.denyRefs;
    this.allowRefs = fields.allowRefs;
    this.denyUnknowns = fields.denyUnknowns;
    this.allowUnknowns = fields.allowUnknowns;
  }

  public get traces(): readonly StatementTrace[] {
    return (this.computed ??= this.compute());
  }
}

export function withLazyTraces(fields: Omit<LayerVerdict, 'traces'>, compute: () => readonly StatementTrace[]): LayerVerdict {
  return new LazyTracesVerdict(fields.layer, fields, compute);
}

/** Near misses too (the action matched, the resource or a condition did not): they explain a missing Allow. */
function keptInTrace(r: { readonly applies: Tri; readonly trace: StatementTrace }): boolean {
  return r.applies !== FALSE || r.trace.action === TRUE;
}

/** The traces of every statement, in the policy's order: evaluated ones from their results, skipped ones as misses. */
function tracesWithSkipped(policy: Policy, scope: StatementScope, candidates: Candidates,
  results: readonly StatementResult[]): StatementTrace[] {
  const { positions } = candidates;
  const skipped = skippedTraces(policy, scope, candidates);
  const traces: StatementTrace[] = [];
  let next = 0;
  for (const miss of skipped) {
    while (next < positions.length && positions[next] < miss.position) pushKept(traces, results[next++]);
    traces.push(miss.trace);
  }
  while (next < positions.length) pushKept(traces, results[next++]);
  return traces;
}

function pushKept(traces: StatementTrace[], result: StatementResult): void {
  if (keptInTrace(result)) traces.push(result.trace);
}

interface SkippedTrace {
  readonly position: number;
  readonly trace: StatementTrace;
}

const skippedByPolicy = new KeyedCache<Policy, readonly SkippedTrace[]>();

/**
 * The kept traces of the statements the index skipped, with their positions. Without principals in the layer they
 * depend on the layer, the action and the name the request gave only, so they are kept per policy: a role's writes
 * then cost the statements on their own bucket, not one step per grant of the role.
 */
function skippedTraces(policy: Policy, scope: StatementScope, candidates: Candidates): readonly SkippedTrace[] {
  const key = scope.principalRule === 'forbidden' ? `${scope.layer}\u0000${scope.request.action}\u0000${candidates.name}` : undefined;
  return skippedByPolicy.get(policy, key, () => missesOfSkipped(policy, scope, candidates));
}

function missesOfSkipped(policy: Policy, scope: StatementScope, candidates: Candidates): readonly SkippedTrace[] {
  const skipped: SkippedTrace[] = [];
  let next = 0;
  policy.statements.forEach((statement, position) => {
    if (next < candidates.positions.length && candidates.positions[next] === position) {
      next++;
      return;
    }
    const miss = resourceMissTrace(policy, statement, scope);
    if (keptInTrace(miss)) skipped.push({ position, trace: miss.trace });
  });
  return skipped;
}

function certainKinds(result: StatementResult): GrantKind[] {
  return GRANT_KINDS.filter((k) => result.appliesAs?.[k] === TRUE);
}

/**
 * Policies that all apply side by side (the identity policies of a principal, the policies at one SCP level):
 * any Allow allows, any Deny denies.
 */
export function unionOf(layer: Layer, verdicts: readonly LayerVerdict[]): LayerVerdict {
  if (verdicts.length === 0) return { ...absentLayer(layer), present: true };
  // One policy (a role with one policy, one SCP level of one policy): it is the union.
  if (verdicts.length === 1 && verdicts[0].layer === layer && verdicts[0].present) return verdicts[0];
  // A policy none of whose statements applies adds nothing to the union but its near misses (for any one request,
  // most policies of a role granted on many buckets): the verdict is the others', the traces everyone's.
  const applying = verdicts.filter((v) => !appliesNothing(v));
  const traces = () => verdicts.flatMap((v) => v.traces);
  if (applying.length <= 1) {
    // A union of policies is present even when none of them applies.
    const only = applying.length === 1 ? applying[0] : NOTHING_APPLIES;
    return new LazyTracesVerdict(layer, only.present ? only : { ...only, present: true }, traces);
  }
  return withLazyTraces({
    layer,
    present: true,
    deny: anyOf(applying, (v) => v.deny),
    allow: anyOf(applying, (v) => v.allow),
    grants: Object.fromEntries(GRANT_KINDS.map((k) => [k, or(...applying.map((v) => v.grants[k]))])) as Record<GrantKind, Tri>,
    ...concatenated(applying),
  }, traces);
}

/**
 * A verdict that adds nothing to a union: nothing applies and nothing is unknown. Such verdicts share the frozen
 * parts of {@link NOTHING_APPLIES}, which tell them apart without a look into each list.
 */
function appliesNothing(v: LayerVerdict): boolean {
  return v.grants === NOTHING_APPLIES.grants && v.denyRefs === NO_REFS && v.allowRefs === NO_REFS && v.denyUnknowns === NO_REFS
    && v.allowUnknowns === NO_REFS && v.deny === FALSE && v.allow === FALSE;
}

/**
 * Policies that must each allow (SCP levels root → OU → account, the VPC endpoints on the path): the request
 * needs an Allow from every one, and a Deny in any one denies.
 */
export function intersectionOf(layer: Layer, verdicts: readonly LayerVerdict[]): LayerVerdict {
  return withLazyTraces({
    layer,
    present: verdicts.length > 0,
    deny: anyOf(verdicts, (v) => v.deny),
    allow: allOf(verdicts, (v) => v.allow),
    grants: Object.fromEntries(GRANT_KINDS.map((k) => [k, allOf(verdicts, (v) => v.grants[k])])) as Record<GrantKind, Tri>,
    ...concatenated(verdicts),
  }, () => verdicts.flatMap((v) => v.traces));
}

function concatenated(verdicts: readonly LayerVerdict[]) {
  return {
    denyRefs: verdicts.flatMap((v) => v.denyRefs),
    allowRefs: verdicts.flatMap((v) => v.allowRefs),
    denyUnknowns: verdicts.flatMap((v) => v.denyUnknowns),
    allowUnknowns: verdicts.flatMap((v) => v.allowUnknowns),
  };
}
