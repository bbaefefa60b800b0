import { DiffCase, PolicyDocument } from '../differential/case';

/** A mutable copy of a case, so edits never leak into the generator's output. */
export function cloneCase(c: DiffCase): DiffCaseDraft {
  return structuredClone(c) as DiffCaseDraft;
}

export type DiffCaseDraft = { -readonly [K in keyof DiffCase]: DiffCase[K] };

/** Layers a statement can be added to. */
export const EDITABLE_LAYERS = ['identity', 'resource', 'boundary', 'scp', 'rcp', 'session', 'vpce'] as const;
export type EditableLayer = (typeof EDITABLE_LAYERS)[number];

function statementList(doc: PolicyDocument): Record<string, unknown>[] {
  const list = [doc.Statement].flat() as Record<string, unknown>[];
  doc.Statement = list;
  return list;
}

const newPolicy = (statement: Record<string, unknown>): PolicyDocument => ({ Version: '2012-10-17', Statement: [statement] });

/**
 * The case with `statement` added to a policy of `layer` (the `pick`-th one where there are several), or in a
 * new policy of that layer when it has none.
 */
export function withStatement(c: DiffCase, layer: EditableLayer, statement: Record<string, unknown>, pick: number): DiffCase {
  const d = cloneCase(c);
  const addTo = (docs: PolicyDocument[]) => {
    if (docs.length === 0) docs.push(newPolicy(statement));
    else statementList(docs[pick % docs.length]).push(statement);
  };
  switch (layer) {
    case 'identity': { const docs = [...d.identity]; addTo(docs); d.identity = docs; break; }
    case 'resource': d.resourcePolicy = d.resourcePolicy ? { ...d.resourcePolicy, Statement: [...[d.resourcePolicy.Statement].flat(), statement] } : newPolicy(statement); break;
    case 'boundary': d.boundary = d.boundary ? { ...d.boundary, Statement: [...[d.boundary.Statement].flat(), statement] } : newPolicy(statement); break;
    case 'session': d.session = d.session ? { ...d.session, Statement: [...[d.session.Statement].flat(), statement] } : newPolicy(statement); break;
    case 'vpce': { const docs = [...(d.vpce ?? [])]; addTo(docs); d.vpce = docs; break; }
    case 'scp':
    case 'rcp': {
      const levels = (layer === 'scp' ? d.scps : d.rcps)?.map((l) => [...l]) ?? [[]];
      addTo(levels[pick % levels.length]);
      if (layer === 'scp') d.scps = levels; else d.rcps = levels;
      break;
    }
  }
  return d;
}

/** Every policy document of a (drafted) case, for in-place edits. */
function documentsOf(d: DiffCaseDraft): PolicyDocument[] {
  return [
    ...d.identity, d.resourcePolicy, d.boundary, ...(d.scps ?? []).flat(), ...(d.rcps ?? []).flat(), d.session, ...(d.vpce ?? []),
  ].filter((doc): doc is PolicyDocument => doc !== undefined);
}

export function countAllows(c: DiffCase): number {
  return documentsOf(cloneCase(c)).flatMap(statementList).filter((s) => s.Effect === 'Allow').length;
}

/**
 * The case without its `pick`-th Allow statement (counting across all layers). The policy that held it stays,
 * possibly with no statement left: removing a whole boundary, SCP or endpoint policy would widen access, not
 * narrow it.
 */
export function withoutAllow(c: DiffCase, pick: number): DiffCase {
  const d = cloneCase(c);
  const allows = documentsOf(d).flatMap((doc) => statementList(doc).map((s, i) => ({ doc, s, i }))).filter((x) => x.s.Effect === 'Allow');
  if (allows.length === 0) return d;
  const { doc, s } = allows[pick % allows.length];
  doc.Statement = statementList(doc).filter((other) => other !== s);
  return d;
}

/** Every policy document of a case, with a setter, in a fixed order. */
export function mapDocuments(c: DiffCase, change: (doc: PolicyDocument) => PolicyDocument): DiffCase {
  const d = cloneCase(c);
  d.identity = d.identity.map(change);
  if (d.resourcePolicy) d.resourcePolicy = change(d.resourcePolicy);
  if (d.boundary) d.boundary = change(d.boundary);
  if (d.scps) d.scps = d.scps.map((level) => level.map(change));
  if (d.rcps) d.rcps = d.rcps.map((level) => level.map(change));
  if (d.session) d.session = change(d.session);
  if (d.vpce) d.vpce = d.vpce.map(change);
  return d;
}

/**
 * The case with every statement passed through `change` (which may return undefined to drop it), together with
 * the version of the policy it sits in.
 */
export function mapStatements(c: DiffCase, change: (s: Record<string, unknown>, version: unknown) => Record<string, unknown> | undefined): DiffCase {
  return mapDocuments(c, (doc) => ({
    ...doc,
    Statement: ([doc.Statement].flat() as Record<string, unknown>[])
      .map((s) => change(structuredClone(s), doc.Version))
      .filter((s): s is Record<string, unknown> => s !== undefined),
  }));
}

/** The case with every condition clause passed through `change` (undefined drops the clause). */
export function mapConditionClauses(
  c: DiffCase,
  change: (operator: string, key: string, values: string | string[], version: unknown) => string | string[] | undefined,
): DiffCase {
  return mapStatements(c, (s, version) => {
    if (s.Condition === undefined) return s;
    const out: Record<string, Record<string, unknown>> = {};
    for (const [operator, keys] of Object.entries(s.Condition as Record<string, Record<string, string | string[]>>)) {
      for (const [key, values] of Object.entries(keys)) {
        const changed = change(operator, key, values, version);
        if (changed !== undefined) (out[operator] ??= {})[key] = changed;
      }
    }
    const { Condition: _dropped, ...rest } = s;
    return Object.keys(out).length > 0 ? { ...rest, Condition: out } : rest;
  });
}
