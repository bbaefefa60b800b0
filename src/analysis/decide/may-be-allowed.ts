import { safeEvaluate } from './evaluator';
import { FoldedKeys } from '../../iam/context';
import { ContextValue, Decision, PolicySet, RequestPrincipal } from '../../iam/model';
import { keysReadBySet } from '../request/policy-clauses';

/** A request whose context is known only on the principal's side. */
export interface OpenRequest {
  readonly principal: RequestPrincipal;
  /** What the principal side decides (principal keys); every other key the policies read is left open. */
  readonly principalContext: Readonly<Record<string, ContextValue>>;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string;
}

/**
 * Decide a request of which only the principal is known — a call the function's code may or may not make, with
 * whatever parameters: every key the policies read that the principal side does not fix is unknown and may be
 * absent. A definite deny then holds for every such request; anything else leaves the call possible.
 */
export function decideOpenRequest(request: OpenRequest, policies: PolicySet): Decision {
  const context: Record<string, ContextValue> = { ...request.principalContext };
  // Keys compare case-insensitively: a folded set, not a scan of the context per key.
  const present = new FoldedKeys(Object.keys(context).filter((k) => context[k] !== undefined));
  for (const key of keysReadBySet(policies)) {
    if (present.has(key)) continue;
    present.add(key);
    context[key] = { unknown: `${key} is decided by a request the templates do not show`, mayBeAbsent: true };
  }
  return safeEvaluate({
    principal: request.principal,
    action: request.action,
    resource: request.resource,
    resourceAccount: request.resourceAccount,
    context,
  }, policies);
}

/** Whether the call may be allowed: anything but a definite deny. */
export function mayBeAllowed(decision: Decision): boolean {
  return decision.outcome === 'allow' || decision.outcome === 'unknown';
}
