import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import {
  builtMain, errorLines, hostileCase, manifest, removeHostileCases, runProcess, runRecorded, stackArtifact, templateWithBucket,
  writeJson,
} from './support/cli-hostile';
import { DEFAULT_MAX_FILE_MIB, DEFAULT_MAX_STACKS, DEFAULT_MAX_TOTAL_MIB } from '../../src/cli/limits';

/**
 * Issue #10, item 7: a template path that is a FIFO blocked forever; one that is /dev/zero grew to gigabytes. Only
 * regular files are read, each up to a stated, configurable cap. What would hang runs as a separate process with
 * a timeout, so a regression fails the test instead of hanging the test run.
 */

jest.setTimeout(120_000);
afterAll(removeHostileCases);

/** Well above what the command needs (well under a second), well below "forever". */
const HANG_TIMEOUT_MS = 20_000;

/** An assembly with one stack, App, whose template is `App.template.json` (not written). */
function oneStack() {
  const c = hostileCase();
  writeJson(path.join(c.assembly, 'manifest.json'), manifest({ App: stackArtifact('App.template.json', { displayName: 'App' }) }));
  return { ...c, template: path.join(c.assembly, 'App.template.json') };
}

/** A valid template of about `mib` MiB: one bucket, padded with a long description. */
function writeTemplateOfSize(file: string, mib: number): void {
  const template = { Description: 'x'.repeat(Math.round(mib * 1024 * 1024)), ...templateWithBucket('App') };
  writeJson(file, template);
}

describe('only regular files are read', () => {
  test('a template that is a FIFO: exit 2 at once, never a hang', () => {
    const c = oneStack();
    expect(spawnSync('mkfifo', [c.template]).status).toBe(0);
    const result = runProcess(['check', c.assembly], { timeoutMs: HANG_TIMEOUT_MS });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(2);
    expect(errorLines(result.stderr)).toEqual([
      `cdk-secure-lambda-writer: ${c.template} is a FIFO (named pipe), not a regular file (template of stack App): refused`,
    ]);
  });

  test('a template that is a link to /dev/zero: exit 2 at once, never gigabytes', () => {
    const c = oneStack();
    fs.symlinkSync('/dev/zero', c.template);
    const result = runProcess(['check', c.assembly], { timeoutMs: HANG_TIMEOUT_MS, nodeOptions: ['--max-old-space-size=256'] });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(2);
    expect(errorLines(result.stderr)).toEqual([expect.stringMatching(/^cdk-secure-lambda-writer: "App.template.json" \(template of stack App\) leads outside the assembly directory/)]);
  });

  // Making a device node inside the assembly needs root (mknod); CI containers usually are.
  const asRoot = process.getuid?.() === 0 ? test : test.skip;
  asRoot('a template that is a character device inside the assembly (a copy of /dev/zero): refused unread', () => {
    const c = oneStack();
    expect(spawnSync('mknod', [c.template, 'c', '1', '5']).status).toBe(0);
    const result = runProcess(['check', c.assembly], { timeoutMs: HANG_TIMEOUT_MS, nodeOptions: ['--max-old-space-size=256'] });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${c.template} is a character device, not a regular file (template of stack App): refused`);
  });

  test('a template that is a socket: refused by type, not an I/O error', async () => {
    const c = oneStack();
    const server = net.createServer();
    await new Promise<void>(resolve => server.listen(c.template, resolve));
    try {
      const { code, stderr } = runRecorded(['check', c.assembly]);
      expect(code).toBe(2);
      expect(stderr).toBe(`cdk-secure-lambda-writer: ${c.template} is a socket, not a regular file (template of stack App): refused\n`);
    } finally {
      await new Promise(resolve => server.close(resolve));
    }
  });

  test('a template that is a directory', () => {
    const c = oneStack();
    fs.mkdirSync(c.template);
    const { code, stderr } = runRecorded(['check', c.assembly]);
    expect(code).toBe(2);
    expect(stderr).toBe(`cdk-secure-lambda-writer: ${c.template} is a directory, expected a JSON file (template of stack App)\n`);
  });
});

describe('a size cap per file, stated and configurable', () => {
  test(`the default is ${DEFAULT_MAX_FILE_MIB} MiB: a larger file is refused without being read`, () => {
    const c = oneStack();
    // Sparse: no disk and no time to make, but reading it would take 257 MiB.
    fs.writeFileSync(c.template, '{}');
    fs.truncateSync(c.template, (DEFAULT_MAX_FILE_MIB + 1) * 1024 * 1024);
    const { code, stderr, milliseconds } = runRecorded(['check', c.assembly]);
    expect(code).toBe(2);
    expect(stderr).toBe(`cdk-secure-lambda-writer: ${c.template} is larger than ${DEFAULT_MAX_FILE_MIB} MiB (template of stack App): ` +
      'refused; --max-file-size raises the limit\n');
    expect(milliseconds).toBeLessThan(5_000);
  });

  test('a 50 MB template is read with the default cap', () => {
    const c = oneStack();
    writeTemplateOfSize(c.template, 50);
    const { code, stderr, stdout } = runRecorded(['check', c.assembly]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/checked in 1 stack/);
  });

  test('--max-file-size sets it, in MiB', () => {
    const c = oneStack();
    writeTemplateOfSize(c.template, 2);
    const refused = runRecorded(['check', c.assembly, '--max-file-size', '1']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`cdk-secure-lambda-writer: ${c.template} is larger than 1 MiB (template of stack App): refused; --max-file-size raises the limit\n`);
    expect(runRecorded(['check', c.assembly, '--max-file-size=3']).code).toBe(0);
    expect(runRecorded(['check', c.assembly, '--max-file-size', '0.5']).stderr).toContain('is larger than 0.5 MiB');
  });

  test('the cap holds for option files too, which may be pipes or devices (a FIFO an option names is the user\'s choice)', () => {
    const c = oneStack();
    writeJson(c.template, templateWithBucket('App'));
    const { code, stderr, milliseconds } = runRecorded(['check', c.assembly, '--scp', '/dev/zero', '--max-file-size', '1']);
    expect(code).toBe(2);
    expect(stderr).toBe('cdk-secure-lambda-writer: /dev/zero is larger than 1 MiB (the policies given with --scp): refused; --max-file-size raises the limit\n');
    expect(milliseconds).toBeLessThan(5_000);
    // A shell pipe, as `--scp <(aws organizations describe-policy …)` gives (Node's own stdin pipes are sockets).
    const fromPipe = spawnSync('sh', ['-c', 'printf \'{"Statement": []}\' | "$0" "$1" check "$2" --scp /dev/stdin', process.execPath, builtMain(), c.assembly], {
      encoding: 'utf8', timeout: HANG_TIMEOUT_MS,
    });
    expect(fromPipe.stderr).toBe('');
    expect(fromPipe.status).toBe(0);
  });

  test(`all the assembly's files together are capped too (default ${DEFAULT_MAX_TOTAL_MIB} MiB, --max-total-size)`, () => {
    const c = hostileCase();
    writeJson(path.join(c.assembly, 'manifest.json'), manifest({ A: stackArtifact('A.template.json'), B: stackArtifact('B.template.json') }));
    writeTemplateOfSize(path.join(c.assembly, 'A.template.json'), 0.6);
    writeTemplateOfSize(path.join(c.assembly, 'B.template.json'), 0.6);
    expect(runRecorded(['check', c.assembly]).code).toBe(0);
    const { code, stderr } = runRecorded(['check', c.assembly, '--max-total-size', '1']);
    expect(code).toBe(2);
    expect(stderr).toBe(`cdk-secure-lambda-writer: ${path.join(c.assembly, 'B.template.json')} would take the assembly's files read past 1 MiB in all ` +
      '(template of stack B): refused; --max-total-size raises the limit\n');
  });
});

describe('the limits are options, stated in the help', () => {
  test('--help names each limit with its default', () => {
    const { stdout } = runRecorded(['--help']);
    expect(stdout).toContain(`--max-file-size MIB           largest file read (default: ${DEFAULT_MAX_FILE_MIB})`);
    expect(stdout).toContain(`--max-total-size MIB          the assembly's files read in all (default: ${DEFAULT_MAX_TOTAL_MIB})`);
    expect(stdout).toMatch(new RegExp(`--max-stacks N .*\\n.*\\(default: ${DEFAULT_MAX_STACKS.toLocaleString('en-US')}\\)`));
    expect(stdout).toMatch(/Only files inside ASSEMBLY_DIR, after following symbolic links/);
  });

  test.each([
    ['--max-file-size', '0'], ['--max-file-size', 'big'], ['--max-file-size', '-1'], ['--max-total-size', '1e9'],
    ['--max-stacks', '0'], ['--max-stacks', '2.5'],
  ])('%s %s is a usage error', (flag, value) => {
    const { code, stderr } = runRecorded(['check', '.', flag, value]);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toMatch(new RegExp(`^cdk-secure-lambda-writer: ${flag} expects `));
  });
});
