import { grantMatrixInput } from './support/grant-matrix-app';
import { analyzeAssembly } from '../../src/analysis/analyze';
import { evaluationCounters } from '../../src/iam/evaluate/counters';

/**
 * The cost of the analysis of F functions each granted on B buckets (`bucket.grantPut(fn)`, the CDK's overflow
 * managed policies included) is proportional to the F·B writes it judges, not to F·B × the B statements of each
 * role: doubling F and B quadruples the statements evaluated (the index finds each write's grant), where matching
 * every statement of the role would multiply them by eight. Counted, never timed.
 */

interface Run {
  readonly intents: number;
  readonly allowed: number;
  readonly evaluations: number;
}

function analyzeGrid(functions: number, buckets: number): Run {
  const input = grantMatrixInput(functions, buckets);
  evaluationCounters.statements = 0;
  const report = analyzeAssembly(input);
  return {
    intents: report.findings.length,
    allowed: report.findings.filter((f) => f.verdict === 'ALLOW').length,
    evaluations: evaluationCounters.statements,
  };
}

describe('grant matrix: statement evaluations grow with the writes, not writes × statements', () => {
  let small: Run;
  let large: Run;
  beforeAll(() => {
    small = analyzeGrid(12, 12);
    large = analyzeGrid(24, 24);
  }, 120_000);

  test('every write is judged, and allowed', () => {
    expect(small).toMatchObject({ intents: 144, allowed: 144 });
    expect(large).toMatchObject({ intents: 576, allowed: 576 });
  });

  test('doubling F and B at most quadruples the statements evaluated', () => {
    // Without the index each write meets every statement of its role: 12·12·12 → 24·24·24 is ×8.
    expect(large.evaluations / small.evaluations).toBeLessThanOrEqual(4.2);
  });

  test('each write meets a bounded number of statements, however many buckets its role is granted on', () => {
    // Its own grant (PutObject, and the other actions the write implies) and the bucket's own policy: a few, not 24.
    expect(large.evaluations / large.intents).toBeLessThanOrEqual(small.evaluations / small.intents * 1.05);
    expect(large.evaluations / large.intents).toBeLessThan(12);
  });
});
