import { RequestAnalysis, runSimulation, Simulation } from '@cloud-copilot/iam-simulate';
import { DiffCase, PolicyDocument, SimOutcome } from './case';

/**
 * The iam-simulate side (AGPL: imported from tests only). `runSimulation` is used, not `runUnsafeSimulation`,
 * because only it honours session and VPC endpoint policies and adds RCPFullAWSAccess at every RCP level.
 */
export function toSimulation(c: DiffCase): Simulation {
  const named = (prefix: string) => (policy: PolicyDocument, i: number) => ({ name: `${prefix}${i}`, policy });
  const levels = (prefix: string, lv: readonly (readonly PolicyDocument[])[] | undefined) =>
    (lv ?? []).map((policies, i) => ({ orgIdentifier: `${prefix}-level-${i}`, policies: policies.map(named(`${prefix}${i}-`)) }));
  return {
    request: {
      principal: c.principal.arn,
      action: c.action,
      resource: { resource: c.resource, accountId: c.resourceAccount },
      contextVariables: c.context,
    },
    identityPolicies: c.identity.map(named('identity')),
    serviceControlPolicies: levels('scp', c.scps),
    resourceControlPolicies: levels('rcp', c.rcps),
    resourcePolicy: c.resourcePolicy,
    permissionBoundaryPolicies: c.boundary ? [{ name: 'boundary', policy: c.boundary }] : undefined,
    sessionPolicy: c.session,
    vpcEndpointPolicies: c.vpce?.map(named('vpce')),
  };
}

export interface SimulatorAnswer {
  readonly outcome: SimOutcome;
  /** Context keys the simulator dropped as not applicable to the action: our side must not see them either. */
  readonly ignoredContextKeys: readonly string[];
  readonly blockedBy: readonly string[];
  /** The simulator's own analysis, layer by layer, for recognising known differences. */
  readonly analysis: RequestAnalysis;
}

const OUTCOMES: Record<string, SimOutcome> = {
  Allowed: 'allow',
  ExplicitlyDenied: 'explicit-deny',
  ImplicitlyDenied: 'implicit-deny',
};

/** Runs one case in Strict mode. Throws on a validation error: the generator must only write valid input. */
export async function simulate(c: DiffCase): Promise<SimulatorAnswer> {
  const result = await runSimulation(toSimulation(c), { simulationMode: 'Strict' });
  if (result.resultType !== 'single') {
    throw new Error(`case ${c.index}: iam-simulate returned ${result.resultType}: ${JSON.stringify(result.resultType === 'error' ? result.errors : result)}`);
  }
  const outcome = OUTCOMES[result.overallResult];
  if (!outcome) throw new Error(`case ${c.index}: unexpected iam-simulate result ${String(result.overallResult)}`);
  return {
    outcome,
    ignoredContextKeys: result.result.ignoredContextKeys ?? [],
    blockedBy: result.result.analysis.blockedBy ?? [],
    analysis: result.result.analysis,
  };
}
