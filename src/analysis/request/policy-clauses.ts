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

const clausesByPolicy = new WeakMap<Policy, readonly PolicyClause[]>();

/**
 * The condition clauses of one policy, read from the parsed statements (never from the JSON text), once per policy:
 * every write of a role asks for them, and a role granted on B buckets has B statements.
 */
export function policyClauses(policy: Policy): readonly PolicyClause[] {
  let clauses = clausesByPolicy.get(policy);
  if (!clauses) {
    clauses = policy.statements.flatMap((s) => s.conditions.map((clause) => ({ clause, version: policy.version })));
    clausesByPolicy.set(policy, clauses);
  }
  return clauses;
}

/** The condition clauses of the policies, in their order. */
export function clausesOf(policies: readonly Policy[]): PolicyClause[] {
  const out: PolicyClause[] = [];
  for (const policy of policies) {
    const clauses = policyClauses(policy);
    for (let i = 0; i < clauses.length; i++) out.push(clauses[i]);
  }
  return out;
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

const keysBySet = new WeakMap<PolicySet, readonly string[]>();

/** {@link keysReadByAll} of every policy of the set, kept per set: the probes of one role and bucket share it. */
export function keysReadBySet(set: PolicySet): readonly string[] {
  let keys = keysBySet.get(set);
  if (!keys) {
    keys = keysReadByAll(clausesOf(policiesOf(set)));
    keysBySet.set(set, keys);
  }
  return keys;
}

/** `s3:RequestObjectTag/<tag>` keys among them. */
export function requestTagKeysIn(keys: readonly string[]): string[] {
  return keys.filter((key) => key.toLowerCase().startsWith('s3:requestobjecttag/'));
}
