import { ProbeGrant } from './probe';
import { globMatch } from '../../iam/match/glob';
import { StatementRef } from '../../iam/model';
import { readable } from '../findings/describe';
import { PolicyRegistry } from '../model/policy-registry';

/** Where a granting statement lives, and the resource pattern of it that covers the probed ARN. */
export interface GrantLocation {
  readonly statement: string;
  readonly location: string;
  readonly templatePath?: string;
  readonly logicalId?: string;
  readonly jsonPath?: string;
  /** The statement's Resource entry that covers the probed resource (raw, may hold atoms). */
  readonly resourcePattern: string;
  readonly ref: StatementRef;
}

/** The first granting statement (of the preferred layer), located in the templates through the registry. */
export function locateGrant(grant: ProbeGrant, probedResource: string, registry: PolicyRegistry, prefer: 'identity' | 'resource' = 'identity'): GrantLocation {
  const ref = grant.grantedBy.find((r) => (prefer === 'resource' ? r.layer === 'resource' : r.layer === 'identity')) ?? grant.grantedBy[0];
  if (!ref) return { statement: '?', location: '(unknown)', resourcePattern: probedResource, ref: { layer: 'identity', policyId: '(unknown)', index: 0 } };
  const origin = registry.origin(ref);
  const statementLabel = ref.sid ?? `#${origin?.index ?? ref.index}`;
  const resources = origin?.statement?.resource ?? [];
  const pattern = resources.find((r) => globMatch(r, probedResource, { wildcards: true }) === 'true')
    ?? resources.find((r) => globMatch(r, probedResource, { wildcards: true }) !== 'false')
    ?? (origin?.statement?.notResource ? `NotResource ${origin.statement.notResource.join(', ')}` : probedResource);
  if (!origin) return { statement: statementLabel, location: ref.policyId, resourcePattern: pattern, ref };
  const { source } = origin;
  return {
    statement: statementLabel,
    location: source.location,
    templatePath: source.templatePath,
    logicalId: source.logicalId,
    jsonPath: source.documentPath ? `${source.documentPath}/Statement/${origin.index}` : undefined,
    resourcePattern: pattern,
    ref,
  };
}

export function show(value: string, names: ReadonlyMap<string, string>): string {
  return readable(value, names);
}
