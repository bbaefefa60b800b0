import { Policy } from '../../iam/model';
import { AnalysisEnvironment, ExternalPolicy } from '../input';
import { PolicyRegistry } from '../model/policy-registry';

/**
 * SCPs and RCPs from the environment, parsed per organisation level. Not given → undefined: the evaluator then
 * assumes none, and the finding's notes say so (Organizations policies are never in a template).
 */
export function organizationPolicies(
  levels: AnalysisEnvironment['serviceControlPolicies'],
  kind: 'SCP' | 'RCP',
  registry: PolicyRegistry,
): readonly (readonly Policy[])[] | undefined {
  if (!Array.isArray(levels)) return undefined;
  const prop = kind === 'SCP' ? 'serviceControlPolicies' : 'resourceControlPolicies';
  return levels.map((level, l) => (Array.isArray(level) ? level : []).map((p: ExternalPolicy, i: number) => registry.policy({
    id: `${kind} ${p?.name ?? `#${i}`} (level ${l})`,
    document: p?.document,
    missing: p?.document === undefined ? 'no document given' : undefined,
    source: { description: `${kind} ${p?.name ?? `#${i}`}`, location: `${prop}[${l}]`, environmentProp: prop },
  })));
}

export function organizationNotes(environment: AnalysisEnvironment): string[] {
  const notes: string[] = [];
  if (!Array.isArray(environment.serviceControlPolicies)) notes.push('no SCP denies: no service control policies were given (`serviceControlPolicies`)');
  if (!Array.isArray(environment.resourceControlPolicies)) notes.push('no RCP denies: no resource control policies were given (`resourceControlPolicies`)');
  return notes;
}
