import { spawnSync } from 'child_process';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { DEMO, boto3, implicit, jsV3, s3Extended } from './denial-messages';
import { buildDemoStacks } from '../../../examples/demo-app';
import { Build, buildForTests, runCommand } from '../support/commands';
import { removeTempDirs, tempDir } from '../support/fixtures';

/** The real command line (the built main.js as its own process) on the example app's broken assembly. */

jest.setTimeout(60_000);
let build: Build;
let assembly: string;
beforeAll(() => {
  build = buildForTests();
  assembly = path.join(tempDir('explain-e2e-'), 'cdk.out');
  const app = new App({ outdir: assembly });
  buildDemoStacks(app, false);
  app.synth();
});
afterAll(removeTempDirs);

const { role, fn, bucket } = DEMO.readOnly;
const MESSAGE = jsV3('AccessDenied', s3Extended(role, fn, bucket, 'results/2025/report.json', implicit('identity-based policy')));

test('--message: names the function, bucket and cause, agrees with AWS, exits 1', () => {
  const { status, stdout, stderr } = runCommand(build, ['explain', assembly, '--message', MESSAGE]);
  expect(stderr).toBe('');
  expect(status).toBe(1);
  expect(stdout).toMatch(/function: BrokenReadOnlyRole\/Process\n/);
  expect(stdout).toMatch(/bucket: +BrokenReadOnlyRole\/Results\n/);
  expect(stdout).toMatch(/NO_IDENTITY_ALLOW/);
  expect(stdout).toMatch(/Templates vs AWS: agree/);
});

test('the message on standard input (a boto3 log, over lines), --json', () => {
  const text = boto3('AccessDenied', s3Extended(role, fn, bucket, 'results/x.json', implicit('identity-based policy')));
  const result = spawnSync(process.execPath, [build.main, 'explain', assembly, '--json'], { input: text, encoding: 'utf8' });
  expect(result.status).toBe(1);
  const json = JSON.parse(result.stdout);
  expect(json).toMatchObject({ version: 1, agreement: 'agree', match: { function: 'BrokenReadOnlyRole/Process', confidence: 'likely' } });
  expect(json.findings[0].causes[0].code).toBe('NO_IDENTITY_ALLOW');
});

test('control characters from the message are escaped in the text output', () => {
  const hostile = MESSAGE.replace('results/2025/report.json', 'results/\u001b[2Jx.json');
  const { stdout } = runCommand(build, ['explain', assembly, '--message', hostile]);
  expect(stdout).not.toContain('\u001b');
  expect(stdout).toContain('\\x1b');
});

test('a text with no S3 or KMS error, and --sarif, are input and usage errors (exit 2)', () => {
  expect(runCommand(build, ['explain', assembly, '--message', 'all good']).status).toBe(2);
  const sarif = runCommand(build, ['explain', assembly, '--sarif', '--message', MESSAGE]);
  expect(sarif.status).toBe(2);
  expect(sarif.stderr).toMatch(/--sarif is an option of `check`/);
});
