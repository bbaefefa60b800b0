import * as fs from 'fs';
import * as path from 'path';
import { Build, buildForTests, cdkSynth, runCommand } from './support/commands';
import { removeTempDirs, tempDir } from './support/fixtures';
import { sarifShapeProblems } from './support/sarif-shape';

/**
 * End to end on an app that does not import this library: the write is inferred from `grantPut`, so the request
 * profile is the SDK default (no SSE header). A bucket policy that denies uploads without
 * `x-amz-server-side-encryption` (S3 User Guide, "Troubleshoot access denied (403 Forbidden) errors": bucket
 * policy conditions see only what the request carries) makes the write CONDITIONAL on sending the header: it passes
 * by default and fails with --strict. The twin without that statement is ALLOW and passes either way.
 */

jest.setTimeout(60_000);

let build: Build;
let workDir: string;

beforeAll(async () => {
  build = buildForTests();
  workDir = tempDir('cli-plain-');
  await Promise.all([
    cdkSynth(build, 'plain-app.ts', path.join(workDir, 'sse-required.out'), { variant: 'sse-required' }),
    cdkSynth(build, 'plain-app.ts', path.join(workDir, 'fixed.out'), { variant: 'fixed' }),
  ]);
});
afterAll(removeTempDirs);

describe('a bucket policy that demands the encryption header', () => {
  test('table: CONDITIONAL with REQUEST_CONDITION and the fix; exit 0, and the summary says --strict would fail', () => {
    const { status, stdout } = runCommand(build, ['check', 'sse-required.out'], workDir);
    expect(status).toBe(0);
    expect(stdout).toMatch(/Plain\/Exporter\s+Plain\/Reports\s+\*\s+CONDITIONAL\s+REQUEST_CONDITION\s+\S/);
    expect(stdout).toContain('DenyUnencryptedUploads');
    expect(stdout).toMatch(/PASSED \(with --strict it would fail: 1 CONDITIONAL\)\.\n$/);
  });

  test('--strict: exit 1', () => {
    const { status, stdout } = runCommand(build, ['check', 'sse-required.out', '--strict'], workDir);
    expect(status).toBe(1);
    expect(stdout).toMatch(/FAILED: 1 CONDITIONAL \(strict\)\.\n$/);
  });

  test('--json: an inferred finding whose cause names the bucket policy statement', () => {
    const { stdout } = runCommand(build, ['check', 'sse-required.out', '--json'], workDir);
    const [finding] = JSON.parse(stdout).findings;
    expect(finding).toMatchObject({ function: 'Plain/Exporter', bucket: 'Plain/Reports', keyPattern: '*', intent: 'inferred', verdict: 'CONDITIONAL' });
    expect(finding.causes[0]).toMatchObject({ code: 'REQUEST_CONDITION', statement: 'DenyUnencryptedUploads' });
  });

  test('--sarif: a warning located on the bucket policy\'s line in the template', () => {
    const { stdout } = runCommand(build, ['check', 'sse-required.out', '--sarif', '--least-privilege', 'off'], workDir);
    const log = JSON.parse(stdout);
    expect(sarifShapeProblems(log)).toEqual([]);
    expect(log.runs[0].results).toHaveLength(1);
    const [result] = log.runs[0].results;
    expect(result).toMatchObject({ ruleId: 'REQUEST_CONDITION', level: 'warning' });
    const location = result.locations[0];
    expect(location.physicalLocation.artifactLocation.uri).toBe('sse-required.out/Plain.template.json');
    const template = fs.readFileSync(path.join(workDir, 'sse-required.out', 'Plain.template.json'), 'utf8');
    const policyId = Object.entries(JSON.parse(template).Resources)
      .find(([, r]) => (r as { Type: string }).Type === 'AWS::S3::BucketPolicy')![0];
    expect(location.logicalLocations[0].name).toBe(policyId);
    expect(template.split('\n')[location.physicalLocation.region.startLine - 1]).toContain(`"${policyId}"`);
    // The function is the related location.
    expect(result.relatedLocations[0].logicalLocations[0].fullyQualifiedName).toBe('Plain/Exporter');
  });
});

describe('the twin that relies on default encryption and enforceSSL', () => {
  test('ALLOW, exit 0 even with --strict, no SARIF result', () => {
    const strict = runCommand(build, ['check', 'fixed.out', '--strict', '--json'], workDir);
    expect(strict.status).toBe(0);
    expect(JSON.parse(strict.stdout).findings.map((f: { verdict: string }) => f.verdict)).toEqual(['ALLOW']);
    const sarif = runCommand(build, ['check', 'fixed.out', '--sarif', '--least-privilege', 'off'], workDir);
    expect(JSON.parse(sarif.stdout).runs[0].results).toEqual([]);
  });

  test('by default SARIF also lists what grantPut allows beyond the write, as warnings only (exit 0)', () => {
    const sarif = runCommand(build, ['check', 'fixed.out', '--sarif'], workDir);
    expect(sarif.status).toBe(0);
    const results: { ruleId: string; level: string; message: { text: string } }[] = JSON.parse(sarif.stdout).runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    expect(new Set(results.map(r => `${r.ruleId} ${r.level}`))).toEqual(new Set(['EXCESS_PERMISSION warning']));
    // grantPut also grants object-lock and tagging writes the inferred PutObject does not need.
    expect(results.map(r => r.message.text).join('\n')).toMatch(/s3:PutObjectRetention/);
  });
});
