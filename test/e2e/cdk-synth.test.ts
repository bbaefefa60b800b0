import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// The real `aws-cdk` command line (2.1148.1, a devDependency) on test/e2e/apps/ingest-app.ts, whose bucket denies
// uploads without the SSE-KMS header. No AWS credentials are needed: synth makes no calls.

const REPO = path.resolve(__dirname, '..', '..');
const CDK = path.join(REPO, 'node_modules', '.bin', 'cdk');
const APP = 'node -r ts-node/register/transpile-only test/e2e/apps/ingest-app.ts';

interface SynthRun {
  readonly exitCode: number | null;
  /** stdout and stderr together, as a user sees them. */
  readonly output: string;
  readonly outdir: string;
}

/**
 * `cdk synth --app <ingest-app> -c variant=<variant>` into its own temporary directory.
 *
 * @param builtinValidation keep the CDK's default CloudFormation validation plugin on (slower: it loads a WASM
 *   engine); the other runs turn it off with CDK_VALIDATION=false, which does not affect user-registered plugins.
 */
function cdkSynth(variant: string, builtinValidation = false, extraContext: string[] = []): Promise<SynthRun> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `wac-e2e-${variant}-`));
  const args = ['synth', '--quiet', '--no-notices', '--app', APP, '--output', outdir, '--context', `variant=${variant}`,
    ...extraContext.flatMap(c => ['--context', c])];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // No credentials, no network: keep the command line from probing for either.
    AWS_EC2_METADATA_DISABLED: 'true',
    CDK_DISABLE_VERSION_CHECK: '1',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    ...(builtinValidation ? {} : { CDK_VALIDATION: 'false' }),
  };
  // Jest sets NODE_ENV=test, which the CDK reads as "unit test: throw instead of reporting"; a real user's shell has none.
  delete env.NODE_ENV;
  return new Promise((resolve, reject) => {
    const child = spawn(CDK, args, { cwd: REPO, env });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, output, outdir }));
  });
}

function writeAccessReport(run: SynthRun): any {
  return JSON.parse(fs.readFileSync(path.join(run.outdir, 'write-access-report.json'), 'utf-8'));
}

const runs: Record<string, SynthRun> = {};

// The four runs are independent apps: run them at once so the file stays well under two minutes.
beforeAll(async () => {
  const [broken, fixed, staged, acknowledged, quiet] = await Promise.all([
    cdkSynth('broken', true), cdkSynth('fixed'), cdkSynth('staged'), cdkSynth('acknowledged'), cdkSynth('fixed', false, ['quiet=true']),
  ]);
  Object.assign(runs, { broken, fixed, staged, acknowledged, quiet });
}, 180_000);

afterAll(() => {
  for (const run of Object.values(runs)) fs.rmSync(run.outdir, { recursive: true, force: true });
});

test('the broken app: cdk synth exits non-zero with our message, the fix and the acknowledgement id', () => {
  const { exitCode, output } = runs.broken;
  expect(exitCode).not.toBe(0);
  expect(output).toContain('s3:PutObject from Ingest/Ingest to Ingest/Uploads (keys incoming/*) would be DENIED');
  expect(output).toContain('DenyUploadsWithoutKmsHeader');
  expect(output).toContain('Suggested fix: Send `x-amz-server-side-encryption: aws:kms`');
  expect(output).toContain("Acknowledge with 'WriteAccessChecker::REQUEST_CONDITION'");
  expect(output).toContain('Synthesis finished with errors');
  const report = writeAccessReport(runs.broken);
  expect(report.version).toBe(1);
  expect(report.findings).toEqual([expect.objectContaining({ function: 'Ingest/Ingest', bucket: 'Ingest/Uploads', verdict: 'DENY' })]);
});

test('the fixed twin (the code sends the SSE-KMS header): cdk synth exits 0, the report says ALLOW', () => {
  const { exitCode, output } = runs.fixed;
  // No write-access finding is reported; what grantPut allows beyond the write is a least-privilege warning only.
  const ours = output.split('\n').filter((line) => line.includes('(WriteAccessChecker)'));
  // One warning per granting statement, naming all its excess actions: grantPut's statement and the key grant's.
  expect(ours.length).toBe(2);
  expect(ours.filter((line) => !/^WARNING role Ingest\/Ingest\/ServiceRole can ((s3:\w+(, | and )?)+ on bucket Ingest\/Uploads|(kms:\w+(, | and )?)+ on key Ingest\/Uploads\/Key) .*which its writes do not need/.test(line))).toEqual([]);
  expect(ours.join('\n')).toContain('s3:PutObjectTagging, s3:PutObjectRetention, s3:PutObjectLegalHold and s3:AbortMultipartUpload on bucket Ingest/Uploads');
  expect(output).not.toMatch(/would be (DENIED|CONDITIONAL|UNKNOWN)/);
  expect(exitCode).toBe(0);
  expect(writeAccessReport(runs.fixed).findings).toEqual([expect.objectContaining({ function: 'Ingest/Ingest', verdict: 'ALLOW' })]);
});

test('a passing synth says what it checked in one line; quiet: true says nothing', () => {
  const summary = /^WriteAccessChecker: 1 write checked: 1 ALLOW, 0 DENY, 0 CONDITIONAL, 0 UNKNOWN\.$/m;
  expect(runs.fixed.output).toMatch(summary);
  expect(runs.broken.output).toMatch(/^WriteAccessChecker: 1 write checked: 0 ALLOW, 1 DENY, 0 CONDITIONAL, 0 UNKNOWN\.$/m);
  expect(runs.quiet.exitCode).toBe(0);
  // quiet silences the summary line only; the CDK's validation report still carries least-privilege warnings.
  expect(runs.quiet.output).not.toMatch(/^WriteAccessChecker: /m);
});

test('a broken stack inside a Stage fails the default cdk synth, though only top-level stacks are selected', () => {
  const { exitCode, output } = runs.staged;
  expect(exitCode).not.toBe(0);
  expect(output).toContain('s3:PutObject from Prod/Ingest/Ingest to Prod/Ingest/Uploads (keys incoming/*) would be DENIED');
  expect(output).not.toContain('from TopLevel/Ingest');
  const verdicts = writeAccessReport(runs.staged).findings.map((f: any) => [f.function, f.verdict]).sort();
  expect(verdicts).toEqual([['Prod/Ingest/Ingest', 'DENY'], ['TopLevel/Ingest', 'ALLOW']]);
});

test('an acknowledged DENY passes cdk synth and stays in both reports, with its reason', () => {
  const { exitCode, output, outdir } = runs.acknowledged;
  expect(output).not.toContain('Synthesis finished with errors');
  expect(exitCode).toBe(0);
  const [finding] = writeAccessReport(runs.acknowledged).findings;
  expect(finding.verdict).toBe('DENY');
  expect(finding.acknowledged).toEqual(expect.objectContaining({ reason: 'e2e: the header is added by a proxy' }));
  const validation = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf-8'));
  const ours = validation.pluginReports.find((r: any) => r.pluginName === 'WriteAccessChecker');
  expect(ours.suppressedViolations).toEqual([expect.objectContaining({
    ruleName: 'REQUEST_CONDITION', reason: 'e2e: the header is added by a proxy', acknowledgedAt: 'Ingest/Ingest',
  })]);
});
