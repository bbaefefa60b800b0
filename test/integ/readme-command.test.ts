import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// The synth command test/integ/README.md documents, run as written with the real `aws-cdk` command line (no
// credentials: synth makes no AWS call), so the README cannot drift from what works.

const REPO = path.resolve(__dirname, '..', '..');
const README = fs.readFileSync(path.join(__dirname, 'README.md'), 'utf-8');

function documentedSynthCommand(): string {
  const line = README.split('\n').find((l) => l.startsWith('npx cdk synth --app '));
  if (!line) throw new Error('test/integ/README.md documents no `npx cdk synth --app` command');
  return line;
}

function runShell(command: string): Promise<{ exitCode: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' };
  // Jest's NODE_ENV=test makes the CDK throw where a user's shell would report.
  delete env.NODE_ENV;
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd: REPO, env });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, output }));
  });
}

test('the README\'s `npx cdk synth --app …` synthesizes the integ app and its assertion stack, with the checker\'s report', async () => {
  const command = documentedSynthCommand();
  expect(command).toMatch(/test\/integ\/integ\.[a-z0-9-]+\.ts"$/);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'slw-readme-synth-'));
  try {
    const { exitCode, output } = await runShell(`${command} --output ${outdir} --no-notices`);
    expect({ exitCode, output }).toEqual({ exitCode: 0, output: expect.stringContaining('Successfully synthesized') });
    expect(output).not.toMatch(/WARNING|ERROR/);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'integ.json'), 'utf-8'));
    const [testCase]: any[] = Object.values(manifest.testCases);
    for (const stack of [...testCase.stacks, testCase.assertionStack]) {
      expect(fs.existsSync(path.join(outdir, `${stack}.template.json`))).toBe(true);
    }
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'write-access-report.json'), 'utf-8'));
    expect(report.findings.map((f: any) => f.verdict)).toEqual(['ALLOW']);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}, 60_000);
