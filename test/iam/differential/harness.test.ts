import { DiffCase } from './case';
import { statementsOf } from './features';
import { Evaluator, runDifferential, shrinkResult } from './run';
import { evaluateOurs } from './to-ours';
import { mapStatements } from '../support/case-edits';

/**
 * The harness has teeth: evaluators broken on purpose (each in one rule of IAM "Policy evaluation logic") are
 * caught as unexplained disagreements, not absorbed by the documented differences.
 */
const broken: Record<string, Evaluator> = {
  'ignores every Deny statement': (c, ignored) => evaluateOurs(mapStatements(c, (s) => (s.Effect === 'Deny' ? undefined : s)), ignored),
  'ignores permissions boundaries': (c, ignored) => evaluateOurs({ ...c, boundary: undefined } as DiffCase, ignored),
  'ignores conditions on Allow statements': (c, ignored) =>
    evaluateOurs(mapStatements(c, (s) => (s.Effect === 'Allow' ? { ...s, Condition: undefined } : s)), ignored),
};

describe('differential harness', () => {
  test.each(Object.keys(broken))('an evaluator that %s is caught', async (name) => {
    const run = await runDifferential(99, 0, 400, undefined, broken[name]);
    const caught = run.results.filter((r) => r.verdict.kind === 'unexplained' || r.verdict.kind === 'known-but-wrong');
    expect(caught.length).toBeGreaterThan(4);
  }, 60_000);

  test('a caught case shrinks to a minimal repro with the same verdict', async () => {
    const evaluator = broken['ignores every Deny statement'];
    const run = await runDifferential(99, 0, 100, undefined, evaluator);
    const caught = run.results.find((r) => r.verdict.kind === 'unexplained')!;
    const minimal = await shrinkResult(caught, evaluator);
    expect(minimal.verdict.kind).toBe('unexplained');
    expect([minimal.sim.outcome, minimal.ours.outcome]).toEqual([caught.sim.outcome, caught.ours.outcome]);
    const statements = statementsOf(minimal.c);
    expect(statements.length).toBeLessThan(statementsOf(caught.c).length + 1);
    expect(statements.length).toBeLessThanOrEqual(3);
    expect(statements.some(({ statement }) => statement.Effect === 'Deny')).toBe(true); // the ignored Deny is what remains
  }, 60_000);

  test('the real evaluator on the same cases is not flagged', async () => {
    const run = await runDifferential(99, 0, 400);
    expect(run.results.filter((r) => r.verdict.kind === 'unexplained' || r.verdict.kind === 'known-but-wrong')).toEqual([]);
  }, 60_000);
});
