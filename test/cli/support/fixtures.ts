import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Finding, Report } from '../../../src/analysis/report';

/** A fresh temporary directory, removed by `removeTempDirs`. */
const created: string[] = [];
export function tempDir(prefix = 'cli-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 1));
}

/** A template with one resource per logical ID, each with `aws:cdk:path` = `${stackPath}/${id}/Resource`. */
export function template(stackPath: string, ...logicalIds: string[]): unknown {
  return {
    Resources: Object.fromEntries(logicalIds.map(id => [id, {
      Type: 'AWS::S3::Bucket',
      Metadata: { 'aws:cdk:path': `${stackPath}/${id}/Resource` },
    }])),
  };
}

/** A stack artifact as the CDK writes it in manifest.json. */
export function stackArtifact(templateFile: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'aws:cloudformation:stack',
    environment: 'aws://unknown-account/unknown-region',
    properties: { templateFile },
    ...extra,
  };
}

export function nestedAssemblyArtifact(directoryName: string): Record<string, unknown> {
  return { type: 'cdk:cloud-assembly', properties: { directoryName, displayName: directoryName } };
}

export function manifest(artifacts: Record<string, unknown>): unknown {
  return { version: '55.0.0', artifacts };
}

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    function: 'App/Fn',
    role: 'App/Fn/ServiceRole',
    bucket: 'App/Bucket',
    keyPattern: 'incoming/*',
    intent: 'declared',
    verdict: 'ALLOW',
    causes: [],
    ...overrides,
  };
}

export function report(...findings: Finding[]): Report {
  return { version: 1, findings };
}

/** A DENY as the analysis reports the guide's "read-only role" story. */
export const DENY_NO_IDENTITY_ALLOW: Finding = finding({
  verdict: 'DENY',
  causes: [{
    code: 'NO_IDENTITY_ALLOW',
    message: 'no policy of App/Fn/ServiceRole allows s3:PutObject on App/Bucket incoming/*',
    location: 'App/Fn/ServiceRole/DefaultPolicy',
    statement: '#0',
    templatePath: 'App.template.json',
    logicalId: 'FnServiceRoleDefaultPolicy',
  }],
  fix: 'bucket.grantPut(fn, "incoming/*")',
  templatePath: 'App.template.json',
  logicalId: 'Fn',
});
