import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import {
  CANARY, HostileCase, RAW_CONTROL, RunResult, hostileCase, openedOutside, removeHostileCases, runProcess, runRecorded, writerTemplate,
} from './support/cli-hostile';

/**
 * Issue #10: generated malformed cloud assemblies fed to the command line — manifests of the wrong shape and types,
 * missing files, paths and symbolic links that lead outside, huge numbers, control characters in ids, nested
 * stacks and assemblies that point anywhere. Whatever the input, the command must:
 * - exit 0, 1 or 2, and nothing else;
 * - say what went wrong in one line (every stderr line is one message from the command), with no raw control
 *   character in human output, and valid JSON on stdout for --json and --sarif when it reached a verdict;
 * - open no file outside the assembly directory, and print none of one (a canary sits in each file outside);
 * - finish in bounded time.
 * The seed is fixed so CI runs the same cases; CLI_FUZZ_SEED (and CLI_FUZZ_RUNS) explore others.
 */

jest.setTimeout(300_000);
afterAll(removeHostileCases);

const SEED = Number(process.env.CLI_FUZZ_SEED ?? 20_251_205);
const RUNS = Number(process.env.CLI_FUZZ_RUNS ?? 200);
/** Per case, in process: generous for a 2-core machine shared with other work. */
const CASE_TIME_LIMIT_MS = 5_000;
const PROGRAM_PREFIX = 'cdk-secure-lambda-writer: ';

/** Text with what a hostile id holds: escapes, CR/LF, NUL, bidi overrides, a forged summary, and anything else. */
const hostileText = fc.oneof(
  fc.constantFrom('App', 'Prod/Api', 'Fn', '', '\u001b[2J\u001b[H', 'a\r\n0 writes checked. PASSED.', '\u0000', '\u202eevil',
    '\u0007\u009b\u2066x', '../..', '__proto__', 'constructor', 'x'.repeat(300)),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

const weirdNumber = fc.constantFrom(0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.5);
const anyJson: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue({ maxDepth: 3 }), weirdNumber, hostileText);

/** What a file of the assembly is: JSON, text that is not JSON, a link, a directory, or nothing. */
type FileContent =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'link'; readonly target: string }
  | { readonly kind: 'dir' }
  | { readonly kind: 'absent' };

const GOOD_PATHS = ['App.template.json', 'sub/Sub.template.json', 'Nested.nested.template.json', 'link-in.json'];
const BAD_PATHS = ['meta.json', 'missing.json', 'link-out.json', 'link-etc', 'loop-a', 'dir', 'sub', '.', '', '../outside.template.json',
  '../passwd', '../other', '/etc/passwd', 'x\n/../../outside.template.json', 'sub/../../passwd', 'a/b/c/../../../..',
  'sub/./Sub.template.json', 'sub//Sub.template.json'];

/** Paths a manifest or template may name: inside, missing, outside, through links, absolute, hostile. */
function pathRef(goodWeight: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: goodWeight, arbitrary: fc.constantFrom(...GOOD_PATHS) },
    { weight: 2, arbitrary: fc.constantFrom(...BAD_PATHS) },
    { weight: 1, arbitrary: hostileText },
  );
}

/**
 * The generators, with a wrong type at each structural position one time in `1 + goodWeight` (never when
 * `goodWeight` is undefined). Cases whose shapes are all right, and whose paths mostly lead to good files, get past
 * the manifest to the templates, the nested stacks and the analysis; the others try every early refusal.
 */
function arbitraries(goodWeight?: number) {
  const wellShaped = goodWeight === undefined;
  const paths = pathRef(wellShaped ? 30 : 4);
  const mostly = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> =>
    (goodWeight === undefined ? good : fc.oneof({ weight: goodWeight, arbitrary: good }, { weight: 1, arbitrary: anyJson }));

  const acknowledgementMetadata = fc.record({ key: fc.oneof(fc.constant('App/Fn'), hostileText), reason: anyJson, ruleId: fc.oneof(fc.constant('WriteAccessChecker::BUCKET_POLICY_DENY'), hostileText) })
    .map(({ key, reason, ruleId }) => ({ [`/${key}`]: [{ type: 'aws:cdk:acknowledged-rules', data: { [ruleId]: reason } }, { type: 'aws:cdk:logicalId', data: 'Writer' }] }));

  const stackArtifact = fc.record({
    type: fc.constant('aws:cloudformation:stack'),
    environment: mostly(fc.constantFrom('aws://111111111111/eu-west-1', 'aws://unknown-account/unknown-region', 'aws://x/y/z')),
    displayName: fc.option(hostileText, { nil: undefined }),
    properties: mostly(fc.record({ templateFile: mostly(paths), stackName: fc.option(hostileText, { nil: undefined }) })),
    additionalMetadataFile: fc.option(mostly(paths), { nil: undefined }),
    metadata: fc.option(mostly(acknowledgementMetadata), { nil: undefined }),
  }, { requiredKeys: ['type', 'properties'] });

  const nestedAssemblyArtifact = fc.record({
    type: fc.constant('cdk:cloud-assembly'),
    properties: mostly(fc.record({
      directoryName: mostly(fc.oneof({ weight: wellShaped ? 20 : 4, arbitrary: fc.constant('sub') }, { weight: 1, arbitrary: fc.constantFrom('.', '../other', 'link-dir') }, { weight: 1, arbitrary: paths })),
    })),
  });

  const artifact = fc.oneof(
    { weight: 8, arbitrary: stackArtifact },
    { weight: 2, arbitrary: nestedAssemblyArtifact },
    { weight: 1, arbitrary: mostly(fc.record({ type: fc.constantFrom('cdk:tree', 'cdk:asset-manifest') })) },
  );

  const manifest = mostly(fc.record({
    version: mostly(fc.constant('55.0.0')),
    artifacts: mostly(fc.dictionary(hostileText, artifact, { minKeys: 1, maxKeys: 3 })),
  }));

  /** A resource: a bucket, a nested stack pointing anywhere, or (in a shape-breaking case) anything. */
  const resource = fc.oneof(
    hostileText.map(p => ({ Type: 'AWS::S3::Bucket', Metadata: { 'aws:cdk:path': `${p}/Bucket/Resource` } })),
    fc.record({ file: mostly(paths), cdkPath: fc.option(hostileText, { nil: undefined }) }).map(({ file, cdkPath }) => ({
      Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': file, ...(cdkPath === undefined ? {} : { 'aws:cdk:path': cdkPath }) },
    })),
    mostly(fc.record({ Type: fc.constantFrom('AWS::IAM::Policy', 'AWS::Lambda::Function', 'AWS::S3::BucketPolicy'), Properties: anyJson })),
  );

  const template = mostly(fc.oneof(
    fc.record({ functionPath: fc.oneof(fc.constant('App/Fn'), hostileText.map(t => `App/${t}`)), sid: hostileText })
      .map(({ functionPath, sid }) => writerTemplate(functionPath, sid)),
    fc.record({ functionPath: hostileText, sid: hostileText, extra: fc.dictionary(hostileText, resource, { maxKeys: 3 }) })
      .map(({ functionPath, sid, extra }) => {
        const base = writerTemplate(functionPath, sid) as { Resources: Record<string, unknown> };
        return { Resources: { ...base.Resources, ...extra } };
      }),
    fc.dictionary(fc.oneof(fc.constantFrom('Bucket', 'Child', 'Policy'), hostileText), resource, { maxKeys: 4 }).map(Resources => ({ Resources })),
  ));

  const fileContent: fc.Arbitrary<FileContent> = fc.oneof(
    { weight: wellShaped ? 30 : 6, arbitrary: template.map(value => ({ kind: 'json' as const, value })) },
    { weight: 1, arbitrary: fc.constantFrom('{"version": 1e400}', '{"Resources": {', '\u0000\u0000', `${CANARY}`, '', '[[[[[[[[[[').map(text => ({ kind: 'text' as const, text })) },
    { weight: 1, arbitrary: fc.constantFrom('outside', 'inside', 'etc', 'dangling', 'loop', 'outside-dir', 'inside-dir').map(target => ({ kind: 'link' as const, target })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'dir' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'absent' as const }) },
  );

  const manifestFile: fc.Arbitrary<FileContent> = goodWeight === undefined
    ? manifest.map(value => ({ kind: 'json' as const, value }))
    : fc.oneof({ weight: goodWeight, arbitrary: manifest.map(value => ({ kind: 'json' as const, value })) },
      { weight: 1, arbitrary: fc.constantFrom('{"version": "55.0.0", "artifacts": {', CANARY).map(text => ({ kind: 'text' as const, text })) });
  return fc.record({
    manifest: manifestFile,
    subManifest: manifest,
    files: fc.tuple(...FILES.map(() => fileContent)),
    format: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom([], ['--json'], ['--sarif'], ['--strict']) },
      { weight: 1, arbitrary: fc.constantFrom(['--max-stacks', '3'], ['--max-file-size', '0.01']) },
    ),
  });
}

const FILES = ['App.template.json', 'sub/Sub.template.json', 'Nested.nested.template.json', 'meta.json', 'link-out.json', 'link-in.json',
  'link-etc', 'dir', 'link-dir'];

/** Half the cases with every shape right (hostile values only), half with wrong types anywhere. */
const hostileAssembly = fc.oneof(arbitraries(), arbitraries(8));
type HostileAssembly = typeof hostileAssembly extends fc.Arbitrary<infer T> ? T : never;

function write(c: HostileCase, file: string, content: FileContent): void {
  const target = path.join(c.assembly, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  switch (content.kind) {
    case 'json': fs.writeFileSync(target, JSON.stringify(content.value) ?? 'null'); break;
    case 'text': fs.writeFileSync(target, content.text); break;
    case 'dir': fs.mkdirSync(target, { recursive: true }); break;
    case 'link': fs.symlinkSync(linkTarget(c, content.target), target); break;
    case 'absent': break;
  }
}

function linkTarget(c: HostileCase, target: string): string {
  switch (target) {
    case 'outside': return c.outsideTemplate;
    case 'inside': return path.join(c.assembly, 'App.template.json');
    case 'etc': return '/etc/passwd';
    case 'loop': return 'loop-a';
    case 'outside-dir': return c.outsideAssembly;
    case 'inside-dir': return path.join(c.assembly, 'sub');
    default: return path.join(c.assembly, 'nowhere');
  }
}

function materialize(spec: HostileAssembly): HostileCase {
  const c = hostileCase('cli-fuzz-');
  write(c, 'manifest.json', spec.manifest);
  write(c, 'sub/manifest.json', { kind: 'json', value: spec.subManifest });
  FILES.forEach((file, i) => {
    try {
      write(c, file, spec.files[i]);
    } catch {
      // A file under a path that another entry made a file or a link: the case is just different.
    }
  });
  try {
    fs.symlinkSync('loop-b', path.join(c.assembly, 'loop-a'));
    fs.symlinkSync('loop-a', path.join(c.assembly, 'loop-b'));
  } catch {
    // Already there.
  }
  return c;
}

/** Every property the issue asks of the command on any input; returns the problems found. */
function problems(c: HostileCase, format: readonly string[], result: RunResult): string[] {
  const found: string[] = [];
  if (![0, 1, 2].includes(result.code)) found.push(`exit ${result.code}`);
  const outside = openedOutside(result, c.assembly);
  if (outside.length > 0) found.push(`opened outside: ${outside.join(', ')}`);
  if ((result.stdout + result.stderr).includes(CANARY)) found.push('printed the canary');
  if (result.milliseconds > CASE_TIME_LIMIT_MS) found.push(`took ${result.milliseconds} ms`);
  const stderrLines = result.stderr === '' ? [] : result.stderr.replace(/\n$/, '').split('\n');
  if (stderrLines.some(line => !line.startsWith(PROGRAM_PREFIX))) found.push(`stderr not one line per message: ${JSON.stringify(result.stderr)}`);
  if (result.code === 2 && stderrLines.length !== 1) found.push(`exit 2 with ${stderrLines.length} stderr lines`);
  if (RAW_CONTROL.test(result.stderr)) found.push('raw control character on stderr');
  if (result.code !== 2) {
    if (format.includes('--json') || format.includes('--sarif')) {
      try {
        JSON.parse(result.stdout);
      } catch {
        found.push('stdout is not JSON');
      }
    } else if (RAW_CONTROL.test(result.stdout)) {
      found.push('raw control character in the table');
    }
  }
  return found;
}

test(`${RUNS} generated hostile assemblies, in process: exit 0/1/2, one-line errors, nothing read outside, bounded time`, () => {
  const internalErrors: string[] = [];
  fc.assert(fc.property(hostileAssembly, spec => {
    const c = materialize(spec);
    try {
      const result = runRecorded(['check', c.assembly, ...spec.format]);
      if (result.stderr.includes('internal error')) internalErrors.push(result.stderr);
      const found = problems(c, spec.format, result);
      if (found.length > 0) throw new Error(`${found.join('; ')}\nstdout: ${result.stdout.slice(0, 500)}\nstderr: ${result.stderr.slice(0, 500)}`);
    } finally {
      fs.rmSync(c.dir, { recursive: true, force: true });
    }
  }), { seed: SEED, numRuns: RUNS });
  // An input the command cannot handle is an input error with a message, not a crash of our own code.
  expect(internalErrors).toEqual([]);
});

test('a few of them through the real process, with FIFOs in the assembly: same properties, and no hang', () => {
  fc.assert(fc.property(hostileAssembly, fc.constantFrom('App.template.json', 'meta.json', 'sub/manifest.json', 'Nested.nested.template.json'), (spec, fifo) => {
    const c = materialize(spec);
    try {
      const target = path.join(c.assembly, fifo);
      fs.rmSync(target, { recursive: true, force: true });
      fs.mkdirSync(path.dirname(target), { recursive: true });
      spawnSync('mkfifo', [target]);
      const result = runProcess(['check', c.assembly, ...spec.format], { timeoutMs: 20_000 });
      const asRun: RunResult = { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, opened: [], milliseconds: 0 };
      const found = problems(c, spec.format, asRun);
      if (result.signal !== null) found.push(`killed by ${result.signal}`);
      if (found.length > 0) throw new Error(`${found.join('; ')}\nstderr: ${result.stderr.slice(0, 500)}`);
    } finally {
      fs.rmSync(c.dir, { recursive: true, force: true });
    }
  }), { seed: SEED, numRuns: 8 });
});
