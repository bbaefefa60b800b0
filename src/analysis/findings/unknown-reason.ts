import { StepContext } from './step-context';
import { Dependency } from '../../iam/model';
import { describeSymbolic } from '../../iam/symbolic';
import { IN_FORCE_KEY } from '../model/in-force';

/**
 * Why a decision is unknown, naming the environment prop that would settle it when there is one
 * (`organizationId`, `externalBucketPolicies`, `externalKeyPolicies`, `externalManagedPolicies`, `defaultAccount`).
 */
export function unknownReason(dep: Dependency, name: string, ctx: StepContext): string {
  // A policy that may not be in force: its name already says why (model/in-force.ts).
  if (dep.key === IN_FORCE_KEY) return name;
  const key = dep.key?.toLowerCase();
  if (key === 'aws:principalorgid' || key === 'aws:principalorgpaths') {
    return `${name} tests ${dep.key}, and the organization is not given: set \`organizationId\``;
  }
  const doc = ctx.registry.doc(dep.policyId);
  if (doc?.missing) return doc.missing;
  const reason = describeSymbolic(dep.reason);
  if (/AWS::AccountId/.test(dep.reason) || /account/.test(dep.reason) && /may or may not be the same/.test(dep.reason)) {
    return `${reason} (set the stack's env or \`defaultAccount\` to decide it)`;
  }
  const statement = dep.statement ? ctx.registry.origin(dep.statement)?.statement : undefined;
  if (statement && /resource matches/.test(dep.reason)) {
    const resources = [...(statement.resource ?? []), ...(statement.notResource ?? [])].map(ctx.show).join(', ');
    return `${name}: ${reason} (${resources})`;
  }
  return `${name}: ${reason}`;
}
