import { ConditionClause, ConditionTrace, PolicyVersion, RequestContext } from '../model';

/**
 * Evaluate one condition clause against a request context, in three-valued logic.
 * OWNER: the iam-conditions helper implements this (one operator per file under condition/<family>/).
 */
export function evaluateCondition(_clause: ConditionClause, _context: RequestContext, _version: PolicyVersion): ConditionTrace {
  throw new Error('not implemented yet');
}
