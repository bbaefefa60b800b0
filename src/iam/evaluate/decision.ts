import { globMatch } from '../match/glob';
import { GRANT_KINDS } from '../match/principal';
import { AuthorizationRequest, Decision, Dependency, Layer, PolicySet } from '../model';
import { describeSymbolic } from '../symbolic';
import { and, FALSE, or, TRUE, Tri, UNKNOWN } from '../tri';
import { isAccountless, resourceOnlyPath } from './accountless';
import { crossAccountPath } from './cross-account';
import { kmsSameAccountPath } from './kms';
import { LayerVerdict } from './layer';
import { EVALUATION_ORDER, evaluateLayers, LayerVerdicts } from './layers';
import { withLazy } from './lazy-trace';
import { limiterAllows } from './limits';
import { PathResult } from './path';
import { sameAccountPath } from './same-account';

/**
 * The composition of "How AWS enforcement code logic evaluates requests to allow or deny access", in three
 * values:
 * 1. an applicable Deny in any layer (SCP, RCP, resource, identity, boundary, session, VPC endpoint) denies;
 * 2. SCPs need an Allow at every level, RCPs too (always there: RCPFullAWSAccess), endpoints need an Allow;
 * 3. the identity/resource path (same-account union, cross-account intersection, KMS key policy rule, the
 *    role-ARN rule; for a caller without an account — anonymous, a service principal — the resource policy alone)
 *    must allow.
 * A Deny that may apply makes the answer 'unknown' unless the request is denied for sure anyway.
 */
export function decide(request: AuthorizationRequest, policies: PolicySet): Decision {
  const v = evaluateLayers(request, policies);
  const sameAccount = globMatch(request.principal.account, request.resourceAccount, { wildcards: false });
  const path: ChosenPath = isAccountless(request.principal) ? resourceOnlyPath(v) : choosePath(sameAccount, v, policies.resourceKind ?? 'default', request);
  const layers = EVALUATION_ORDER.map((k) => v[k]);

  const deny = or(...layers.map((l) => l.deny));
  const gates: readonly LayerVerdict[] = [v.scp, v.rcp, v.vpce];
  const allow = and(...gates.map((g) => g.allow), path.allow);
  const decided = decideOutcome(v, path, layers, gates, deny, allow);
  return withLazy({ sameAccount, ...decided }, 'trace', () => layers.flatMap((l) => l.traces));
}

function decideOutcome(v: LayerVerdicts, path: ChosenPath, layers: readonly LayerVerdict[],
  gates: readonly LayerVerdict[], deny: Tri, allow: Tri): Omit<Decision, 'trace' | 'sameAccount'> {
  if (deny === TRUE) {
    return {
      outcome: 'explicit-deny',
      blockedBy: layers.filter((l) => l.deny === TRUE).map((l) => l.layer),
      decisive: layers.flatMap((l) => l.denyRefs),
      dependsOn: [],
    };
  }
  if (allow === FALSE) {
    // Denied for sure: no Allow on some required route. A Deny that may also apply changes nothing.
    return {
      outcome: 'implicit-deny',
      blockedBy: [...gates.filter((g) => g.allow === FALSE).map((g) => g.layer), ...path.blockedBy],
      decisive: [],
      dependsOn: unique(layers.flatMap((l) => l.denyUnknowns)),
    };
  }
  if (deny === FALSE && allow === TRUE) {
    return { outcome: 'allow', blockedBy: [], decisive: path.grantedBy, dependsOn: [] };
  }
  return {
    outcome: 'unknown',
    blockedBy: uncertainLayers(v, gates),
    decisive: [],
    // A malformed statement or an unknown layer is one dependency on both the deny and the allow side: the
    // same object, so `unique` keeps it once.
    dependsOn: unique([
      ...layers.flatMap((l) => l.denyUnknowns),
      ...layers.filter((l) => mayFailToAllow(l)).flatMap((l) => l.allowUnknowns),
      ...(path.accountDependency ? [path.accountDependency] : []),
    ]),
  };
}

interface ChosenPath extends PathResult {
  /** Set when the answer differs between "same account" and "cross account" and we do not know which holds. */
  readonly accountDependency?: Dependency;
}

function choosePath(sameAccount: Tri, v: LayerVerdicts, kind: 'default' | 'kms', request: AuthorizationRequest): ChosenPath {
  const same = () => (kind === 'kms' ? kmsSameAccountPath(v) : sameAccountPath(v));
  if (sameAccount === TRUE) return same();
  if (sameAccount === FALSE) return crossAccountPath(v);
  const within = same();
  const across = crossAccountPath(v);
  if (within.allow === across.allow) {
    // Cross-account access is the stricter of the two: when it allows, so does same-account access.
    return { ...across, blockedBy: unique([...within.blockedBy, ...across.blockedBy]) };
  }
  return {
    allow: UNKNOWN,
    blockedBy: unique([...within.blockedBy, ...across.blockedBy]),
    grantedBy: [],
    accountDependency: {
      layer: 'resource',
      policyId: '(accounts)',
      reason: `principal account ${describeSymbolic(request.principal.account)} and resource account `
        + `${describeSymbolic(request.resourceAccount)} may or may not be the same, and the answer differs`,
    },
  };
}

function mayFailToAllow(l: LayerVerdict): boolean {
  if (l.layer === 'resource') return GRANT_KINDS.some((k) => l.grants[k] === UNKNOWN);
  if (l.layer === 'boundary' || l.layer === 'session') return limiterAllows(l) === UNKNOWN;
  return l.allow === UNKNOWN;
}

/** For an 'unknown' outcome: the layers that may deny or may fail to allow. */
function uncertainLayers(v: LayerVerdicts, gates: readonly LayerVerdict[]): Layer[] {
  const layers: Layer[] = EVALUATION_ORDER.map((k) => v[k]).filter((l) => l.deny === UNKNOWN).map((l) => l.layer);
  layers.push(...gates.filter((g) => g.allow === UNKNOWN).map((g) => g.layer));
  for (const l of [v.resource, v.identity, v.boundary, v.session]) {
    if (mayFailToAllow(l)) layers.push(l.layer);
  }
  return unique(layers);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
