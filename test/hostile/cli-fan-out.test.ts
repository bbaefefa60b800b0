import * as fs from 'fs';
import * as path from 'path';
import {
  errorLines, hostileCase, manifest, nestedAssemblyArtifact, nestedStackResource, removeHostileCases, runRecorded,
  stackArtifact, templateWithBucket, writeJson,
} from './support/cli-hostile';
import { loadAssembly } from '../../src/cli/assembly';
import { DEFAULT_LIMITS, DEFAULT_MAX_STACKS } from '../../src/cli/limits';

/**
 * Issue #10, item 9: nested stacks that each deploy the next twice (2^18 stacks from 19 templates) ended in
 * `Maximum call stack size exceeded` (a spread into `push`). The number of stacks read is bounded (default 10,000,
 * `--max-stacks`): past it, the run stops with one line saying so (exit 2), before any analysis. Nesting is walked
 * iteratively, so depth overflows nothing. Issue #11: a chain of nested assemblies did a realpath per level over the
 * whole path (cubic: depth 800 took 8 s here); real paths are now resolved one directory at a time and cached.
 */

jest.setTimeout(120_000);
afterAll(removeHostileCases);

/** Stack App deploys Level0 `width` times; Level<i> deploys Level<i+1> `width` times, `depth` levels down. */
function nestedFanOut(depth: number, width: number): string {
  const c = hostileCase();
  writeJson(path.join(c.assembly, 'manifest.json'), manifest({ App: stackArtifact('App.template.json', { displayName: 'App' }) }));
  const deploying = (file: string) => ({
    Resources: Object.fromEntries(Array.from({ length: width }, (_, i) => [`Copy${i}`, nestedStackResource(file)])),
  });
  writeJson(path.join(c.assembly, 'App.template.json'), deploying('Level0.nested.template.json'));
  for (let level = 0; level < depth; level++) {
    const next = level + 1 < depth ? deploying(`Level${level + 1}.nested.template.json`) : templateWithBucket('Leaf');
    writeJson(path.join(c.assembly, `Level${level}.nested.template.json`), next);
  }
  return c.assembly;
}

const boundLine = (assembly: string, max: number) => `cdk-secure-lambda-writer: ${assembly}: more than ${max} stacks, nested stacks and ` +
  'nested assemblies (each deployment of a nested template counts): refused; --max-stacks raises the bound';

test(`2^18 nested stacks from 19 templates: stopped at the bound (${DEFAULT_MAX_STACKS}) with one line, exit 2, in seconds`, () => {
  const assembly = nestedFanOut(18, 2);
  const { code, stdout, stderr, milliseconds } = runRecorded(['check', assembly]);
  expect(stdout).toBe('');
  expect(code).toBe(2);
  expect(errorLines(stderr)).toEqual([boundLine(assembly, DEFAULT_MAX_STACKS)]);
  expect(milliseconds).toBeLessThan(30_000);
});

test('--max-stacks sets the bound; under it, every deployment is a stack', () => {
  const assembly = nestedFanOut(5, 3);
  // App and 3 + 9 + 27 + 81 + 243 nested stacks.
  const stacks = 1 + 3 + 9 + 27 + 81 + 243;
  expect(loadAssembly(assembly).input.stacks).toHaveLength(stacks);
  expect(errorLines(runRecorded(['check', assembly, '--max-stacks', String(stacks - 1)]).stderr)).toEqual([boundLine(assembly, stacks - 1)]);
  expect(runRecorded(['check', assembly, '--max-stacks', String(stacks), '--json']).code).toBe(0);
});

test('a chain of 9,000 nested stacks, each deploying the next: read without overflowing the call stack', () => {
  const assembly = nestedFanOut(9_000, 1);
  const { input, nestedStacks } = loadAssembly(assembly);
  expect(input.stacks).toHaveLength(9_001);
  expect(nestedStacks).toEqual([]);
  expect(input.stacks[9_000].nestedIn?.logicalId).toBe('Copy0');
});

test('stack artifacts and nested assemblies count against the bound too', () => {
  const c = hostileCase();
  writeJson(path.join(c.assembly, 'manifest.json'), manifest(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`S${i}`, stackArtifact('S.template.json')]))));
  writeJson(path.join(c.assembly, 'S.template.json'), templateWithBucket('S'));
  expect(() => loadAssembly(c.assembly, { ...DEFAULT_LIMITS, maxStacks: 29 })).toThrow(/more than 29 stacks, nested stacks and nested assemblies/);
  expect(loadAssembly(c.assembly, { ...DEFAULT_LIMITS, maxStacks: 30 }).input.stacks).toHaveLength(30);
});

describe('issue #11: a chain of nested assemblies is read in time linear in its depth', () => {
  /** Each assembly's only artifact is the next, one directory down; the last holds one stack. */
  function nestedAssemblyChain(depth: number): string {
    const c = hostileCase();
    let dir = c.assembly;
    for (let i = 0; i < depth; i++) {
      writeJson(path.join(dir, 'manifest.json'), manifest({ Next: nestedAssemblyArtifact('a') }));
      dir = path.join(dir, 'a');
      fs.mkdirSync(dir);
    }
    writeJson(path.join(dir, 'manifest.json'), manifest({ Last: stackArtifact('Last.template.json') }));
    writeJson(path.join(dir, 'Last.template.json'), templateWithBucket('Last'));
    return c.assembly;
  }

  test('depth 1,000 in a few seconds (it took 8 s at depth 800, 100 s at 1,700)', () => {
    const assembly = nestedAssemblyChain(1_000);
    const started = Date.now();
    const { input } = loadAssembly(assembly);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(input.stacks.map(s => s.artifactId)).toEqual(['Last']);
    expect(input.stacks[0].templatePath).toBe(`${'a/'.repeat(1_000)}Last.template.json`);
  });
});
