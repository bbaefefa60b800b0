import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../../src/cli/run';
import { Build, buildForTests } from '../../cli/support/commands';

/**
 * What the command line's hostile-input tests share: a case directory holding an assembly (`cdk.out`) and, beside
 * it, files the assembly must never be able to read (each holds a canary that must never reach the output), the
 * command run in process with every file it opens recorded, and the command run as a separate process with a
 * timeout (for what would hang or exhaust memory in process).
 */

/** In every file outside the assembly: if it shows up in any output, a file outside was read. */
export const CANARY = 'CANARY-3f9c2a-root:x:0:0';

export interface HostileCase {
  /** The case directory: the assembly and the files outside it. */
  readonly dir: string;
  /** The assembly directory, `<dir>/cdk.out`. */
  readonly assembly: string;
  /** A template outside the assembly, with the canary as a construct path. */
  readonly outsideTemplate: string;
  /** A file outside the assembly that is not JSON (like /etc/passwd). */
  readonly outsideText: string;
  /** A directory outside the assembly with a manifest and a template of its own. */
  readonly outsideAssembly: string;
}

const created: string[] = [];

export function hostileCase(prefix = 'cli-hostile-'): HostileCase {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  created.push(dir);
  const assembly = path.join(dir, 'cdk.out');
  fs.mkdirSync(assembly);
  const outsideTemplate = path.join(dir, 'outside.template.json');
  writeJson(outsideTemplate, templateWithBucket(CANARY));
  const outsideText = path.join(dir, 'passwd');
  fs.writeFileSync(outsideText, `${CANARY}:/root:/bin/bash\n`);
  const outsideAssembly = path.join(dir, 'other');
  writeJson(path.join(outsideAssembly, 'manifest.json'), manifest({ Other: stackArtifact('Other.template.json') }));
  writeJson(path.join(outsideAssembly, 'Other.template.json'), templateWithBucket(CANARY));
  return { dir, assembly, outsideTemplate, outsideText, outsideAssembly };
}

export function removeHostileCases(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value));
}

export function manifest(artifacts: Record<string, unknown>): Record<string, unknown> {
  return { version: '55.0.0', artifacts };
}

export function stackArtifact(templateFile: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'aws:cloudformation:stack', environment: 'aws://111111111111/eu-west-1', properties: { templateFile }, ...extra };
}

export function nestedAssemblyArtifact(directoryName: string): Record<string, unknown> {
  return { type: 'cdk:cloud-assembly', properties: { directoryName } };
}

/** A template with one bucket whose construct path is `constructPath`. */
export function templateWithBucket(constructPath: string): Record<string, unknown> {
  return { Resources: { Bucket: { Type: 'AWS::S3::Bucket', Metadata: { 'aws:cdk:path': `${constructPath}/Bucket/Resource` } } } };
}

/**
 * A function whose role may write to a bucket whose policy denies it: one DENY finding, whose construct paths and
 * message carry `functionPath` and `sid` (the message quotes the deciding statement's Sid).
 */
export function writerTemplate(functionPath: string, sid: string): Record<string, unknown> {
  const objects = { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] };
  const document = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [statement] });
  return {
    Resources: {
      Bucket: { Type: 'AWS::S3::Bucket', Metadata: { 'aws:cdk:path': 'App/Bucket/Resource' } },
      BucketPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Metadata: { 'aws:cdk:path': 'App/Bucket/Policy/Resource' },
        Properties: {
          Bucket: { Ref: 'Bucket' },
          PolicyDocument: document({ Sid: sid, Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:PutObject', Resource: objects }),
        },
      },
      Role: {
        Type: 'AWS::IAM::Role',
        Metadata: { 'aws:cdk:path': `${functionPath}/ServiceRole/Resource` },
        Properties: {
          AssumeRolePolicyDocument: document({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
        },
      },
      RolePolicy: {
        Type: 'AWS::IAM::Policy',
        Metadata: { 'aws:cdk:path': `${functionPath}/ServiceRole/DefaultPolicy/Resource` },
        Properties: {
          PolicyName: 'WriterPolicy',
          Roles: [{ Ref: 'Role' }],
          PolicyDocument: document({ Effect: 'Allow', Action: 's3:PutObject', Resource: objects }),
        },
      },
      Writer: {
        Type: 'AWS::Lambda::Function',
        Metadata: { 'aws:cdk:path': `${functionPath}/Resource` },
        Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: 'x' } },
        DependsOn: ['RolePolicy'],
      },
    },
  };
}

/** An `AWS::CloudFormation::Stack` resource deploying the nested template `file`. */
export function nestedStackResource(file: string, constructPath?: string): Record<string, unknown> {
  return {
    Type: 'AWS::CloudFormation::Stack',
    Properties: { TemplateURL: 'https://example.com/nested.json' },
    Metadata: { 'aws:asset:path': file, ...(constructPath ? { 'aws:cdk:path': constructPath } : {}) },
  };
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Every path the command opened or read by name, in order. */
  readonly opened: readonly string[];
  readonly milliseconds: number;
}

/**
 * Node's own fs module object: spies go on it, where the code under test looks its functions up (`import * as fs`
 * gives a test file a copy whose properties cannot be redefined).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs: typeof fs = require('fs');

/** Run the command in process, recording each path given to fs.openSync and fs.readFileSync. */
export function runRecorded(argv: readonly string[]): RunResult {
  const opened: string[] = [];
  const record = (file: unknown) => {
    if (typeof file === 'string' || file instanceof URL || Buffer.isBuffer(file)) opened.push(String(file));
  };
  const realOpen = nodeFs.openSync;
  const realRead = nodeFs.readFileSync;
  const openSpy = jest.spyOn(nodeFs, 'openSync').mockImplementation(((file: fs.PathLike, ...rest: unknown[]) => {
    record(file);
    return (realOpen as (...args: unknown[]) => number)(file, ...rest);
  }) as typeof fs.openSync);
  const readSpy = jest.spyOn(nodeFs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    record(file);
    return (realRead as (...args: unknown[]) => unknown)(file, ...rest);
  }) as typeof fs.readFileSync);
  let stdout = '';
  let stderr = '';
  const started = Date.now();
  try {
    const code = runCli(argv, { stdout: t => { stdout += t; }, stderr: t => { stderr += t; } });
    return { code, stdout, stderr, opened, milliseconds: Date.now() - started };
  } finally {
    openSpy.mockRestore();
    readSpy.mockRestore();
  }
}

/** The paths opened that are not inside `directory` (compared by real path). */
export function openedOutside(result: RunResult, directory: string): string[] {
  const root = fs.realpathSync(directory) + path.sep;
  return result.opened.filter(file => {
    let real: string;
    try {
      real = fs.realpathSync(file);
    } catch {
      real = path.resolve(file);
    }
    // The command's own package.json (for --version and SARIF) is not input.
    return !real.startsWith(root) && !isOwnPackageFile(real);
  });
}

function isOwnPackageFile(file: string): boolean {
  return path.basename(file) === 'package.json' && !file.includes(`${path.sep}cli-hostile`) && !file.includes(`${path.sep}cli-fuzz`);
}

let build: Build | undefined;

export interface ProcessResult {
  /** null when the process was killed (timeout). */
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly milliseconds: number;
}

/**
 * Run the command as a separate process (the source transpiled, as test/cli's end-to-end tests do), killed after
 * `timeoutMs`: what hangs or eats memory fails the test instead of the test run.
 */
/** The transpiled entry point, `node <it> ARGS` being the command line. */
export function builtMain(): string {
  build ??= buildForTests();
  return build.main;
}

export function runProcess(
  args: readonly string[], options: { timeoutMs: number; nodeOptions?: readonly string[]; input?: string },
): ProcessResult {
  const started = Date.now();
  const result = spawnSync(process.execPath, [...(options.nodeOptions ?? []), builtMain(), ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    milliseconds: Date.now() - started,
  };
}

/** C0 and C1 controls other than the line feeds that end lines, DEL, and the bidi controls. */
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** The error lines of a failed run: exactly one, starting with the program name. */
export function errorLines(stderr: string): string[] {
  return stderr.replace(/\n$/, '').split('\n');
}
