import { readOnlyContext } from '../context';
import { AuthorizationRequest, Decision, PolicySet } from '../model';
import { evaluationCounters } from './counters';
import { decide } from './decision';

/**
 * Decide one request against a policy set. Never throws: an internal failure is an 'unknown' answer with the
 * reason, because a crash in a synth-time check must not become a failed deployment or a guessed verdict.
 */
export function evaluate(request: AuthorizationRequest, policies: PolicySet): Decision {
  evaluationCounters.requests++;
  try {
    // Evaluation only reads the context: frozen, its keys are looked up through a case-folded index (context.ts).
    return decide({ ...request, context: readOnlyContext(request.context) }, policies);
  } catch (e) {
    return {
      outcome: 'unknown',
      blockedBy: [],
      decisive: [],
      dependsOn: [{ layer: 'identity', policyId: '(evaluator)', reason: `evaluation failed: ${e instanceof Error ? e.message : String(e)}` }],
      sameAccount: 'unknown',
      trace: [],
    };
  }
}
