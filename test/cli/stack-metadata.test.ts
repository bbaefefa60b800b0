import * as fc from 'fast-check';
import { StackMetadata } from '../../src/cli/stack-metadata';

/**
 * The split of a stack artifact's metadata between its top-level stack and its nested stacks is indexed once (a
 * tree of path segments) instead of filtering every key against every nested stack's path for every nested stack.
 * It must give exactly what the plain definition gives: an entry belongs to the deepest stack (a path with an
 * `aws:cdk:templateFile` entry) whose construct path contains it.
 */

/** The plain definition, quadratic, as the command line computed it before. */
function reference(metadata: Record<string, unknown>, stackPath: string | undefined, nested: boolean): Record<string, unknown> {
  const under = (key: string, p: string) => key === `/${p}` || key.startsWith(`/${p}/`);
  const stackPaths = Object.entries(metadata)
    .filter(([, entries]) => Array.isArray(entries) && entries.some(e => e?.type === 'aws:cdk:templateFile' && typeof e.data === 'string'))
    .map(([key]) => key.replace(/^\//, ''));
  const deeper = stackPaths.filter(p => stackPath !== undefined && p.startsWith(`${stackPath}/`));
  return Object.fromEntries(Object.entries(metadata).filter(([key]) =>
    (!nested || stackPath === undefined || under(key, stackPath)) && !deeper.some(p => under(key, p))));
}

const segment = fc.constantFrom('P', 'N', 'M', 'R', 'Resource', '', 'N.NestedStack');
const constructPath = fc.array(segment, { minLength: 1, maxLength: 4 }).map(s => s.join('/'));
const key = fc.oneof({ weight: 5, arbitrary: constructPath.map(p => `/${p}`) }, { weight: 1, arbitrary: constructPath });
const entries = fc.oneof(
  fc.constant([{ type: 'aws:cdk:templateFile', data: 'x.json' }]),
  fc.constant([{ type: 'aws:cdk:logicalId', data: 'Id' }]),
  fc.constant('not a list'),
);
const metadata = fc.dictionary(key, entries, { maxKeys: 12 });

test('top-level and nested entries are those of the plain definition, in the same order', () => {
  fc.assert(fc.property(metadata, fc.option(constructPath, { nil: undefined }), constructPath, (m, top, nested) => {
    const index = new StackMetadata(m);
    expect(Object.entries(index.topLevel(top) as object)).toEqual(Object.entries(reference(m, top, false)));
    expect(Object.entries(index.nested(nested) as object)).toEqual(Object.entries(reference(m, nested, true)));
  }), { seed: 11, numRuns: 500 });
});

test('metadata that is not an object is passed through as it is', () => {
  expect(new StackMetadata('nope').topLevel('P')).toBe('nope');
  expect(new StackMetadata(undefined).nested('P/N')).toBeUndefined();
});

test('a key named __proto__ is an entry like any other, not a prototype', () => {
  const m = JSON.parse('{"__proto__": [{"type": "aws:cdk:logicalId", "data": "X"}], "/P": []}');
  const top = new StackMetadata(m).topLevel('P') as Record<string, unknown>;
  expect(Object.keys(top)).toEqual(['__proto__', '/P']);
  expect(Object.getPrototypeOf(top)).toBe(Object.prototype);
});

test('linear in the size of the metadata: 4,000 nested stacks of 5 entries each split in well under a second', () => {
  const m: Record<string, unknown> = { '/P': [{ type: 'aws:cdk:templateFile', data: 'P.json' }] };
  for (let i = 0; i < 4_000; i++) {
    m[`/P/N${i}`] = [{ type: 'aws:cdk:templateFile', data: `N${i}.json` }];
    for (const r of ['A', 'B', 'C', 'D']) m[`/P/N${i}/${r}/Resource`] = [{ type: 'aws:cdk:logicalId', data: r }];
  }
  const started = Date.now();
  const index = new StackMetadata(m);
  expect(Object.keys(index.topLevel('P') as object)).toEqual(['/P']);
  for (let i = 0; i < 4_000; i++) expect(Object.keys(index.nested(`P/N${i}`) as object)).toHaveLength(5);
  expect(Date.now() - started).toBeLessThan(1_500);
});
