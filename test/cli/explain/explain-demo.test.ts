import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { ACL_NOT_SUPPORTED_MESSAGE, DEMO, boto3, explicit, implicit, javaV2, jsV3, kmsExtended, s3Extended } from './denial-messages';
import { buildDemoStacks } from '../../../examples/demo-app';
import { loadAssembly } from '../../../src/cli/assembly';
import { explainDenial } from '../../../src/cli/explain/explain-denial';
import { parseDenial } from '../../../src/cli/explain/parse-denial';
import { removeTempDirs, tempDir } from '../support/fixtures';

/** explain on the example app's broken assembly: each message form mapped to the function, bucket and cause. */

jest.setTimeout(60_000);
let assemblyDir: string;
let fixedAssemblyDir: string;
function synthDemo(fixed: boolean): string {
  const dir = path.join(tempDir('explain-demo-'), 'cdk.out');
  const app = new App({ outdir: dir });
  buildDemoStacks(app, fixed);
  app.synth();
  return dir;
}
beforeAll(() => {
  assemblyDir = synthDemo(false);
  fixedAssemblyDir = synthDemo(true);
});
afterAll(removeTempDirs);

function explain(text: string, dir = assemblyDir) {
  const denial = parseDenial(text);
  if (!denial) throw new Error('fixture not parsed');
  return explainDenial(loadAssembly(dir).input, {}, denial);
}

test('read-only role: no identity-based policy allows → that function, bucket and NO_IDENTITY_ALLOW; they agree', () => {
  const { role, fn, bucket } = DEMO.readOnly;
  const result = explain(jsV3('AccessDenied', s3Extended(role, fn, bucket, 'results/2025/report.json', implicit('identity-based policy'))));
  expect(result.located).toMatchObject({ fn: { display: 'BrokenReadOnlyRole/Process' }, bucket: { display: 'BrokenReadOnlyRole/Results' }, confidence: 'likely' });
  expect(result.findings.map(f => [f.verdict, f.keyPattern, f.causes.map(c => c.code)])).toEqual([['DENY', 'results/2025/report.json*', ['NO_IDENTITY_ALLOW']]]);
  expect(result.agreement).toBe('agree');
  // The least grant that works: exactly s3:PutObject on that key, never a wildcard action.
  expect(result.remediation.join()).toMatch(/s3:PutObject/);
  expect(result.remediation.join()).not.toMatch(/s3:\*/);
});

test('bucket policy demands the SSE header: explicit deny in a resource-based policy → REQUEST_CONDITION; they agree', () => {
  const { role, fn, bucket } = DEMO.encryptionHeader;
  const result = explain(boto3('AccessDenied', s3Extended(role, fn, bucket, 'incoming/a.csv', explicit('resource-based policy'))));
  expect(result.located.fn?.display).toBe('BrokenEncryptionHeader/Ingest');
  expect(result.findings[0].causes.map(c => c.code)).toContain('REQUEST_CONDITION');
  expect(result.agreement).toBe('agree');
});

test('key policy forgets the role: KMS message via S3, no bucket in it → the function\'s KMS_KEY_POLICY finding; they agree', () => {
  const { role, fn, key } = DEMO.keyPolicy;
  const result = explain(javaV2('S3', kmsExtended(role, fn, key, implicit('resource-based policy', 'kms:GenerateDataKey'))));
  expect(result.located.fn?.display).toBe('BrokenKeyPolicy/Ingest');
  expect(result.findings.flatMap(f => f.causes.map(c => c.code))).toContain('KMS_KEY_POLICY');
  expect(result.agreement).toBe('agree');
});

test('AccessControlListNotSupported names no function: the findings with that cause (the ACL story)', () => {
  const result = explain(boto3('AccessControlListNotSupported', ACL_NOT_SUPPORTED_MESSAGE));
  expect(result.findings.map(f => f.function)).toEqual(['BrokenAcl/Publish']);
  expect(result.agreement).toBe('agree');
});

test('an SCP the templates cannot show: the templates deny for another reason here, so both are reported', () => {
  const { role, fn, bucket } = DEMO.readOnly;
  const result = explain(jsV3('AccessDenied', s3Extended(role, fn, bucket, 'results/x', explicit('service control policy'))));
  expect(result.agreement).toBe('templates-deny-otherwise');
});

test('templates allow (the fixed twin), AWS names an SCP or a VPC endpoint policy → outside the templates, and the option that brings it in', () => {
  const names = { role: 'FixedReadOnlyRole-ProcessServiceRole00BB9BEC-Q1w2E3r4T5y6', fn: 'FixedReadOnlyRole-ProcessCB70800C-a1B2c3D4e5F6', bucket: 'fixedreadonlyrole-results25575328-1a2b3c4d5e6f' };
  const scp = explain(jsV3('AccessDenied', s3Extended(names.role, names.fn, names.bucket, 'results/a.csv', explicit('service control policy'))), fixedAssemblyDir);
  expect(scp.findings.map(f => f.verdict)).toEqual(['ALLOW']);
  expect(scp.agreement).toBe('outside-templates');
  expect(scp.remediation.join()).toMatch(/--scp FILE/);
  const endpoint = explain(boto3('AccessDenied', s3Extended(names.role, names.fn, names.bucket, 'results/a.csv', implicit('VPC endpoint policy'))), fixedAssemblyDir);
  expect(endpoint.agreement).toBe('outside-templates');
  expect(endpoint.remediation.join()).toMatch(/vpcEndpoint/);
});

test('templates allow, AWS names the identity-based policy → the deployed stack differs (drift): what to compare', () => {
  const names = { role: 'FixedReadOnlyRole-ProcessServiceRole00BB9BEC-Q1w2E3r4T5y6', fn: 'FixedReadOnlyRole-ProcessCB70800C-a1B2c3D4e5F6', bucket: 'fixedreadonlyrole-results25575328-1a2b3c4d5e6f' };
  const result = explain(jsV3('AccessDenied', s3Extended(names.role, names.fn, names.bucket, 'results/a.csv', implicit('identity-based policy'))), fixedAssemblyDir);
  expect(result.agreement).toBe('drift');
  expect(result.remediation.join()).toMatch(/list-role-policies/);
});

test('a role and bucket the assembly does not hold → drift, and what to compare', () => {
  const result = explain(jsV3('AccessDenied', s3Extended('OtherStack-WriterRole-AAAA', 'OtherStack-Writer-BBBB', 'some-other-bucket', 'k', implicit('identity-based policy'))));
  expect(result.agreement).toBe('drift');
  expect(result.located.confidence).toBe('none');
  expect(result.remediation.join('\n')).toMatch(/get-function-configuration --function-name OtherStack-Writer-BBBB/);
});
