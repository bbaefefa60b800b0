import { isTimeKey } from './decision-causes';
import { evaluateCondition } from '../../iam/condition';
import { AuthorizationRequest, Policy } from '../../iam/model';
import { PolicyRegistry } from '../model/policy-registry';

/** The words the evaluator puts in a time clause's reason when every instant from now on gives one answer. */
const DECIDED = '(decided at synth time)';

/**
 * Notes for the time conditions (`aws:CurrentTime`, `aws:EpochTime`) the evaluator decided because time only grows:
 * a Deny after a date already past, an Allow before it. The finding says so, since the templates alone did not.
 */
export function timeNotes(policies: readonly Policy[], request: AuthorizationRequest, registry: PolicyRegistry): string[] {
  const notes: string[] = [];
  for (const policy of policies) {
    for (const statement of policy.statements) {
      for (const clause of statement.conditions) {
        if (!isTimeKey(clause.key)) continue;
        const trace = safe(() => evaluateCondition(clause, request.context, policy.version));
        if (!trace || !trace.reason.includes(DECIDED)) continue;
        const origin = registry.origin({ layer: 'identity', policyId: policy.id, index: statement.index });
        const name = `${statement.sid ? `statement "${statement.sid}"` : `statement #${origin?.index ?? statement.index}`} of ${origin?.source.description ?? policy.id}`;
        notes.push(`${name}: ${clause.operator} ${clause.key} ${JSON.stringify(clause.values)} is ${trace.result} for every request from now on `
          + `(decided at synth time: ${trace.reason.replace(` ${DECIDED}`, '')})`);
      }
    }
  }
  return notes;
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
