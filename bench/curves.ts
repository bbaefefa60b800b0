/**
 * `ts-node --transpile-only bench/curves.ts [--src DIR] [--sizes 1000,2000,4000] [--glob-sizes 4000,8000,16000]`: how the analysis's cost grows
 * with the two inputs issue #11 found super-linear, each doubled, so a curve reads off the ratios (linear: ×2 per
 * doubling; quadratic: ×4):
 *
 * - condition keys: one identity statement granting the write under N `StringEqualsIfExists` clauses, their keys
 *   spelled in another case than the request's (whole analysis of a one-function app, in memory);
 * - a wildcard pattern holding a generated bucket name against a key of N characters (the matcher alone, 20 × three
 *   shapes: another bucket's key, a value without atoms, the same bucket's key).
 *
 * `--src` points at another checkout's `src` (e.g. an older commit, unpacked) to measure it the same way.
 */
import * as path from 'path';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const src = path.resolve(option('--src', path.join(__dirname, '..', 'src')));
const sizes = option('--sizes', '1000,2000,4000').split(',').map(Number);
const globSizes = option('--glob-sizes', '4000,8000,16000').split(',').map(Number);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { analyzeAssembly } = require(path.join(src, 'analysis', 'analyze'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { globMatch } = require(path.join(src, 'iam', 'match', 'glob'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { atom } = require(path.join(src, 'iam', 'symbolic'));

function conditionKeyApp(keys: number): unknown {
  const condition: Record<string, string> = {};
  for (let i = 0; i < keys; i++) condition[`s3:RequestObjectTag/Key${i}`] = 'v';
  const template = {
    Resources: {
      Bucket: { Type: 'AWS::S3::Bucket' },
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } },
      },
      Grant: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'grant',
          Roles: [{ Ref: 'Role' }],
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{
              Effect: 'Allow', Action: 's3:PutObject', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] },
              Condition: { StringEqualsIfExists: condition },
            }],
          },
        },
      },
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: 'x' } },
      },
    },
  };
  return { stacks: [{ artifactId: 'Curve', stackName: 'Curve', templatePath: 'Curve.template.json', template, account: '111111111111', region: 'us-east-1' }] };
}

function time(run: () => unknown): number {
  const t = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

function main(): void {
  const rows = ['| curve | sizes n | seconds | growth per doubling |', '|---|---|---|---:|'];
  const curve = (label: string, ns: readonly number[], run: (n: number) => unknown) => {
    run(ns[0] / 4); // warm up the JIT
    const seconds = ns.map((n) => time(() => run(n)));
    const growth = seconds.slice(1).map((s, i) => (s / seconds[i]).toFixed(1)).join(', ');
    rows.push(`| ${label} | ${ns.join(', ')} | ${seconds.map((s) => s.toFixed(2)).join(', ')} | ×${growth} |`);
  };
  curve('condition keys in one statement (whole analysis)', sizes, (n) => analyzeAssembly(conditionKeyApp(n)));
  const a = atom('generated', 'App/BucketA.Name');
  const b = atom('generated', 'App/BucketB.Name');
  curve('wildcard pattern with a generated name vs a key of n characters', globSizes, (n) => {
    for (let i = 0; i < 20; i++) {
      globMatch(`${a}/${'x*'.repeat(n / 8)}y`, `${b}/${'x'.repeat(n)}`, { wildcards: true });
      globMatch(`*${a}*${'x*'.repeat(n / 8)}`, `${'x'.repeat(n)}`, { wildcards: true });
      globMatch(`${a}/${'x*'.repeat(n / 8)}y`, `${a}/${'x'.repeat(n)}y`, { wildcards: true });
    }
  });
  process.stdout.write(`\nsrc: ${src}\n\n${rows.join('\n')}\n`);
}

main();
