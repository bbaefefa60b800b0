import * as fs from 'fs';
import * as path from 'path';
import { Build, buildForTests, cdkSynth, runCommand as runBuilt } from './support/commands';
import { removeTempDirs, tempDir } from './support/fixtures';
import { sarifShapeProblems } from './support/sarif-shape';
import { CAUSE_CODES } from '../../src/analysis/report';
import { USAGE_LINE } from '../../src/cli/usage';

/**
 * End to end: the real `cdk synth` writes an assembly (a top-level stack and a Stage's nested assembly), and the
 * command runs on it as a separate process: inputs, outputs, exit codes and input errors. It is synthesized with
 * `--no-path-metadata`, so it also proves construct paths are recovered from the stack metadata; the verdicts on
 * assemblies with path metadata are asserted in e2e-verdicts.test.ts.
 */

jest.setTimeout(60_000);

let build: Build;
let workDir: string;
let assembly: string;

beforeAll(async () => {
  build = buildForTests();
  workDir = tempDir('cli-e2e-');
  assembly = path.join(workDir, 'cdk.out');
  await cdkSynth(build, 'writer-app.ts', assembly, { variant: 'fixed' }, ['--no-path-metadata']);
});

function runCommand(args: string[], cwd?: string) {
  return runBuilt(build, args, cwd);
}
afterAll(removeTempDirs);

/** A copy of the synthesized assembly to break. */
function copyOfAssembly(): string {
  const copy = path.join(tempDir('cli-e2e-broken-'), 'cdk.out');
  fs.cpSync(assembly, copy, { recursive: true });
  return copy;
}

function nestedTemplate(dir: string): string {
  const nested = path.join(dir, 'assembly-Prod');
  const file = fs.readdirSync(nested).find(f => f.endsWith('.template.json'));
  if (!file) throw new Error('the Stage\'s template is missing from the synthesized assembly');
  return path.join(nested, file);
}

test('reads both stacks, the Stage\'s nested one included, and passes (exit 0)', () => {
  const { status, stdout, stderr } = runCommand(['check', assembly]);
  expect(stderr).toBe('');
  expect(status).toBe(0);
  expect(stdout).toMatch(/checked in 2 stacks: .* PASSED\.\n$/);
});

test('without path metadata in the templates, findings still name construct paths (from the stack metadata)', () => {
  expect(fs.readFileSync(nestedTemplate(assembly), 'utf8')).not.toContain('aws:cdk:path');
  const { stdout } = runCommand(['check', assembly]);
  expect(stdout).toMatch(/\nProd\/Ingest\/Writer\s+Prod\/Ingest\/Uploads\s+incoming\/\*\s+ALLOW\s/);
});

test('with no directory it reads ./cdk.out, or the output directory of ./cdk.json', () => {
  const { status, stdout } = runCommand(['check'], workDir);
  expect(status).toBe(0);
  expect(stdout).toMatch(/checked in 2 stacks/);

  const project = tempDir('cli-e2e-project-');
  fs.writeFileSync(path.join(project, 'cdk.json'), JSON.stringify({ app: 'node app.js', output: 'synth/out' }));
  expect(runCommand(['check'], project).stderr)
    .toBe('cdk-secure-lambda-writer: synth/out not found: run `cdk synth` first or pass the assembly directory\n');
  fs.cpSync(assembly, path.join(project, 'synth', 'out'), { recursive: true });
  expect(runCommand(['check'], project).stdout).toMatch(/checked in 2 stacks/);
});

test('--json prints the report shape', () => {
  const { status, stdout } = runCommand(['check', assembly, '--json']);
  expect(status).toBe(0);
  const report = JSON.parse(stdout);
  expect(report.version).toBe(1);
  expect(Array.isArray(report.findings)).toBe(true);
});

test('--sarif prints SARIF 2.1.0 with one rule per cause code (least-privilege rules off)', () => {
  const { status, stdout } = runCommand(['check', 'cdk.out', '--sarif', '--least-privilege', 'off'], workDir);
  expect(status).toBe(0);
  const log = JSON.parse(stdout);
  expect(sarifShapeProblems(log)).toEqual([]);
  expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([...CAUSE_CODES]);
});

test('environment options are read (a valid SCP file) and checked (a corrupt one is exit 2)', () => {
  const scp = path.join(workDir, 'scp.json');
  fs.writeFileSync(scp, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }));
  expect(runCommand(['check', 'cdk.out', '--scp', 'scp.json'], workDir).status).toBe(0);
  fs.writeFileSync(path.join(workDir, 'bad-scp.json'), '{"Statement": ');
  const bad = runCommand(['check', 'cdk.out', '--scp', 'bad-scp.json'], workDir);
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/^cdk-secure-lambda-writer: bad-scp.json is not valid JSON \(the policies given with --scp: .*\): give the path of a JSON file\n$/);
});

test('no assembly: exit 2 and one line that says to run cdk synth', () => {
  const { status, stdout, stderr } = runCommand(['check'], tempDir('cli-e2e-empty-'));
  expect(status).toBe(2);
  expect(stdout).toBe('');
  expect(stderr).toBe('cdk-secure-lambda-writer: cdk.out not found: run `cdk synth` first or pass the assembly directory\n');
});

test('a corrupt nested manifest: exit 2 and one line naming it, no stack trace', () => {
  const broken = copyOfAssembly();
  const manifestFile = path.join(broken, 'assembly-Prod', 'manifest.json');
  fs.writeFileSync(manifestFile, fs.readFileSync(manifestFile, 'utf8').slice(0, 100));
  const { status, stdout, stderr } = runCommand(['check', broken]);
  expect(status).toBe(2);
  expect(stdout).toBe('');
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).toContain(`${manifestFile} is not valid JSON (the cloud assembly manifest: `);
  expect(stderr).not.toMatch(/\bat .*:\d+:\d+/);
});

test('a missing template: exit 2 and one line naming it', () => {
  const broken = copyOfAssembly();
  const template = nestedTemplate(broken);
  fs.rmSync(template);
  const { status, stderr } = runCommand(['check', broken, '--sarif']);
  expect(status).toBe(2);
  expect(stderr).toMatch(new RegExp(`^cdk-secure-lambda-writer: ${template.replace(/[.\\]/g, '\\$&')} not found \\(template of stack ProdIngest[0-9A-F]{8}\\): the assembly is incomplete or corrupt: run \`cdk synth\` again\\n$`));
});

test('an unknown flag: exit 2 with the usage line', () => {
  const { status, stderr } = runCommand(['check', assembly, '--jsno']);
  expect(status).toBe(2);
  expect(stderr.split('\n').slice(0, 2)).toEqual(['cdk-secure-lambda-writer: unknown option --jsno', USAGE_LINE]);
});
