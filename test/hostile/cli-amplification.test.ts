import * as fs from 'fs';
import * as path from 'path';
import {
  hostileCase, manifest, removeHostileCases, runProcess, runRecorded, stackArtifact, templateWithBucket, writeJson,
} from './support/cli-hostile';

/**
 * Issue #10, item 8: N stack artifacts naming one 5 MB template parsed it N times — 700 artifacts took 4 GB and
 * ended in a V8 out-of-memory abort. Each real path is now read and parsed once per run, whatever path spelling
 * or symbolic link leads to it.
 */

jest.setTimeout(120_000);
afterAll(removeHostileCases);

/** `count` stack artifacts, all naming `templateFile` (and one metadata file), in a fresh assembly. */
function sharedTemplateAssembly(count: number, templateFile: (i: number) => string = () => 'Shared.template.json') {
  const c = hostileCase();
  const artifacts = Object.fromEntries(Array.from({ length: count }, (_, i) => [
    `Stack${i}`, stackArtifact(templateFile(i), { additionalMetadataFile: 'Shared.metadata.json' }),
  ]));
  writeJson(path.join(c.assembly, 'manifest.json'), manifest(artifacts));
  writeJson(path.join(c.assembly, 'Shared.metadata.json'), { '/Shared': [{ type: 'aws:cdk:logicalId', data: 'Bucket' }] });
  return c;
}

test('each file is opened once, however many artifacts name it and however the path is spelled', () => {
  const spellings = ['Shared.template.json', './Shared.template.json', 'sub/../Shared.template.json', 'link.template.json'];
  const c = sharedTemplateAssembly(40, i => spellings[i % spellings.length]);
  writeJson(path.join(c.assembly, 'Shared.template.json'), templateWithBucket('Shared'));
  writeJson(path.join(c.assembly, 'sub', 'placeholder.json'), {});
  fs.symlinkSync('Shared.template.json', path.join(c.assembly, 'link.template.json'));
  const result = runRecorded(['check', c.assembly, '--json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  // By real path: a second read through link.template.json is a second read of the same file.
  const realOf = (f: string) => (fs.existsSync(f) ? fs.realpathSync(f) : f);
  const opens = (file: string) => result.opened.filter(f => realOf(f) === realOf(path.join(c.assembly, file))).length;
  expect(opens('Shared.template.json')).toBe(1);
  expect(opens('Shared.metadata.json')).toBe(1);
});

test('700 artifacts naming one 5 MB template: read once, in a 512 MB heap (it used to take 4 GB and abort)', () => {
  const c = sharedTemplateAssembly(700);
  writeJson(path.join(c.assembly, 'Shared.template.json'), { Description: 'x'.repeat(5 * 1024 * 1024), ...templateWithBucket('Shared') });
  const result = runProcess(['check', c.assembly], { timeoutMs: 90_000, nodeOptions: ['--max-old-space-size=512'] });
  expect(result.signal).toBeNull();
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/in 700 stacks/);
});
