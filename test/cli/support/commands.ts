import { spawn, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

/** The repository root. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const CDK_BIN = path.join(REPO_ROOT, 'node_modules', '.bin', 'cdk');

/**
 * The command and the test apps as plain JavaScript, transpiled into a temporary directory (src/ and test/cli/apps/
 * keep their layout, package.json is copied for `--version`): the command then starts as fast as the published
 * `lib/cli/main.js` does, and runs what is in src/ now rather than a stale lib/.
 */
export interface Build {
  /** `node <main> ARGS` is the command line. */
  readonly main: string;
  readonly appsDir: string;
}

export function buildForTests(): Build {
  const appsDir = path.join(REPO_ROOT, 'test', 'cli', 'apps');
  const entries = [path.join(REPO_ROOT, 'src', 'cli', 'main.ts'), ...fs.readdirSync(appsDir).filter(f => f.endsWith('.ts')).map(f => path.join(appsDir, f))];
  const sources = [...reachableSources(entries)].sort();
  // One build per state of the sources, shared by the test files (and jest workers) that need it.
  const hash = createHash('sha256');
  for (const source of sources) hash.update(source).update('\0').update(fs.readFileSync(source)).update('\0');
  const outDir = path.join(os.tmpdir(), `${BUILD_PREFIX}${hash.digest('hex').slice(0, 16)}`);
  const build = { main: path.join(outDir, 'src', 'cli', 'main.js'), appsDir: path.join(outDir, 'test', 'cli', 'apps') };
  if (fs.existsSync(outDir)) return build;
  removeStaleBuilds();

  const staging = fs.mkdtempSync(`${outDir}-staging-`);
  for (const source of sources) {
    const output = ts.transpileModule(fs.readFileSync(source, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: source,
    }).outputText;
    const target = path.join(staging, path.relative(REPO_ROOT, source)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, output);
  }
  fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(staging, 'package.json'));
  try {
    // Atomic: a directory that exists under the final name is complete.
    fs.renameSync(staging, outDir);
  } catch {
    // Another worker finished the same build first.
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return build;
}

const BUILD_PREFIX = 'cdk-secure-lambda-writer-cli-build-';
/** Old enough that no test run still uses it. */
const STALE_AFTER_MS = 60 * 60 * 1000;

/** Builds of earlier states of the sources. */
function removeStaleBuilds(): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(BUILD_PREFIX)) continue;
    const dir = path.join(os.tmpdir(), name);
    try {
      if (Date.now() - fs.statSync(dir).mtimeMs > STALE_AFTER_MS) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another worker removed it first.
    }
  }
}

/** The entry files and every file they import by relative path, transitively (only what the command runs). */
export function reachableSources(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of importSpecifiers(file)) {
      const resolved = specifier.startsWith('.') ? resolveTs(path.resolve(path.dirname(file), specifier)) : undefined;
      if (resolved) queue.push(resolved);
    }
  }
  return seen;
}

/** What a TypeScript file imports or requires: relative paths and package names as written. */
export function importSpecifiers(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?|\brequire\()\s*['"]([^'"]+)['"]/g)].map(m => m[1]);
}

function resolveTs(base: string): string | undefined {
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find(f => f.endsWith('.ts') && fs.existsSync(f));
}

export interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Synthesize an app of test/cli/apps with the real `cdk` command line (aws-cdk 2.1148, no credentials needed) into
 * `outDir`. Asynchronous, so a test file can synthesize several apps at once. Rejects with cdk's output on failure.
 */
export function cdkSynth(
  build: Build, app: string, outDir: string, context: Record<string, string> = {}, extraArgs: readonly string[] = [],
): Promise<void> {
  // cdk splits the app command on spaces and keeps quotes literally: the paths must have no spaces.
  const appCommand = `${process.execPath} ${path.join(build.appsDir, app.replace(/\.ts$/, '.js'))}`;
  const contextArgs = Object.entries(context).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  const child = spawn(CDK_BIN, ['synth', '--app', appCommand, ...contextArgs, '-o', outDir, '--quiet', '--no-notices', ...extraArgs], {
    // Not the repository: cdk writes cdk.context.json into its working directory.
    cwd: build.appsDir,
    env: {
      ...process.env,
      // The transpiled app lives outside the repository: let it find aws-cdk-lib here.
      NODE_PATH: path.join(REPO_ROOT, 'node_modules'),
      // Skips the CDK's built-in CloudFormation-Validate pass (seconds per synth); the templates are the same.
      CDK_VALIDATION: 'false',
      CDK_DISABLE_CLI_TELEMETRY: 'true',
    },
  });
  let output = '';
  child.stdout.on('data', d => { output += d; });
  child.stderr.on('data', d => { output += d; });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', status => (status === 0 ? resolve() : reject(new Error(`cdk synth ${app} failed (${status}):\n${output}`))));
  });
}

/** Run `cdk-secure-lambda-writer ARGS` as a separate process, as a pipeline would. */
export function runCommand(build: Build, args: readonly string[], cwd: string = REPO_ROOT): CommandResult {
  const result = spawnSync(process.execPath, [build.main, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
