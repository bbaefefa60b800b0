import { App } from 'aws-cdk-lib';
import { recheck } from './support/recheck';
import { buildDemoStacks } from '../../examples/demo-app';
import { analyzeAssembly } from '../../src/analysis/analyze';
import { Report } from '../../src/analysis/report';
import { loadAssembly } from '../../src/cli/assembly';
import { runCli } from '../../src/cli/run';
import { newApp } from '../support/harness';

// The examples' demo app, broken, through the command line and the analysis: every DENY and CONDITIONAL write carries
// a remediation that the test's own "apply and check again" proves ALLOW, and --fix / --json / --sarif / the table
// carry it.

let dir: string;
let report: Report;

beforeAll(() => {
  const app: App = newApp();
  buildDemoStacks(app, false);
  app.synth();
  dir = app.outdir;
  report = analyzeAssembly(loadAssembly(dir).input);
});

function cli(...args: string[]): { code: number; stdout: string } {
  let stdout = '';
  const code = runCli(['check', dir, ...args], { stdout: t => { stdout += t; }, stderr: () => undefined });
  return { code, stdout };
}

test('every DENY and CONDITIONAL finding of the demo app is remedied: verified, and ALLOW once its steps are applied', () => {
  const failing = report.findings.filter(f => f.verdict === 'DENY' || f.verdict === 'CONDITIONAL');
  expect(failing.length).toBeGreaterThanOrEqual(4);
  const stacks = loadAssembly(dir).input.stacks;
  for (const f of failing) {
    expect({ write: `${f.function} -> ${f.bucket}`, verified: f.remediation?.verified }).toEqual({ write: `${f.function} -> ${f.bucket}`, verified: true });
    expect({ write: `${f.function} -> ${f.bucket}`, after: recheck(stacks, f).verdict }).toEqual({ write: `${f.function} -> ${f.bucket}`, after: 'ALLOW' });
  }
});

test('check --fix prints the steps grouped per policy or request, as JSON', () => {
  const { code, stdout } = cli('--fix');
  expect(code).toBe(1);
  const out = JSON.parse(stdout);
  expect(out.version).toBe(1);
  const stepsOut = out.changes.flatMap((c: any) => c.steps.map((s: any) => s.step));
  const stepsIn = report.findings.flatMap(f => f.remediation?.steps ?? []);
  expect(stepsOut).toHaveLength(stepsIn.length);
  for (const change of out.changes) {
    if (change.change === 'policy') expect(change.steps.every((s: any) => s.step.target.logicalId === change.target.logicalId)).toBe(true);
    if (change.change === 'request') expect(change.steps.every((s: any) => s.write.function === change.function)).toBe(true);
  }
  expect(out.changes.some((c: any) => c.change === 'policy' && c.policy === 'key')).toBe(true);
});

test('check --json and --sarif carry remediation; the table lists the steps', () => {
  const json = JSON.parse(cli('--json').stdout);
  expect(json.findings.filter((f: any) => f.remediation).length).toBe(report.findings.filter(f => f.remediation).length);
  const sarif = JSON.parse(cli('--sarif').stdout);
  const withSteps = sarif.runs[0].results.filter((r: any) => r.properties?.remediation);
  expect(withSteps.length).toBeGreaterThan(0);
  expect(withSteps[0].properties.remediation.steps.length).toBeGreaterThan(0);
  const table = cli().stdout;
  expect(table).toContain('remediation (re-checked: ALLOW with these steps):');
  expect(table).toMatch(/1\. .*CDK: `key\.addToResourcePolicy/);
});
