import { GrantKind } from '../match/principal';
import { Layer, StatementRef } from '../model';
import { TRUE, Tri } from '../tri';
import { LayerVerdict } from './layer';

/** Whether the identity/resource side lets the request through, before the organisation and endpoint gates. */
export interface PathResult {
  readonly allow: Tri;
  /** When `allow` is 'false': the layers that failed to allow. */
  readonly blockedBy: readonly Layer[];
  /** When `allow` is 'true': the Allow statements that granted it. */
  readonly grantedBy: readonly StatementRef[];
}

/**
 * Resource-policy principal kinds that grant by themselves, whatever the boundary or session policy say (IAM User Guide,
 * "Policy evaluation logic" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html);
 * "Permissions boundaries for IAM entities" (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html)).
 */
export const DIRECT_GRANTS: readonly GrantKind[] = ['wildcard', 'session', 'service'];

/** Allow statements of a layer that certainly apply through one of the given principal kinds (any, for layers without principals). */
export function grantingStatements(verdict: LayerVerdict, kinds?: readonly GrantKind[]): StatementRef[] {
  return verdict.allowRefs.filter((a) => kinds === undefined || a.kinds.some((k) => kinds.includes(k))).map((a) => a.ref);
}

/** The first route that certainly allows names the statements that granted the request. */
export function firstGranting(routes: readonly { readonly allow: Tri; readonly statements: () => StatementRef[] }[]): StatementRef[] {
  const route = routes.find((r) => r.allow === TRUE);
  return route ? route.statements() : [];
}
