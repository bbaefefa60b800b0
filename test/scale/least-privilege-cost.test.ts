import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteAccessChecker } from '../../src';
import { grantMatrixInput } from './support/grant-matrix-app';
import { analyzeAssembly } from '../../src/analysis/analyze';
import { AssemblyInput } from '../../src/analysis/input';
import { loadAssembly } from '../../src/cli/assembly';
import { evaluationCounters } from '../../src/iam/evaluate/counters';
import { newApp, stackIn, writerFunction } from '../support/harness';

/**
 * The least-privilege report (on by default) probes each role for what it can do beyond its writes. Asked of every
 * role about every bucket of the app, it cost R·B probes per action: quadratic in an app of N independent
 * function → bucket pairs, and F·B² in the grant matrix (every bucket's writers probed once per intent on it).
 * A role is now probed only on the buckets some Allow can reach (least-privilege/reach.ts), a probe for an action
 * no Allow grants is answered without an evaluation, and each distinct key once. Counted, never timed.
 *
 * Also here: the evaluator's traces of the statements the index skipped are built only when a decision is read for
 * its explanation, so judging allowed writes builds none of them.
 */

function pairsApp(n: number): AssemblyInput {
  const app = newApp();
  const stack = stackIn(app, 'Pairs');
  for (let i = 0; i < n; i++) {
    const key = new kms.Key(stack, `Key${i}`);
    const bucket = new s3.Bucket(stack, `Bucket${i}`, { encryption: s3.BucketEncryption.KMS, encryptionKey: key, enforceSSL: true });
    bucket.grantPut(writerFunction(stack, `Fn${i}`), 'incoming/*');
  }
  app.synth();
  return loadAssembly(app.outdir).input;
}

interface Cost {
  /** Requests decided by the whole analysis with the least-privilege report. */
  readonly withReport: number;
  /** The same without it: the difference is the report's probes. */
  readonly withoutReport: number;
  readonly roles: number;
  /** Excess actions found, over all roles. */
  readonly excess: number;
}

function cost(input: AssemblyInput): Cost {
  evaluationCounters.requests = 0;
  const without = analyzeAssembly(input, {}, { leastPrivilege: false });
  const withoutReport = evaluationCounters.requests;
  evaluationCounters.requests = 0;
  const report = analyzeAssembly(input, {}, { leastPrivilege: true }).leastPrivilege!;
  expect(without.findings.length).toBeGreaterThan(0);
  return {
    withReport: evaluationCounters.requests,
    withoutReport,
    roles: report.roles.length,
    excess: report.roles.reduce((n, r) => n + r.excess.reduce((m, e) => m + e.actions.length, 0), 0),
  };
}

const report = (c: Cost) => c.withReport - c.withoutReport;

describe('least-privilege report: cost linear in the app', () => {
  test('N independent pairs: doubling N doubles the probes\' work (it was ×4: every role against every bucket)', () => {
    const small = cost(pairsApp(10));
    const large = cost(pairsApp(20));
    // The report still finds each role's excess (grantPut's tagging, retention, legal hold, abort; the key grant's extras).
    expect(small.roles).toBe(10);
    expect(large.roles).toBe(20);
    expect(large.excess).toBe(2 * small.excess);
    expect(small.excess).toBeGreaterThanOrEqual(10 * 4);
    expect(report(large) / report(small)).toBeLessThanOrEqual(2.1);
  }, 120_000);

  test('F × B grant matrix: doubling F and B at most quadruples the work (it was ×8: each bucket\'s writers probed per intent)', () => {
    const small = cost(grantMatrixInput(6, 6));
    const large = cost(grantMatrixInput(12, 12));
    expect(large.roles).toBe(12);
    expect(report(large) / report(small)).toBeLessThanOrEqual(4.2);
  }, 120_000);

  test('F × B grant matrix of distinct roles: two requests per grant, whatever F and B — one for the four actions grantPut allows beyond the write, one for the writers\' keys', () => {
    // Probes for the other thirty-odd actions are answered from the statements (no request); the four excess actions
    // are matched alike by every statement, so one evaluation decides them (it was four); the writers' any key and
    // intent key are matched alike by every statement (`bucket/*`), one evaluation (it was two); the bucket's `/*`
    // pattern is not probed again (its key would be matched as the any key is); the request is built once per object.
    for (const [f, b] of [[6, 6], [12, 12]]) {
      const c = cost(grantMatrixInput(f, b, true));
      expect(c.excess).toBe(f * b * 4);
      expect(report(c)).toBe(f * b * 2);
    }
  }, 120_000);

  test('F × B grant matrix of roles alike: two requests per bucket, whatever F — the other roles get the first one\'s answers', () => {
    // The same policies, statement for statement: a probe of the second role on a bucket is the first's, its
    // statements named in its own policies (least-privilege/alike-probes.ts). The excess is still every role's.
    for (const [f, b] of [[6, 6], [12, 6], [12, 12]]) {
      const c = cost(grantMatrixInput(f, b));
      expect(c.excess).toBe(f * b * 4);
      expect(report(c)).toBe(b * 2);
    }
  }, 120_000);
});

describe('traces of skipped statements are built only when read', () => {
  test('judging allowed writes builds none; a denied write still explains itself with its near misses', () => {
    const input = grantMatrixInput(10, 10);
    evaluationCounters.skippedTraces = 0;
    const allowed = analyzeAssembly(input, {}, { leastPrivilege: false });
    expect(allowed.findings.map((f) => f.verdict)).toEqual(Array(100).fill('ALLOW'));
    expect(evaluationCounters.skippedTraces).toBe(0);

    // The same role granted on other buckets, writing a bucket it has no grant on: the near miss is read (and named).
    const app = newApp();
    const stack = stackIn(app, 'Miss');
    const fn = writerFunction(stack, 'Fn');
    const granted = Array.from({ length: 10 }, (_, i) => new s3.Bucket(stack, `Granted${i}`));
    for (const b of granted) b.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, new s3.Bucket(stack, 'Other'));
    app.synth();
    evaluationCounters.skippedTraces = 0;
    const denied = analyzeAssembly(loadAssembly(app.outdir).input, {}, { leastPrivilege: false });
    const finding = denied.findings.find((f) => f.bucket.includes('Other'));
    expect(finding?.verdict).toBe('DENY');
    expect(evaluationCounters.skippedTraces).toBeGreaterThan(0);
  }, 120_000);
});
