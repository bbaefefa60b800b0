import * as fs from 'fs';
import * as path from 'path';
import { Build, buildForTests, cdkSynth, runCommand } from './support/commands';
import { removeTempDirs, tempDir } from './support/fixtures';
import { sarifShapeProblems } from './support/sarif-shape';

/**
 * End to end, the verdicts: the "role configuration" cause of a denied write — a function declared to write
 * `incoming/*` whose role can only read the bucket — synthesized by the real `cdk synth`, inside a Stage, and its
 * fixed twin with `grantPut`. The broken one must fail the pipeline (exit 1) with NO_IDENTITY_ALLOW in the table, the
 * JSON and the SARIF; the fixed one must pass with an ALLOW for the same write.
 * (AWS: "Policy evaluation logic" — without an identity-based Allow, a same-account request is implicitly denied.)
 */

jest.setTimeout(60_000);

let build: Build;
let readOnly: string;
let fixed: string;
let workDir: string;

beforeAll(async () => {
  build = buildForTests();
  workDir = tempDir('cli-verdicts-');
  readOnly = path.join(workDir, 'read-only.out');
  fixed = path.join(workDir, 'fixed.out');
  await Promise.all([
    cdkSynth(build, 'writer-app.ts', readOnly, { variant: 'read-only' }),
    cdkSynth(build, 'writer-app.ts', fixed, { variant: 'fixed' }),
  ]);
});
afterAll(removeTempDirs);

interface JsonFinding {
  function: string;
  bucket: string;
  keyPattern: string;
  intent: string;
  verdict: string;
  causes: { code: string }[];
}

function writerFindings(stdout: string): JsonFinding[] {
  const report = JSON.parse(stdout);
  return report.findings.filter((f: JsonFinding) => f.function.startsWith('Prod/Ingest/Writer'));
}

describe('a read-only role declared to write (the Stage\'s nested assembly)', () => {
  test('table: exit 1, the DENY row names the function, the bucket, the prefix and NO_IDENTITY_ALLOW', () => {
    const { status, stdout } = runCommand(build, ['check', readOnly]);
    expect(status).toBe(1);
    expect(stdout).toMatch(/Prod\/Ingest\/Writer\S*\s+Prod\/Ingest\/Uploads\S*\s+incoming\/\*\s+DENY\s+\S*NO_IDENTITY_ALLOW/);
    expect(stdout).toMatch(/FAILED: 1 DENY\.\n$/);
  });

  test('--json: one declared DENY finding for incoming/* with the cause code', () => {
    const { status, stdout } = runCommand(build, ['check', readOnly, '--json']);
    expect(status).toBe(1);
    const findings = writerFindings(stdout);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ keyPattern: 'incoming/*', intent: 'declared', verdict: 'DENY' });
    expect(findings[0].bucket).toMatch(/^Prod\/Ingest\/Uploads/);
    expect(findings[0].causes.map(c => c.code)).toContain('NO_IDENTITY_ALLOW');
  });

  test('--sarif: an error for NO_IDENTITY_ALLOW located on a resource line of the nested template', () => {
    const { status, stdout } = runCommand(build, ['check', 'read-only.out', '--sarif'], workDir);
    expect(status).toBe(1);
    const log = JSON.parse(stdout);
    expect(sarifShapeProblems(log)).toEqual([]);
    const result = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'NO_IDENTITY_ALLOW');
    expect(result).toBeDefined();
    expect(result.level).toBe('error');
    const location = result.locations[0];
    const uri: string = location.physicalLocation.artifactLocation.uri;
    expect(uri).toMatch(/^read-only\.out\/assembly-Prod\/ProdIngest[0-9A-F]{8}\.template\.json$/);
    const logicalId: string = location.logicalLocations[0].name;
    const line = fs.readFileSync(path.join(workDir, uri), 'utf8').split('\n')[location.physicalLocation.region.startLine - 1];
    expect(line).toContain(`"${logicalId}"`);
    expect(location.logicalLocations[0].fullyQualifiedName).toMatch(/^Prod\/Ingest\//);
  });

  test('--strict: exit 1 as well', () => {
    expect(runCommand(build, ['check', readOnly, '--strict']).status).toBe(1);
  });
});

describe('the fixed twin (grantPut on incoming/*)', () => {
  test('exit 0, and the same write is reported ALLOW', () => {
    const { status, stdout } = runCommand(build, ['check', fixed, '--json']);
    expect(status).toBe(0);
    const findings = writerFindings(stdout);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ keyPattern: 'incoming/*', intent: 'declared', verdict: 'ALLOW' });
  });

  test('--sarif lists no result for it', () => {
    const { status, stdout } = runCommand(build, ['check', fixed, '--sarif', '--least-privilege', 'off']);
    expect(status).toBe(0);
    const log = JSON.parse(stdout);
    expect(sarifShapeProblems(log)).toEqual([]);
    const forWriter = log.runs[0].results.filter((r: { properties: { function: string } }) => r.properties.function.startsWith('Prod/Ingest/Writer'));
    expect(forWriter).toEqual([]);
  });
});
