import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  DENY_NO_IDENTITY_ALLOW, finding, manifest, removeTempDirs, report, stackArtifact, tempDir, template, writeJson,
} from './support/fixtures';
import { sarifShapeProblems } from './support/sarif-shape';
import { analyzeAssembly } from '../../src/analysis/analyze';
import { Report } from '../../src/analysis/report';
import { runCli } from '../../src/cli/run';
import { USAGE_LINE } from '../../src/cli/usage';

// The analysis is another unit (and another helper's): here it returns whatever report each test needs, so these
// tests prove the command's wiring — input to the analysis, output format, exit code.
jest.mock('../../src/analysis/analyze', () => ({ analyzeAssembly: jest.fn() }));
const analyze = analyzeAssembly as jest.MockedFunction<typeof analyzeAssembly>;

afterAll(removeTempDirs);

function assembly(): string {
  const dir = tempDir();
  writeJson(path.join(dir, 'manifest.json'), manifest({ App: stackArtifact('App.template.json', { displayName: 'App' }) }));
  writeJson(path.join(dir, 'App.template.json'), template('App', 'Fn', 'Bucket'));
  return dir;
}

function run(argv: string[], result: Report = report()) {
  analyze.mockReturnValue(result);
  let stdout = '';
  let stderr = '';
  const code = runCli(argv, { stdout: t => { stdout += t; }, stderr: t => { stderr += t; } });
  return { code, stdout, stderr };
}

describe('runCli', () => {
  test('passes every stack of the assembly and the environment to the analysis', () => {
    const dir = assembly();
    const scp = path.join(dir, 'scp.json');
    writeJson(scp, { Statement: [] });
    expect(run(['check', dir, '--scp', scp, '--strict']).code).toBe(0);
    const [input, environment] = analyze.mock.calls[0];
    expect(input.stacks.map(s => s.artifactId)).toEqual(['App']);
    expect(environment!.serviceControlPolicies).toEqual([[{ name: scp, document: { Statement: [] } }]]);
    expect(environment!.strict).toBe(true);
  });

  test('no DENY: exit 0 and a table that says PASSED', () => {
    const { code, stdout, stderr } = run(['check', assembly()], report(finding()));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^FUNCTION\s+BUCKET/);
    expect(stdout).toMatch(/1 write checked in 1 stack: 0 DENY, 0 CONDITIONAL, 0 UNKNOWN, 1 ALLOW\. PASSED\.\n$/);
    expect(stderr).toBe('');
  });

  test('a DENY: exit 1 and the cause code in the table', () => {
    const { code, stdout } = run(['check', assembly()], report(DENY_NO_IDENTITY_ALLOW));
    expect(code).toBe(1);
    expect(stdout).toMatch(/App\/Fn\s+App\/Bucket\s+incoming\/\*\s+DENY\s+NO_IDENTITY_ALLOW/);
    expect(stdout).toMatch(/FAILED: 1 DENY\.\n$/);
  });

  test('--strict turns CONDITIONAL and UNKNOWN into exit 1', () => {
    const r = report(finding({ verdict: 'UNKNOWN', causes: [{ code: 'UNRESOLVED', message: 'imported bucket' }] }));
    expect(run(['check', assembly()], r).code).toBe(0);
    expect(run(['check', assembly(), '--strict'], r).code).toBe(1);
  });

  test('--json prints the report and keeps the exit code', () => {
    const r = report(DENY_NO_IDENTITY_ALLOW);
    const { code, stdout } = run(['check', assembly(), '--json'], r);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual(r);
  });

  test('--sarif prints valid SARIF whose locations point into the assembly, relative to the working directory', () => {
    const dir = assembly();
    const failing = finding({ verdict: 'DENY', causes: [{ code: 'BUCKET_POLICY_DENY', message: 'denied', location: 'App/Bucket' }] });
    const { code, stdout } = run(['check', dir, '--sarif'], report(failing));
    expect(code).toBe(1);
    const log = JSON.parse(stdout);
    expect(sarifShapeProblems(log)).toEqual([]);
    const expectedUri = path.relative(process.cwd(), path.join(dir, 'App.template.json')).split(path.sep).join('/');
    const location = log.runs[0].results[0].locations[0];
    expect(location.physicalLocation.artifactLocation.uri).toBe(expectedUri);
    const line = fs.readFileSync(path.join(dir, 'App.template.json'), 'utf8').split('\n')[location.physicalLocation.region.startLine - 1];
    expect(line).toContain('"Bucket"');
    expect(log.runs[0].tool.driver.version).toBe(JSON.parse(fs.readFileSync('package.json', 'utf8')).version);
  });

  test('--sarif URIs are relative to %SRCROOT%, which the run states as the working directory; the tool version is the package\'s', () => {
    const dir = assembly();
    const failing = finding({ verdict: 'DENY', causes: [{ code: 'BUCKET_POLICY_DENY', message: 'denied', location: 'App/Bucket' }] });
    const sarifRun = JSON.parse(run(['check', dir, '--sarif'], report(failing)).stdout).runs[0];
    expect(sarifRun.originalUriBaseIds['%SRCROOT%'].uri).toBe(`${pathToFileURL(process.cwd()).href}/`);
    expect(sarifRun.results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: path.relative(process.cwd(), path.join(dir, 'App.template.json')).split(path.sep).join('/'),
      uriBaseId: '%SRCROOT%',
    });
    const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8'));
    expect(sarifRun.tool.driver).toMatchObject({ version, semanticVersion: version });
  });

  test('a missing assembly: exit 2 and one line on stderr, nothing on stdout', () => {
    const missing = path.join(tempDir(), 'cdk.out');
    const { code, stdout, stderr } = run(['check', missing]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`cdk-secure-lambda-writer: ${missing} not found: run \`cdk synth\` first or pass the assembly directory\n`);
    expect(analyze).not.toHaveBeenCalled();
  });

  test('an unreadable option file: exit 2, one line', () => {
    const { code, stderr } = run(['check', assembly(), '--key-policy', `arn:aws:kms:us-east-1:111111111111:key/k=${path.join(tempDir(), 'none.json')}`]);
    expect(code).toBe(2);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/none.json not found \(the policy given with --key-policy\)/);
  });

  test('an unknown flag: exit 2 with the message and the usage line', () => {
    const { code, stdout, stderr } = run(['check', '--frobnicate']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`cdk-secure-lambda-writer: unknown option --frobnicate\n${USAGE_LINE}\nRun 'cdk-secure-lambda-writer --help' for the options.\n`);
  });

  test('--help prints the usage and every option; exit 0', () => {
    const { code, stdout } = run(['--help']);
    expect(code).toBe(0);
    expect(stdout.startsWith(USAGE_LINE)).toBe(true);
    for (const flag of ['--json', '--sarif', '--strict', '--scp', '--rcp', '--org-id', '--bucket-policy', '--bucket-account',
      '--key-policy', '--managed-policy', '--account-bpa', '--default-account', '--version']) {
      expect(stdout).toContain(flag);
    }
  });

  test('--version prints the package version', () => {
    const { code, stdout } = run(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${JSON.parse(fs.readFileSync('package.json', 'utf8')).version}\n`);
  });

  test('functions in CloudFormation nested stacks whose template is missing are said to be unchecked, on stderr (stdout stays valid JSON)', () => {
    const dir = assembly();
    writeJson(path.join(dir, 'App.template.json'), {
      Resources: { Child: { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:cdk:path': 'App/Child.NestedStack/Child.NestedStackResource', 'aws:asset:path': 'c.json' } } },
    });
    const { code, stdout, stderr } = run(['check', dir, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(report());
    expect(stderr).toBe('cdk-secure-lambda-writer: note: not checked: functions in CloudFormation nested stacks (App/Child)\n');
    expect(run(['check', assembly(), '--json']).stderr).toBe('');
  });

  test('an internal error is one line and exit 2, never a stack trace', () => {
    analyze.mockImplementation(() => { throw new TypeError('boom\n    at somewhere (file.ts:1:1)'); });
    let stderr = '';
    const code = runCli(['check', assembly()], { stdout: () => undefined, stderr: t => { stderr += t; } });
    expect(code).toBe(2);
    expect(stderr).toBe('cdk-secure-lambda-writer: internal error: boom (please report it; set CDK_SECURE_LAMBDA_WRITER_DEBUG=1 for details)\n');
  });
});
