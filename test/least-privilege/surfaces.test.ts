import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LeastPrivilegeMode, LeastPrivilegeRule, WriteAccessChecker, WriteAccessCheckerProps } from '../../src/checker';
import { runCli } from '../../src/cli/run';
import { newApp, readAssemblyJson, stackIn, synthError, writerFunction } from '../support/harness';

interface Built {
  readonly app: App;
  readonly stack: Stack;
  readonly fn: lambda.Function;
  readonly bucket: s3.Bucket;
}

/** A function whose role has grantReadWrite on a bucket: a write with excess (reads, deletes…). */
function build(extra?: (b: Built) => void): Built {
  const app = newApp();
  const stack = stackIn(app, 'Stack');
  const fn = writerFunction(stack, 'Fn');
  const bucket = new s3.Bucket(stack, 'Bucket');
  bucket.grantReadWrite(fn);
  const built = { app, stack, fn, bucket };
  extra?.(built);
  return built;
}

function synth(b: Built, props: WriteAccessCheckerProps = {}) {
  const checker = new WriteAccessChecker(props);
  Aspects.of(b.app).add(checker);
  return { checker, error: synthError(b.app) };
}

function pluginViolations(app: App): { ruleName: string; severity: string }[] {
  const report = readAssemblyJson(app, 'validation-report.json');
  return report.pluginReports.find((r: { pluginName: string }) => r.pluginName === 'WriteAccessChecker').violations;
}

/**
 * One statement granting PutObject and DeleteObject on two buckets, acknowledged on one of them: two excess (one
 * action, two buckets), two warnings; the acknowledgement on Mine covers Mine's only.
 */
function oneStatementOnTwoBuckets(): Built {
  const app = newApp();
  const stack = stackIn(app, 'Stack');
  const fn = writerFunction(stack, 'Fn');
  const mine = new s3.Bucket(stack, 'Mine');
  const other = new s3.Bucket(stack, 'Other');
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:DeleteObject'], resources: [mine.arnForObjects('*'), other.arnForObjects('*')] }));
  WriteAccessChecker.acknowledgeLeastPrivilege(mine, LeastPrivilegeRule.EXCESS_PERMISSION, 'cleans up its own bucket');
  return { app, stack, fn, bucket: mine };
}

type ExcessShown = { actions: readonly string[]; bucket?: string; statement: string; acknowledged?: { reason: string } };

function deletesOnBothBuckets(excess: readonly ExcessShown[]) {
  return excess.filter((e) => e.actions.includes('s3:DeleteObject')).map((e) => [e.bucket, e.statement, e.acknowledged?.reason ?? 'not acknowledged']).sort();
}

const ONLY_MINE_ACKNOWLEDGED = [['Stack/Mine', '#0', 'cleans up its own bucket'], ['Stack/Other', '#0', 'not acknowledged']];

describe('the checker\'s leastPrivilege prop', () => {
  test('default (WARN): one warning per granting statement and resource, naming all its excess; synth passes, the verdicts are those of OFF', () => {
    const warned = build();
    const { checker, error } = synth(warned);
    expect(error).toBeUndefined();
    const excess = pluginViolations(warned.app).filter((v) => v.ruleName === 'EXCESS_PERMISSION');
    const role = checker.leastPrivilege.roles.find((r) => r.role === 'Stack/Fn/ServiceRole')!;
    // grantReadWrite is one statement: its object actions on `bucket/*` and its bucket actions on the bucket.
    const byResource = new Set(role.excess.map((e) => `${e.location} ${e.statement} ${e.resource}`));
    expect(byResource.size).toBe(2);
    // The role's excess is one entry per granting statement and resource too, one per warning.
    expect(role.excess).toHaveLength(2);
    expect(excess.length).toBe(byResource.size);
    expect(excess.every((v) => v.severity === 'warning')).toBe(true);
    const issues = checker.leastPrivilege.issues.filter((i) => i.rule === LeastPrivilegeRule.EXCESS_PERMISSION);
    expect(issues.map((i) => i.actions)).toEqual(role.excess.map((e) => e.actions));
    expect(issues.map((i) => i.message)).toEqual(role.excess.map((e) => e.message));
    // The intent's share is the same entries (on its bucket): the same objects, acknowledged or not, not copies.
    expect(role.intents[0].excess).toHaveLength(role.excess.length);
    role.intents[0].excess.forEach((e, i) => expect(e).toBe(role.excess[i]));
    const objects = issues.find((i) => i.actions?.includes('s3:DeleteObject'))!;
    expect(objects.action).toBeUndefined();
    expect(objects.message).toMatch(/can s3:GetObject, s3:GetObjectVersion, .*s3:DeleteObject.* and s3:\w+ on bucket Stack\/Bucket/);
    const off = synth(build(), { leastPrivilege: LeastPrivilegeMode.OFF });
    expect(off.checker.leastPrivilege).toEqual({ roles: [], writers: [], issues: [] });
    expect(off.checker.findings).toEqual(checker.findings);
  });

  test('ERROR fails synth on the excess; acknowledged on the role, it passes and each excess carries the reason', () => {
    const failing = synth(build(), { leastPrivilege: LeastPrivilegeMode.ERROR });
    expect(failing.error?.message).toMatch(/EXCESS_PERMISSION/);
    const acknowledged = build(({ fn }) => WriteAccessChecker.acknowledgeLeastPrivilege(fn.role!, LeastPrivilegeRule.EXCESS_PERMISSION, 'reads its own output'));
    const { checker, error } = synth(acknowledged, { leastPrivilege: LeastPrivilegeMode.ERROR });
    expect(error).toBeUndefined();
    const role = checker.leastPrivilege.roles.find((r) => r.role === 'Stack/Fn/ServiceRole')!;
    expect(role.excess.length).toBeGreaterThan(0);
    expect(role.excess.every((e) => e.acknowledged?.reason === 'reads its own output')).toBe(true);
    // Marked once per entry: the intent's entries are still the role's.
    role.intents[0].excess.forEach((e) => expect(role.excess).toContain(e));
    expect(role.intents[0].excess.length).toBeGreaterThan(0);
  });

  test('an acknowledgement covers only what it is made on: on another function\'s role it leaves this one failing', () => {
    const other = build(({ stack }) => {
      const fn2 = writerFunction(stack, 'Other');
      WriteAccessChecker.acknowledgeLeastPrivilege(fn2, LeastPrivilegeRule.EXCESS_PERMISSION, 'not this one');
    });
    expect(synth(other, { leastPrivilege: LeastPrivilegeMode.ERROR }).error?.message).toMatch(/EXCESS_PERMISSION/);
  });

  test('one statement on two buckets: acknowledged on one bucket, only that bucket\'s excess is marked, and the other still fails', () => {
    const { checker, error } = synth(oneStatementOnTwoBuckets(), { leastPrivilege: LeastPrivilegeMode.ERROR });
    const role = checker.leastPrivilege.roles.find((r) => r.role === 'Stack/Fn/ServiceRole')!;
    expect(deletesOnBothBuckets(role.excess)).toEqual(ONLY_MINE_ACKNOWLEDGED);
    expect(error?.message).toMatch(/EXCESS_PERMISSION/);
  });

  test('a bucket anyone can write to fails synth by default (PUBLIC_WRITE), unless acknowledged on the bucket', () => {
    const open = (b: Built) => b.bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [b.bucket.arnForObjects('*')],
    }));
    expect(synth(build(open)).error?.message).toMatch(/PUBLIC_WRITE/);
    const { error, checker } = synth(build((b) => {
      open(b);
      WriteAccessChecker.acknowledgeLeastPrivilege(b.bucket, LeastPrivilegeRule.PUBLIC_WRITE, 'public drop box');
    }));
    expect(error).toBeUndefined();
    expect(checker.leastPrivilege.issues.find((i) => i.rule === LeastPrivilegeRule.PUBLIC_WRITE)?.acknowledged?.reason).toBe('public drop box');
  });

  test('the report file carries the excess, the least-privilege policy, the writers and the tags', () => {
    const b = build();
    synth(b);
    const report = readAssemblyJson(b.app, 'write-access-report.json');
    const role = report.leastPrivilege.roles.find((r: { role: string }) => r.role === 'Stack/Fn/ServiceRole');
    expect(role.excess.flatMap((e: { actions: string[] }) => e.actions)).toContain('s3:DeleteObject');
    expect(role.leastPrivilegePolicy.Statement).toEqual([expect.objectContaining({ Action: ['s3:PutObject'] })]);
    expect(role.intents[0].tags).toEqual([]);
    expect(report.leastPrivilege.writers[0].writers[0]).toMatchObject({ kind: 'role', principal: 'Stack/Fn/ServiceRole' });
  });
});

describe('the command line: --least-privilege warn|error|off', () => {
  function cli(args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = runCli(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
    return { code, stdout, stderr };
  }

  function assembly(extra?: (b: Built) => void): string {
    const b = build(extra);
    b.app.synth();
    return b.app.outdir;
  }

  test('warn (default): exit 0; --json carries the least-privilege report; the table has one line per role', () => {
    const dir = assembly();
    const json = cli(['check', dir, '--json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    const role = report.leastPrivilege.roles.find((r: { role: string; functions: string[] }) => r.role.endsWith('ServiceRole') && r.functions.length === 1);
    expect(role.excess.length).toBeGreaterThan(0);
    expect(role.leastPrivilege.cloudFormation.Statement[0].Action).toEqual(['s3:PutObject']);
    const table = cli(['check', dir]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/\nROLE\s+FUNCTIONS\s+EXCESS\s+ACTIONS\n/);
    const roleLines = table.stdout.split('\n').filter((l) => l.startsWith(role.role));
    expect(roleLines).toHaveLength(1);
    // The EXCESS column counts actions (an entry names several).
    const actions = role.excess.reduce((n: number, e: { actions: string[] }) => n + e.actions.length, 0);
    expect(actions).toBeGreaterThan(role.excess.length);
    expect(roleLines[0]).toMatch(new RegExp(`\\s${actions}\\s`));
  });

  test('one statement on two buckets, acknowledged on one: the command line marks that bucket\'s excess only, and fails in error mode', () => {
    const b = oneStatementOnTwoBuckets();
    b.app.synth();
    const run = cli(['check', b.app.outdir, '--json', '--least-privilege', 'error']);
    expect(run.code).toBe(1);
    const role = JSON.parse(run.stdout).leastPrivilege.roles.find((r: { role: string }) => r.role === 'Stack/Fn/ServiceRole');
    expect(deletesOnBothBuckets(role.excess)).toEqual(ONLY_MINE_ACKNOWLEDGED);
  });

  test('error: exit 1 on an unacknowledged excess; off: no least-privilege report', () => {
    const dir = assembly();
    expect(cli(['check', dir, '--least-privilege', 'error']).code).toBe(1);
    const off = cli(['check', dir, '--json', '--least-privilege=off']);
    expect(off.code).toBe(0);
    expect(JSON.parse(off.stdout).leastPrivilege).toBeUndefined();
    expect(cli(['check', dir, '--least-privilege', 'loud']).code).toBe(2);
  });

  test('acknowledged in the app (Validations on the role): error mode passes, and the excess is marked', () => {
    const dir = assembly(({ fn }) => WriteAccessChecker.acknowledgeLeastPrivilege(fn.role!, LeastPrivilegeRule.EXCESS_PERMISSION, 'reads its output'));
    const run = cli(['check', dir, '--json', '--least-privilege', 'error']);
    expect(run.code).toBe(0);
    const issues = JSON.parse(run.stdout).leastPrivilege.issues;
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i: { acknowledged?: { reason: string } }) => i.acknowledged?.reason === 'reads its output')).toBe(true);
  });

  test('one statement granting excess on two KMS keys: two issues naming their key, two SARIF results with two fingerprints', () => {
    const app = newApp();
    const stack = stackIn(app, 'Stack');
    const fn = writerFunction(stack, 'Fn');
    const keys = ['KeyA', 'KeyB'].map((id) => new kms.Key(stack, id));
    keys.forEach((key, i) => new s3.Bucket(stack, `Bucket${i}`, { encryptionKey: key }).grantPut(fn));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['kms:ScheduleKeyDeletion'], resources: keys.map((k) => k.keyArn) }));
    app.synth();
    const issues = JSON.parse(cli(['check', app.outdir, '--json']).stdout).leastPrivilege.issues
      .filter((i: { actions?: string[] }) => i.actions?.includes('kms:ScheduleKeyDeletion'));
    expect(issues.map((i: { key?: string }) => i.key).sort()).toEqual(['Stack/KeyA', 'Stack/KeyB']);
    expect(new Set(issues.map((i: { location: string; statement: string }) => `${i.location} ${i.statement}`)).size).toBe(1);
    const results = JSON.parse(cli(['check', app.outdir, '--sarif']).stdout).runs[0].results
      .filter((r: { message: { text: string } }) => r.message.text.includes('kms:ScheduleKeyDeletion'));
    expect(results).toHaveLength(2);
    expect(new Set(results.map((r: { partialFingerprints: Record<string, string> }) => Object.values(r.partialFingerprints)[0])).size).toBe(2);
    expect(results.map((r: { properties: { key?: string } }) => r.properties.key).sort()).toEqual(['Stack/KeyA', 'Stack/KeyB']);
  });

  test('--sarif: the excess of each granting statement is a warning result at the granting policy, with its rule', () => {
    const sarif = JSON.parse(cli(['check', assembly(), '--sarif']).stdout);
    const results = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'EXCESS_PERMISSION');
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r: { level: string }) => r.level === 'warning')).toBe(true);
    expect(results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/Stack\.template\.json$/);
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('EXCESS_PERMISSION');
  });
});
