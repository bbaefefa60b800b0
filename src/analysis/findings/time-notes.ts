import { isTimeKey } from './decision-causes';
import { evaluateCondition } from '../../iam/condition';
import { AuthorizationRequest, ConditionClause, Policy, Statement } from '../../iam/model';
import { PolicyRegistry } from '../model/policy-registry';

/** The words the evaluator puts in a time clause's reason when every instant from now on gives one answer. */
const DECIDED = '(decided at synth time)';

/**
 * Notes for the time conditions (`aws:CurrentTime`, `aws:EpochTime`) the evaluator decided because time only grows:
 * a Deny after a date already past, an Allow before it. The finding says so, since the templates alone did not.
 */
export function timeNotes(policies: readonly Policy[], request: () => AuthorizationRequest, registry: PolicyRegistry): string[] {
  const notes: string[] = [];
  let context: AuthorizationRequest['context'] | undefined;
  for (const policy of policies) {
    for (const { statement, clause } of timeClauses(policy)) {
      // The request is built only for a write whose policies hold a time clause (few do).
      context ??= request().context;
      const trace = safe(() => evaluateCondition(clause, context!, policy.version));
      if (!trace || !trace.reason.includes(DECIDED)) continue;
      const origin = registry.origin({ layer: 'identity', policyId: policy.id, index: statement.index });
      const name = `${statement.sid ? `statement "${statement.sid}"` : `statement #${origin?.index ?? statement.index}`} of ${origin?.source.description ?? policy.id}`;
      notes.push(`${name}: ${clause.operator} ${clause.key} ${JSON.stringify(clause.values)} is ${trace.result} for every request from now on `
        + `(decided at synth time: ${trace.reason.replace(` ${DECIDED}`, '')})`);
    }
  }
  return notes;
}

const timeClausesByPolicy = new WeakMap<Policy, readonly { statement: Statement; clause: ConditionClause }[]>();

/**
 * The policy's clauses on a time key, found once per policy: every write of a role asks, and a role granted on B
 * buckets has B statements, nearly all without one.
 */
function timeClauses(policy: Policy): readonly { statement: Statement; clause: ConditionClause }[] {
  let found = timeClausesByPolicy.get(policy);
  if (!found) {
    found = policy.statements.flatMap((statement) => statement.conditions.filter((c) => isTimeKey(c.key)).map((clause) => ({ statement, clause })));
    timeClausesByPolicy.set(policy, found);
  }
  return found;
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
