import { DiffCase } from './case';
import { generateCase } from './generate';
import { documentedAnswer, KNOWN_DIFFERENCES, KnownDifference } from './known-differences';
import { evaluateOurs } from './to-ours';
import { simulate, SimulatorAnswer } from './to-simulate';
import { Decision, Outcome } from '../../../src/iam/model';
import { shrinkCase } from '../support/shrink-case';

export type Verdict =
  | { readonly kind: 'agree' }
  /** A documented difference, and our answer is the one the documentation gives. */
  | { readonly kind: 'known'; readonly ids: readonly string[] }
  /** A case of documented classes where our answer is not the documented one. */
  | { readonly kind: 'known-but-wrong'; readonly ids: readonly string[]; readonly documented: Outcome }
  | { readonly kind: 'unexplained' };

export interface CaseResult {
  readonly c: DiffCase;
  readonly sim: SimulatorAnswer;
  readonly ours: Decision;
  readonly verdict: Verdict;
}

export interface DifferentialRun {
  readonly seed: number;
  /** Index of the first case. */
  readonly first: number;
  readonly results: readonly CaseResult[];
  readonly millis: number;
}

/** Generate cases `first` … `first + count - 1` of `seed`, run both evaluators on each, classify every disagreement. */
/** Our side of a comparison: the real evaluator, or (to test the harness itself) a deliberately broken one. */
export type Evaluator = (c: DiffCase, ignoredContextKeys: readonly string[]) => Decision;

export async function runDifferential(
  seed: number, first: number, count: number,
  known: readonly KnownDifference[] = KNOWN_DIFFERENCES, evaluator: Evaluator = evaluateOurs,
): Promise<DifferentialRun> {
  const started = Date.now();
  const results: CaseResult[] = [];
  for (let i = first; i < first + count; i++) {
    const c = generateCase(seed, i);
    const sim = await simulate(c);
    const ours = evaluator(c, sim.ignoredContextKeys);
    results.push({ c, sim, ours, verdict: await classify(c, sim, ours, known) });
  }
  return { seed, first, results, millis: Date.now() - started };
}

async function classify(c: DiffCase, sim: SimulatorAnswer, ours: Decision, known: readonly KnownDifference[]): Promise<Verdict> {
  if (ours.outcome === sim.outcome) return { kind: 'agree' };
  const documented = await documentedAnswer(c, sim, known);
  if (documented.ids.length === 0) return { kind: 'unexplained' };
  if (documented.acceptable.includes(ours.outcome)) return { kind: 'known', ids: documented.ids };
  return { kind: 'known-but-wrong', ids: documented.ids, documented: documented.outcome };
}

/**
 * The smallest case (one edit at a time: a policy, statement, list entry, condition or context key fewer) that
 * still gives the same two answers and the same verdict, for a readable bug report.
 */
export async function shrinkResult(r: CaseResult, evaluator: Evaluator = evaluateOurs): Promise<CaseResult> {
  const judge = async (c: DiffCase): Promise<CaseResult> => {
    const sim = await simulate(c);
    const ours = evaluator(c, sim.ignoredContextKeys);
    return { c, sim, ours, verdict: await classify(c, sim, ours, KNOWN_DIFFERENCES) };
  };
  const signature = (x: CaseResult) => `${x.sim.outcome}/${x.ours.outcome}/${x.verdict.kind}`;
  const wanted = signature(r);
  const small = await shrinkCase(r.c, async (c) => signature(await judge(c)) === wanted);
  return judge(small);
}

/** Everything needed to reproduce one case by hand: the inputs and both answers. */
export function repro(r: CaseResult): string {
  const { c, sim, ours } = r;
  const defined = Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined));
  return [
    `case ${c.index}: iam-simulate=${sim.outcome} (blockedBy ${sim.blockedBy.join(',') || '-'}), ours=${ours.outcome} ` +
      `(blockedBy ${ours.blockedBy.join(',') || '-'}; decisive ${ours.decisive.map((s) => `${s.layer}:${s.policyId}#${s.index}`).join(',') || '-'})`,
    `verdict: ${JSON.stringify(r.verdict)}`,
    ours.dependsOn.length ? `ours depends on: ${ours.dependsOn.map((d) => `${d.layer}:${d.policyId} ${d.key ?? ''} ${d.reason}`).join('; ')}` : '',
    `ignored context keys: ${sim.ignoredContextKeys.join(',') || '-'}`,
    JSON.stringify(defined, null, 1),
  ].filter(Boolean).join('\n');
}

/** Counts for the log: agreements, outcomes on each side, known differences by class. */
export function summarise(run: DifferentialRun): string {
  const count = (f: (r: CaseResult) => boolean) => run.results.filter(f).length;
  const tally = (key: (r: CaseResult) => string | readonly string[] | undefined) => {
    const t: Record<string, number> = {};
    for (const r of run.results) {
      for (const k of [key(r) ?? []].flat()) t[k] = (t[k] ?? 0) + 1;
    }
    return JSON.stringify(t);
  };
  return [
    `differential: seed ${run.seed}, cases ${run.first}..${run.first + run.results.length - 1} in ${run.millis} ms`,
    `  agreements: ${count((r) => r.verdict.kind === 'agree')}`,
    `  iam-simulate outcomes: ${tally((r) => r.sim.outcome)}`,
    `  our outcomes: ${tally((r) => r.ours.outcome)}`,
    `  known differences by class: ${tally((r) => (r.verdict.kind === 'known' ? r.verdict.ids : undefined))}`,
    `  known class, wrong answer: ${tally((r) => (r.verdict.kind === 'known-but-wrong' ? r.verdict.ids : undefined))}`,
    `  unexplained: ${count((r) => r.verdict.kind === 'unexplained')}`,
  ].join('\n');
}
