import * as path from 'path';
import { Build, buildForTests, cdkSynth, runCommand } from './support/commands';
import { removeTempDirs, tempDir } from './support/fixtures';
import { sarifShapeProblems } from './support/sarif-shape';

/**
 * End to end: the read-only DENY of writer-app.ts, acknowledged in the app with
 * `Validations.of(fn).acknowledge({ id: 'WriteAccessChecker::NO_IDENTITY_ALLOW', reason })`. As with `cdk synth`, the
 * acknowledged DENY no longer fails (exit 0) but stays in every output, marked with the reason.
 */

jest.setTimeout(60_000);

let build: Build;
let assembly: string;

beforeAll(async () => {
  build = buildForTests();
  assembly = path.join(tempDir('cli-ack-'), 'cdk.out');
  await cdkSynth(build, 'writer-app.ts', assembly, { variant: 'read-only', acknowledge: 'true' });
});
afterAll(removeTempDirs);

const REASON = 'the role is extended by the platform team';

test('table: exit 0, the DENY is shown as acknowledged with its reason', () => {
  const { status, stdout } = runCommand(build, ['check', assembly, '--strict']);
  expect(status).toBe(0);
  expect(stdout).toMatch(/Prod\/Ingest\/Writer\s+Prod\/Ingest\/Uploads\s+incoming\/\*\s+DENY \(acknowledged\)\s+NO_IDENTITY_ALLOW/);
  expect(stdout).toContain(`  acknowledged: ${REASON}\n`);
  expect(stdout).toMatch(/1 DENY, 0 CONDITIONAL, 0 UNKNOWN, 0 ALLOW \(1 acknowledged\)\. PASSED\.\n$/);
});

test('--json: the finding carries the acknowledgement', () => {
  const { status, stdout } = runCommand(build, ['check', assembly, '--json']);
  expect(status).toBe(0);
  const [finding] = JSON.parse(stdout).findings;
  expect(finding).toMatchObject({ function: 'Prod/Ingest/Writer', verdict: 'DENY', acknowledged: { reason: REASON } });
});

test('--sarif: the result is suppressed in source with the reason', () => {
  const { status, stdout } = runCommand(build, ['check', assembly, '--sarif']);
  expect(status).toBe(0);
  const log = JSON.parse(stdout);
  expect(sarifShapeProblems(log)).toEqual([]);
  const [result] = log.runs[0].results;
  expect(result.ruleId).toBe('NO_IDENTITY_ALLOW');
  expect(result.suppressions).toEqual([{ kind: 'inSource', justification: REASON }]);
});
