import { execFileSync, spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CDK_VERSION } from './support/compat';

// A new user's app on this run's aws-cdk-lib, with the library as `npm pack` makes it: a plain `npm install`
// (no --legacy-peer-deps) must accept the peer dependencies, `tsc` without skipLibCheck must accept the published
// declarations, the real `cdk synth` must fail on a DENY with the checker's message and pass (with its summary line)
// once fixed, and the packaged command line must judge the assembly this aws-cdk-lib wrote.

const REPO = path.resolve(__dirname, '..', '..', '..');
/** floor or latest: which installation under test/compat this run uses (test/compat/jest.config.js). */
const RUN = process.env.COMPAT_CDK ?? 'floor';
const INSTALLED = path.join(REPO, 'test', 'compat', RUN, 'node_modules');
const CDK_CLI = path.join(REPO, 'node_modules', '.bin', 'cdk');

const versionOf = (pkg: string): string => JSON.parse(fs.readFileSync(path.join(INSTALLED, pkg, 'package.json'), 'utf-8')).version;

/** The environment of a user's shell: no jest NODE_ENV, no credentials probing, no version check. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env, AWS_EC2_METADATA_DISABLED: 'true', CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true',
  };
  delete env.NODE_ENV;
  delete env.JEST_WORKER_ID;
  return env;
}

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: userEnv(), encoding: 'utf-8', maxBuffer: 64 * 1024 * 1024 });
}

const output = (result: SpawnSyncReturns<string>) => `${result.stdout}\n${result.stderr}`;

let work: string;
let tarball: string;
let app: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), `packed-${RUN}-`));
  // prepack compiles when lib/ is missing or older than src/ (scripts/compile-if-stale.js).
  const packed = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: REPO, env: userEnv(), encoding: 'utf-8' });
  tarball = path.join(work, JSON.parse(packed.slice(packed.indexOf('[')))[0].filename);
  app = path.join(work, 'app');
  fs.cpSync(path.join(REPO, 'test', 'compat', 'app'), app, { recursive: true });
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({
    name: 'new-user-app',
    private: true,
    dependencies: {
      'aws-cdk-lib': CDK_VERSION,
      // Exactly the run's constructs: the floor run proves the floor (10.0.5), not the newest 10.x.
      'constructs': versionOf('constructs'),
      'cdk-secure-lambda-writer': `file:${tarball}`,
    },
    devDependencies: { 'typescript': versionOf('typescript'), '@types/node': '20.19.43' },
  }, undefined, 2));
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe(`the packed library in a new app on aws-cdk-lib ${CDK_VERSION}`, () => {
  test('ships what users need, and nothing of CI, benchmarks, rosetta fixtures or examples', () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf-8' }).split('\n').filter(Boolean);
    expect(files).toEqual(expect.arrayContaining(['package/lib/index.js', 'package/lib/index.d.ts', 'package/.jsii',
      'package/lib/runtime/index.js', 'package/lib/cli/main.js', 'package/README.md', 'package/API.md']));
    expect(files.filter(f => /^package\/(\.ci|bench|examples|rosetta|scripts|test|src)\//.test(f))).toEqual([]);
  });

  test('a plain npm install accepts the peer dependencies', () => {
    const result = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], app);
    expect({ status: result.status, output: result.status === 0 ? '' : output(result) }).toEqual({ status: 0, output: '' });
    expect(fs.existsSync(path.join(app, 'node_modules', 'cdk-secure-lambda-writer', 'lib', 'index.js'))).toBe(true);
  });

  test.each([
    ['"node" module resolution (commonjs)', []],
    ['"nodenext" module resolution', ['--module', 'nodenext', '--moduleResolution', 'nodenext']],
  ])('tsc compiles the app and the published declarations without skipLibCheck, %s', (_, flags) => {
    const result = run(path.join(app, 'node_modules', '.bin', 'tsc'), ['-p', '.', ...flags], app);
    expect(output(result).trim()).toBe('');
    expect(result.status).toBe(0);
  });

  test('cdk synth fails on the DENY, with the checker\'s message', () => {
    const result = run(CDK_CLI, ['synth', '--quiet', '--no-notices', '-c', 'variant=broken', '-o', 'cdk.out.broken'], app);
    expect(result.status).not.toBe(0);
    expect(output(result)).toMatch(/s3:PutObject from Ingest\/Handler to Ingest\/Uploads \(keys incoming\/\*\) would be DENIED/);
    expect(output(result)).toContain('NO_IDENTITY_ALLOW');
    expect(output(result)).toMatch(/WriteAccessChecker: 1 write checked: 0 ALLOW, 1 DENY, 0 CONDITIONAL, 0 UNKNOWN\./);
  });

  test('the fixed app synthesizes, prints one summary line, and writes the report', () => {
    const result = run(CDK_CLI, ['synth', '--quiet', '--no-notices', '-c', 'variant=fixed', '-o', 'cdk.out.fixed'], app);
    expect({ status: result.status, output: result.status === 0 ? '' : output(result) }).toEqual({ status: 0, output: '' });
    const summaries = output(result).split('\n').filter(line => line.startsWith('WriteAccessChecker: '));
    expect(summaries).toEqual(['WriteAccessChecker: 2 writes checked: 2 ALLOW, 0 DENY, 0 CONDITIONAL, 0 UNKNOWN.']);
    const report = JSON.parse(fs.readFileSync(path.join(app, 'cdk.out.fixed', 'write-access-report.json'), 'utf-8'));
    expect(report.findings.map((f: any) => [f.function, f.verdict]).sort()).toEqual([
      ['Ingest/Handler', 'ALLOW'], ['Ingest/Writer/Function', 'ALLOW'],
    ]);
  });

  test('the packaged command line judges the assembly this aws-cdk-lib wrote: exit 1 on the DENY, 0 once fixed', () => {
    const cli = path.join(app, 'node_modules', '.bin', 'cdk-secure-lambda-writer');
    const broken = run(cli, ['check', 'cdk.out.broken'], app);
    expect(broken.status).toBe(1);
    expect(output(broken)).toMatch(/DENY/);
    expect(output(broken)).toContain('Ingest/Handler');
    expect(run(cli, ['check', 'cdk.out.fixed'], app).status).toBe(0);
  });

  test('Lambda code reaches the runtime helper at cdk-secure-lambda-writer/runtime', () => {
    const script = "const { buildPutObjectInput } = require('cdk-secure-lambda-writer/runtime');" +
      "process.stdout.write(JSON.stringify(buildPutObjectInput('a.json')))";
    const env = { ...userEnv(), WRITER_BUCKET_NAME: 'uploads', WRITER_KEY_PREFIX: 'incoming/', WRITER_SSE: 'AES256' };
    const result = spawnSync('node', ['-e', script], { cwd: app, env, encoding: 'utf-8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(expect.objectContaining({ Bucket: 'uploads', Key: 'incoming/a.json', ServerSideEncryption: 'AES256' }));
  });
});
