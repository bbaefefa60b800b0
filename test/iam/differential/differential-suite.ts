import { FEATURES } from './features';
import { CaseResult, DifferentialRun, repro, runDifferential, shrinkResult, summarise } from './run';

/**
 * Differential test of src/iam against @cloud-copilot/iam-simulate (IAM User Guide, "Policy evaluation logic",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html): generated policy sets and fully concrete requests, both evaluators in their
 * strict mode, every disagreement either a bug or a documented difference (KNOWN-DIFFERENCES.md).
 *
 * The run is split into shards, one test file each, so that each file stays fast and jest runs them in
 * parallel. DIFF_CASES sets the total number of cases (default 10,000), DIFF_SEED the seed.
 */
export const SEED = Number(process.env.DIFF_SEED ?? 20261128);
export const CASES = Number(process.env.DIFF_CASES ?? 10000);
export const SHARDS = 4;

/** Repros for a failure message: the first few cases as generated, and the first one shrunk to its core. */
async function repros(results: readonly CaseResult[]): Promise<string[]> {
  if (results.length === 0) return [];
  const minimal = await shrinkResult(results[0]);
  return [`minimal: ${repro(minimal)}`, ...results.slice(0, 3).map(repro)];
}

export function describeDifferentialShard(shard: number): void {
  const first = Math.floor((CASES * shard) / SHARDS);
  const count = Math.floor((CASES * (shard + 1)) / SHARDS) - first;

  describe(`differential: src/iam against iam-simulate (seed ${SEED}, shard ${shard + 1}/${SHARDS}: ${count} cases)`, () => {
    let run: DifferentialRun;

    beforeAll(async () => {
      run = await runDifferential(SEED, first, count);
      // eslint-disable-next-line no-console
      console.log(summarise(run));
    }, 600_000);

    test('every case was decided by both sides', () => {
      expect(run.results).toHaveLength(count);
    });

    test('no unexplained disagreement (a bug in src/iam, or a class to document)', async () => {
      expect(await repros(run.results.filter((r) => r.verdict.kind === 'unexplained'))).toEqual([]);
    }, 120_000);

    test('in every documented difference our answer is the one the AWS documentation gives', async () => {
      expect(await repros(run.results.filter((r) => r.verdict.kind === 'known-but-wrong'))).toEqual([]);
    }, 120_000);

    test('with a concrete context our evaluator answers unknown only where the documentation leaves it open', async () => {
      expect(await repros(run.results.filter((r) => r.ours.outcome === 'unknown' && r.verdict.kind !== 'known'))).toEqual([]);
    }, 120_000);

    test('the generator yields a useful mix of outcomes', () => {
      const shares = Object.fromEntries((['allow', 'explicit-deny', 'implicit-deny'] as const).map((outcome) =>
        [outcome, run.results.filter((r) => r.sim.outcome === outcome).length / run.results.length >= 0.15]));
      expect(shares).toEqual({ 'allow': true, 'explicit-deny': true, 'implicit-deny': true });
      const crossAccountAllows = run.results.filter((r) => r.sim.outcome === 'allow' && r.c.principal.account !== r.c.resourceAccount);
      const kmsAllows = run.results.filter((r) => r.sim.outcome === 'allow' && r.c.resourceKind === 'kms');
      expect(Math.min(crossAccountAllows.length, kmsAllows.length)).toBeGreaterThan(count / 100);
    });

    test('the generated cases cover every feature the evaluator models', () => {
      const thin = Object.entries(FEATURES)
        .map(([name, has]) => ({ name, cases: run.results.filter((r) => has(r.c)).length }))
        .filter((f) => f.cases < Math.min(25, count / 100));
      expect(thin).toEqual([]);
    });
  });
}
