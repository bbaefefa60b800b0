import { ConditionClause, Policy, PolicySet, UnknownLayer } from '../../iam/model';

/** A condition clause with the version of the policy it is in (variables depend on it). */
export interface PolicyClause {
  readonly clause: ConditionClause;
  readonly version: Policy['version'];
}

/**
 * Every policy of a policy set, every layer (identity, resource, boundary, SCPs, RCPs, session, endpoint): what
 * the request's context must answer for, whichever layer asks.
 */
export function policiesOf(set: PolicySet): Policy[] {
  const known = (p: Policy | UnknownLayer | undefined): Policy[] => (p && !('unknownPolicy' in p) ? [p] : []);
  const levels = (l: PolicySet['serviceControlPolicies']): Policy[] => (Array.isArray(l) ? l.flat() : []);
  return [
    ...set.identity,
    ...known(set.resource),
    ...known(set.permissionsBoundary),
    ...levels(set.serviceControlPolicies),
    ...levels(set.resourceControlPolicies),
    ...known(set.sessionPolicy),
    ...(set.vpcEndpointPolicies ?? []),
  ];
}

/** The condition clauses of the policies, read from the parsed statements (never from the JSON text). */
export function clausesOf(policies: readonly Policy[]): PolicyClause[] {
  return policies.flatMap((p) => p.statements.flatMap((s) => s.conditions.map((clause) => ({ clause, version: p.version }))));
}

/** Context keys a policy variable names in a policy string: `${key}` and `${key, 'default'}` (not `${*}`, `${?}`, `${$}`). */
export function variableKeys(text: string): string[] {
  const keys: string[] = [];
  for (const m of text.matchAll(/\$\{\s*([^}',\s]+)\s*[},]/g)) {
    if (!['*', '?', '$'].includes(m[1])) keys.push(m[1]);
  }
  return keys;
}

/** The keys a clause reads: its own key and those its values name as variables. */
export function keysReadBy(clause: ConditionClause): string[] {
  return [clause.key, ...clause.values.flatMap((v) => (typeof v === 'string' ? variableKeys(v) : []))];
}

/** Every key the clauses read, once each (keys compare case-insensitively), spelled as the first policy wrote it. */
export function keysReadByAll(clauses: readonly PolicyClause[]): string[] {
  const found = new Map<string, string>();
  for (const { clause } of clauses) {
    for (const key of keysReadBy(clause)) if (!found.has(key.toLowerCase())) found.set(key.toLowerCase(), key);
  }
  return [...found.values()];
}

/** `s3:RequestObjectTag/<tag>` keys among them. */
export function requestTagKeysIn(keys: readonly string[]): string[] {
  return keys.filter((key) => key.toLowerCase().startsWith('s3:requestobjecttag/'));
}
