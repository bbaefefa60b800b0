import { DiffCase, PolicyDocument } from './case';

/** Every statement of a case with the layer it sits in. */
export function statementsOf(c: DiffCase): { layer: string; statement: Record<string, unknown> }[] {
  const out: { layer: string; statement: Record<string, unknown> }[] = [];
  const add = (layer: string, doc: PolicyDocument | undefined) => {
    if (!doc) return;
    for (const s of [doc.Statement].flat()) out.push({ layer, statement: s as Record<string, unknown> });
  };
  c.identity.forEach((d) => add('identity', d));
  add('resource', c.resourcePolicy);
  add('boundary', c.boundary);
  c.scps?.flat().forEach((d) => add('scp', d));
  c.rcps?.flat().forEach((d) => add('rcp', d));
  add('session', c.session);
  c.vpce?.forEach((d) => add('vpce', d));
  return out;
}

/** Condition operators used anywhere in the case, as written. */
export function operatorsOf(c: DiffCase): string[] {
  return statementsOf(c).flatMap(({ statement }) => Object.keys((statement.Condition ?? {}) as object));
}

/** The features a run must cover, each a predicate over a case. */
export const FEATURES: Readonly<Record<string, (c: DiffCase) => boolean>> = {
  'cross-account': (c) => c.principal.account !== c.resourceAccount,
  'same-account': (c) => c.principal.account === c.resourceAccount,
  'role session': (c) => c.principal.kind === 'AssumedRole',
  'IAM user': (c) => c.principal.kind === 'User',
  'service principal': (c) => c.principal.kind === 'Service',
  'kms key policy': (c) => c.resourceKind === 'kms' && c.resourcePolicy !== undefined,
  'bucket policy': (c) => c.resourceKind === 'default' && c.resourcePolicy !== undefined,
  'permissions boundary': (c) => c.boundary !== undefined,
  'SCP levels': (c) => (c.scps?.length ?? 0) > 1,
  'RCP levels': (c) => (c.rcps?.length ?? 0) > 0,
  'session policy': (c) => c.session !== undefined,
  'VPC endpoint policy': (c) => c.vpce !== undefined,
  'NotAction': (c) => statementsOf(c).some(({ statement }) => 'NotAction' in statement),
  'NotResource': (c) => statementsOf(c).some(({ statement }) => 'NotResource' in statement),
  'NotPrincipal': (c) => statementsOf(c).some(({ statement }) => 'NotPrincipal' in statement),
  'principal *': (c) => statementsOf(c).some(({ layer, statement }) => layer === 'resource' && statement.Principal === '*'),
  'account principal': (c) => /"(\d{12}|arn:aws:iam::\d{12}:root)"/.test(JSON.stringify(c.resourcePolicy ?? {})),
  'role ARN principal': (c) => /arn:aws:iam::\d{12}:role\//.test(JSON.stringify(c.resourcePolicy?.Statement ?? [])),
  'session ARN principal': (c) => /assumed-role/.test(JSON.stringify(c.resourcePolicy ?? {})),
  'policy variable': (c) => statementsOf(c).some(({ statement }) => JSON.stringify(statement).includes('${')),
  'variable default': (c) => statementsOf(c).some(({ statement }) => JSON.stringify(statement).includes(", '")),
  'version 2008': (c) => statementsOf(c).length > 0 && JSON.stringify(c).includes('2008-10-17'),
  'several values per key': (c) => statementsOf(c).some(({ statement }) =>
    Object.values((statement.Condition ?? {}) as Record<string, Record<string, unknown>>).some((keys) =>
      Object.values(keys).some((v) => Array.isArray(v) && v.length > 1))),
  'several keys': (c) => statementsOf(c).some(({ statement }) =>
    Object.values((statement.Condition ?? {}) as Record<string, object>).reduce((n, keys) => n + Object.keys(keys).length, 0) > 1),
  'multi-valued context key': (c) => Object.values(c.context).some(Array.isArray),
  'wildcard action': (c) => /"[a-zA-Z0-9]*:?[^"]*[*?][^"]*"/.test(JSON.stringify(statementsOf(c).map((s) => s.statement.Action ?? s.statement.NotAction))),
  ...Object.fromEntries(['String', 'Numeric', 'Date', 'Bool', 'IpAddress', 'NotIpAddress', 'Arn', 'Null', 'IfExists', 'ForAnyValue:', 'ForAllValues:']
    .map((family) => [`operator ${family}`, (c: DiffCase) => operatorsOf(c).some((op) => op.includes(family))])),
};
