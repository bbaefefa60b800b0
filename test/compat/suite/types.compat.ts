import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CDK_VERSION } from './support/compat';

// The library's source type-checks against this run's aws-cdk-lib declarations: no API newer than the floor is used
// without going through src/compat (where it is looked up at run time).

const REPO = path.resolve(__dirname, '..', '..', '..');
const INSTALLED = path.join(REPO, 'test', 'compat', process.env.COMPAT_CDK ?? 'floor', 'node_modules');

test(`src/ type-checks against aws-cdk-lib ${CDK_VERSION}'s declarations`, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-types-'));
  const tsconfig = path.join(dir, 'tsconfig.json');
  fs.writeFileSync(tsconfig, JSON.stringify({
    extends: path.join(REPO, 'tsconfig.json'),
    compilerOptions: {
      noEmit: true,
      ignoreDeprecations: '6.0',
      baseUrl: REPO,
      typeRoots: [path.join(REPO, 'node_modules', '@types')],
      paths: {
        'aws-cdk-lib': [path.join(INSTALLED, 'aws-cdk-lib')],
        'aws-cdk-lib/*': [path.join(INSTALLED, 'aws-cdk-lib', '*')],
        'constructs': [path.join(INSTALLED, 'constructs')],
      },
    },
    include: [path.join(REPO, 'src', '**', '*.ts')],
  }));
  const result = spawnSync(path.join(REPO, 'node_modules', '.bin', 'tsc'), ['-p', tsconfig], { encoding: 'utf-8' });
  fs.rmSync(dir, { recursive: true, force: true });
  expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
  expect(result.status).toBe(0);
});
