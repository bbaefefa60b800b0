import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { CASES } from './support/cases';
import { analyzeAssembly } from '../../src/analysis/analyze';

// The `cdk` lines of the remediation steps compile: every line the per-cause apps produce is put into a small
// TypeScript program with a stack, a function, a bucket, a key and a boundary in scope, and type-checked against
// aws-cdk-lib and this library.

const REPO = path.resolve(__dirname, '..', '..');

function cdkLines(): string[] {
  const lines = new Set<string>();
  for (const c of CASES) {
    for (const f of analyzeAssembly({ stacks: c.stacks }, c.environment).findings) {
      for (const step of f.remediation?.steps ?? []) if ('cdk' in step && step.cdk) lines.add(step.cdk);
    }
  }
  // The declarations and construct props a REQUEST step writes, beyond those of the cases.
  lines.add('WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: \'in/\', request: { encryption: ObjectEncryption.KMS, kmsKey: key, bucketKeyEnabled: true, acl: CannedAcl.BUCKET_OWNER_FULL_CONTROL, objectTags: { \'team\': \'a\' }, objectLockMode: s3.ObjectLockMode.GOVERNANCE } })');
  lines.add('new SecureLambdaWriter(stack, \'Writer\', { function: fn, bucket, keyPrefix: \'in/\', encryption: ObjectEncryption.KMS, encryptionKey: key, bucketKeyEnabled: true, acl: CannedAcl.BUCKET_OWNER_FULL_CONTROL, objectTags: { \'team\': \'a\' } })');
  return [...lines];
}

test('every cdk line of the remediation steps type-checks in a CDK program', () => {
  const lines = cdkLines();
  expect(lines.length).toBeGreaterThan(8);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wac-snippets-'));
  try {
    const file = path.join(dir, 'snippets.ts');
    const src = path.relative(dir, path.join(REPO, 'src')).split(path.sep).join('/');
    fs.writeFileSync(file, [
      'import { Stack } from \'aws-cdk-lib\';',
      'import * as ec2 from \'aws-cdk-lib/aws-ec2\';',
      'import * as iam from \'aws-cdk-lib/aws-iam\';',
      'import * as kms from \'aws-cdk-lib/aws-kms\';',
      'import * as lambda from \'aws-cdk-lib/aws-lambda\';',
      'import * as s3 from \'aws-cdk-lib/aws-s3\';',
      `import { CannedAcl, ObjectEncryption, SecureLambdaWriter, WriteAccessChecker } from '${src}';`,
      'declare const stack: Stack;',
      'declare const fn: lambda.Function;',
      'declare const bucket: s3.Bucket;',
      'declare const key: kms.Key;',
      'declare const boundary: iam.ManagedPolicy;',
      'declare const vpc: ec2.Vpc;',
      'declare const endpoint: ec2.GatewayVpcEndpoint;',
      'export const unused = [iam, kms, s3, CannedAcl, ObjectEncryption, SecureLambdaWriter, WriteAccessChecker, stack, fn, bucket, key, boundary, vpc, endpoint, ec2];',
      ...lines.map((line, i) => `export function step${i}(): void {\n  ${line};\n}`),
    ].join('\n'));
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      experimentalDecorators: true,
      typeRoots: [path.join(REPO, 'node_modules', '@types')],
      baseUrl: REPO,
      paths: { '*': [path.join(REPO, 'node_modules', '*')] },
    });
    const problems = ts.getPreEmitDiagnostics(program)
      .filter(d => d.file?.fileName === file)
      .map(d => `${ts.flattenDiagnosticMessageText(d.messageText, '\n')} in: ${d.file!.text.slice(d.start!, d.start! + 120).split('\n')[0]}`);
    expect(problems).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
