import { evaluate } from '../../iam';
import { AuthorizationRequest, Decision, PolicySet } from '../../iam/model';

/** The evaluator, guarded: a bug in it must become an 'unknown' decision with the reason, never an exception. */
export function safeEvaluate(request: AuthorizationRequest, policies: PolicySet): Decision {
  try {
    return evaluate(request, policies);
  } catch (e) {
    return {
      outcome: 'unknown',
      blockedBy: [],
      decisive: [],
      dependsOn: [{ layer: 'identity', policyId: '(evaluator)', reason: `the policy evaluator failed: ${(e as Error).message}` }],
      sameAccount: 'unknown',
      trace: [],
    };
  }
}
