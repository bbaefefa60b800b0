import { builtinModules } from 'module';
import * as path from 'path';
import { REPO_ROOT, importSpecifiers, reachableSources } from './support/commands';

/**
 * The project's layering: src/cli may import src/analysis (and what it imports) only, and the package has no
 * runtime dependencies — so the command line must load nothing but our own code and Node's built-in modules
 * (no aws-cdk-lib, no constructs, no @aws-cdk/cloud-assembly-schema): it runs on apps that don't use the library.
 */
describe('what the command line loads', () => {
  const files = [...reachableSources([path.join(REPO_ROOT, 'src', 'cli', 'main.ts')])].map(f => path.relative(REPO_ROOT, f));

  test('only src/cli, src/analysis, src/iam and the pure part of src/contract', () => {
    expect(files).toContain('src/cli/run.ts');
    expect(files).toContain('src/analysis/analyze.ts');
    expect(files.filter(f => !/^src\/(cli|analysis|iam|contract)\//.test(f))).toEqual([]);
  });

  test('no package other than Node built-ins', () => {
    const packages = files.flatMap(f => importSpecifiers(path.join(REPO_ROOT, f))).filter(s => !s.startsWith('.'));
    expect(packages.length).toBeGreaterThan(0);
    expect(packages.filter(p => !builtinModules.includes(p.replace(/^node:/, '')))).toEqual([]);
  });
});
