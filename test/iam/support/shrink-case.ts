import { cloneCase, DiffCaseDraft } from './case-edits';
import { DiffCase, PolicyDocument } from '../differential/case';

type Json = Record<string, unknown>;

/** Every smaller variant of a case one edit away: a policy, statement, list entry, condition or context key fewer. */
function* smallerVariants(c: DiffCase): Generator<DiffCase> {
  const variants: ((d: DiffCaseDraft) => boolean)[] = [];
  const drop = (apply: (d: DiffCaseDraft) => boolean) => variants.push(apply);

  c.identity.forEach((_, i) => drop((d) => { d.identity = d.identity.filter((__, j) => j !== i); return true; }));
  for (const k of ['resourcePolicy', 'boundary', 'scps', 'rcps', 'session', 'vpce'] as const) {
    // Every KMS key has a key policy: a case without one is not a smaller case but another question.
    if (k === 'resourcePolicy' && c.resourceKind === 'kms') continue;
    if (c[k] !== undefined) drop((d) => { delete d[k]; return true; });
  }
  c.scps?.forEach((_, i) => drop((d) => { d.scps = d.scps!.filter((__, j) => j !== i); return true; }));
  c.rcps?.forEach((_, i) => drop((d) => { d.rcps = d.rcps!.filter((__, j) => j !== i); return true; }));
  Object.keys(c.context).forEach((k) => drop((d) => { delete d.context[k]; return true; }));
  Object.entries(c.context).forEach(([k, v]) => {
    if (Array.isArray(v)) v.forEach((_, i) => drop((d) => { d.context[k] = (d.context[k] as string[]).filter((__, j) => j !== i); return true; }));
  });

  const docCount = documents(cloneCase(c)).length;
  for (let p = 0; p < docCount; p++) {
    const statements = [documents(cloneCase(c))[p].Statement].flat() as Json[];
    statements.forEach((s, i) => {
      drop((d) => { const doc = documents(d)[p]; doc.Statement = ([doc.Statement].flat() as Json[]).filter((__, j) => j !== i); return true; });
      for (const element of ['Action', 'NotAction', 'Resource', 'NotResource', 'Sid']) {
        const value = s[element];
        if (Array.isArray(value) && value.length > 1) {
          value.forEach((_, v) => drop((d) => edit(d, p, i, (st) => { st[element] = (st[element] as unknown[]).filter((__, j) => j !== v); })));
        }
        if (element === 'Sid' && value !== undefined) drop((d) => edit(d, p, i, (st) => { delete st.Sid; }));
      }
      const principal = s.Principal ?? s.NotPrincipal;
      const key = s.Principal !== undefined ? 'Principal' : 'NotPrincipal';
      if (principal && typeof principal === 'object' && Array.isArray((principal as Json).AWS) && ((principal as Json).AWS as unknown[]).length > 1) {
        ((principal as Json).AWS as unknown[]).forEach((_, v) => drop((d) => edit(d, p, i, (st) => {
          st[key] = { AWS: ((st[key] as Json).AWS as unknown[]).filter((__, j) => j !== v) };
        })));
      }
      const condition = (s.Condition ?? {}) as Record<string, Record<string, unknown>>;
      if (s.Condition !== undefined) drop((d) => edit(d, p, i, (st) => { delete st.Condition; }));
      for (const [op, keys] of Object.entries(condition)) {
        drop((d) => edit(d, p, i, (st) => {
          delete (st.Condition as Json)[op];
          if (Object.keys(st.Condition as Json).length === 0) delete st.Condition;
        }));
        for (const [k, vals] of Object.entries(keys)) {
          drop((d) => edit(d, p, i, (st) => {
            const cond = st.Condition as Json;
            delete (cond[op] as Json)[k];
            if (Object.keys(cond[op] as Json).length === 0) delete cond[op];
            if (Object.keys(cond).length === 0) delete st.Condition;
          }));
          if (Array.isArray(vals) && vals.length > 1) {
            vals.forEach((_, v) => drop((d) => edit(d, p, i, (st) => {
              const block = (st.Condition as Json)[op] as Json;
              block[k] = (block[k] as unknown[]).filter((__, j) => j !== v);
            })));
          }
        }
      }
    });
  }
  for (const apply of variants) {
    const d = cloneCase(c);
    if (apply(d)) yield d;
  }
}

function documents(d: DiffCaseDraft): PolicyDocument[] {
  return [...d.identity, d.resourcePolicy, d.boundary, ...(d.scps ?? []).flat(), ...(d.rcps ?? []).flat(), d.session, ...(d.vpce ?? [])]
    .filter((x): x is PolicyDocument => x !== undefined);
}

function edit(d: DiffCaseDraft, doc: number, statement: number, change: (s: Json) => void): boolean {
  const target = documents(d)[doc];
  const list = [target.Statement].flat() as Json[];
  change(list[statement]);
  target.Statement = list;
  return true;
}

/**
 * Delta-debugging: the smallest case (by greedy one-edit steps) for which `stillFails` holds, for minimal
 * repros in reports.
 */
export async function shrinkCase(c: DiffCase, stillFails: (candidate: DiffCase) => Promise<boolean>, maxSteps = 500): Promise<DiffCase> {
  let current = c;
  for (let step = 0; step < maxSteps; step++) {
    let smaller: DiffCase | undefined;
    for (const candidate of smallerVariants(current)) {
      if (await stillFails(candidate)) { smaller = candidate; break; }
    }
    if (!smaller) return current;
    current = smaller;
  }
  return current;
}
