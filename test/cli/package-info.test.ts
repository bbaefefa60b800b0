import * as path from 'path';
import { removeTempDirs, tempDir, writeJson } from './support/fixtures';
import { PACKAGE_NAME, packageInfo } from '../../src/cli/package-info';

/**
 * Issue #9: the tool version in SARIF (`driver.version`, `driver.semanticVersion`) and `--version` is the installed
 * package's version, found by name above the running code — not a fixed `../../package.json`, which in a bundle or
 * another layout is missing, or is the app's own.
 */

afterAll(removeTempDirs);

function installed(layout: Record<string, Record<string, unknown>>): string {
  const root = tempDir('cli-package-info-');
  for (const [dir, pkg] of Object.entries(layout)) writeJson(path.join(root, dir, 'package.json'), pkg);
  return root;
}

test('the package.json two levels above the code, as the build lays it out (lib/cli)', () => {
  const root = installed({ 'node_modules/cdk-secure-lambda-writer': { name: PACKAGE_NAME, version: '1.2.3', homepage: 'https://example.com/home' } });
  expect(packageInfo(path.join(root, 'node_modules', PACKAGE_NAME, 'lib', 'cli'))).toEqual({ version: '1.2.3', homepage: 'https://example.com/home' });
});

test('deeper, as a bundler may put it, and never the app\'s package.json on the way', () => {
  const root = installed({
    'vendor/tool': { name: PACKAGE_NAME, version: '2.0.1', repository: { url: 'git+https://github.com/o/r.git' } },
    'vendor/tool/dist/x': { name: 'my-app', version: '9.9.9' },
  });
  expect(packageInfo(path.join(root, 'vendor', 'tool', 'dist', 'x', 'y', 'z'))).toEqual({ version: '2.0.1', homepage: 'https://github.com/o/r' });
});

test('none of ours found: 0.0.0 and the project page, never another package\'s version', () => {
  const root = installed({ app: { name: 'my-app', version: '9.9.9' } });
  expect(packageInfo(path.join(root, 'app', 'lib', 'cli')).version).toBe('0.0.0');
});

test('from this repository, the version in its package.json', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  expect(packageInfo().version).toBe(require('../../package.json').version);
});
