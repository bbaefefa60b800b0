import * as fs from 'fs';
import * as path from 'path';
import { Build, buildForTests, cdkSynth, runCommand } from './support/commands';
import { manifest, removeTempDirs, stackArtifact, tempDir, writeJson } from './support/fixtures';
import { loadAssembly } from '../../src/cli/assembly';
import { nestedTemplateFiles, ownMetadata } from '../../src/cli/nested-stacks';

/**
 * CloudFormation nested stacks (`NestedStack`) in a synthesized assembly: their templates are assets next to the
 * parent's (`aws:asset:path` on the parent's AWS::CloudFormation::Stack resource, or the `aws:cdk:templateFile`
 * entry of the stack metadata), read as stacks of their own and linked to the parent resource, so values cross the
 * boundary (AWS::CloudFormation::Stack "Parameters" and `Fn::GetAtt … Outputs.X`). The app is test/cli/apps/nested-app.ts:
 * three writes across the boundary, broken (with the CLI's default metadata) and fixed (without path or asset metadata).
 */

jest.setTimeout(60_000);

let build: Build;
let workDir: string;
const out = (name: string) => path.join(workDir, name);

beforeAll(async () => {
  build = buildForTests();
  workDir = tempDir('cli-nested-');
  await Promise.all([
    cdkSynth(build, 'nested-app.ts', out('broken.out'), { variant: 'broken' }),
    // Without path or asset metadata: nested templates and construct paths must come from the stack metadata.
    cdkSynth(build, 'nested-app.ts', out('fixed.out'), { variant: 'fixed' }, ['--no-path-metadata', '--no-asset-metadata']),
  ]);
});
afterAll(removeTempDirs);

interface JsonFinding {
  function: string;
  bucket: string;
  verdict: string;
  templatePath?: string;
  causes: { code: string; location?: string; templatePath?: string }[];
}

function findings(assembly: string): { status: number | null; stderr: string; byFunction: Record<string, JsonFinding> } {
  const { status, stdout, stderr } = runCommand(build, ['check', assembly, '--json']);
  const byFunction = Object.fromEntries((JSON.parse(stdout).findings as JsonFinding[]).map(f => [f.function, f]));
  return { status, stderr, byFunction };
}

describe('the broken app: each write across a nested-stack boundary is judged, exit 1', () => {
  let broken: ReturnType<typeof findings>;
  beforeAll(() => {
    broken = findings(out('broken.out'));
  });

  test('the nested policy on the parent\'s role grants only reading: NO_IDENTITY_ALLOW', () => {
    const { status, stderr, byFunction } = broken;
    expect(status).toBe(1);
    expect(stderr).toBe('');
    expect(byFunction['Parent/Writer']).toMatchObject({ bucket: 'Parent/Bucket', verdict: 'DENY', causes: [{ code: 'NO_IDENTITY_ALLOW' }] });
  });

  test('the function in a nested stack, the parent\'s bucket denies: BUCKET_POLICY_DENY, in the nested template', () => {
    const worker = broken.byFunction['Parent/Compute/Worker'];
    expect(worker).toMatchObject({ bucket: 'Parent/Reports', verdict: 'DENY', causes: [{ code: 'BUCKET_POLICY_DENY', location: 'Parent/Reports/Policy' }] });
    expect(worker.templatePath).toMatch(/^ParentCompute[0-9A-F]{8}\.nested\.template\.json$/);
  });

  test('the bucket two nested stacks down in a Stage denies: BUCKET_POLICY_DENY, located in that template', () => {
    const uploader = broken.byFunction['Prod/Store/Uploader'];
    expect(uploader).toMatchObject({ bucket: 'Prod/Store/Data/Archive/Bucket', verdict: 'DENY' });
    expect(uploader.causes[0]).toMatchObject({ code: 'BUCKET_POLICY_DENY', location: 'Prod/Store/Data/Archive/Bucket/Policy' });
    expect(uploader.causes[0].templatePath).toMatch(/^assembly-Prod\/ProdStoreDataArchive[0-9A-F]{8}\.nested\.template\.json$/);
    expect(fs.existsSync(path.join(out('broken.out'), uploader.causes[0].templatePath!))).toBe(true);
  });
});

describe('the fixed app, synthesized without path or asset metadata', () => {
  test('every write ALLOW, named by construct path; exit 0, nothing said to be unchecked', () => {
    const { status, stderr, byFunction } = findings(out('fixed.out'));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(Object.values(byFunction).map(f => [f.function, f.bucket, f.verdict]).sort()).toEqual([
      ['Parent/Compute/Worker', 'Parent/Reports', 'ALLOW'],
      ['Parent/Writer', 'Parent/Bucket', 'ALLOW'],
      ['Prod/Store/Uploader', 'Prod/Store/Data/Archive/Bucket', 'ALLOW'],
    ]);
  });

  test('the nested templates are found from the stack metadata', () => {
    const parentTemplate = fs.readFileSync(path.join(out('fixed.out'), 'Parent.template.json'), 'utf8');
    expect(parentTemplate).not.toContain('aws:asset:path');
    expect(parentTemplate).not.toContain('aws:cdk:path');
    const { input, nestedStacks } = loadAssembly(out('fixed.out'));
    expect(nestedStacks).toEqual([]);
    expect(input.stacks.map(s => s.stackPath).sort()).toEqual([
      'Parent', 'Parent/Compute', 'Parent/Permissions', 'Prod/Store', 'Prod/Store/Data', 'Prod/Store/Data/Archive',
    ]);
  });
});

describe('reading nested templates from an assembly', () => {
  /** Parent deploys Child; Child deploys Grandchild. Logical IDs repeat across them, as the CDK's do. */
  function assembly(options: { assetPaths?: boolean; missing?: string } = {}): string {
    const dir = tempDir();
    const stackResource = (child: string, file: string, stackPath: string, parameters: Record<string, unknown> = {}) => ({
      Type: 'AWS::CloudFormation::Stack',
      Properties: { TemplateURL: 'https://example.com/x.json', Parameters: parameters },
      Metadata: options.assetPaths === false ? {} : { 'aws:asset:path': file, 'aws:cdk:path': `${stackPath}/${child}.NestedStack/${child}.NestedStackResource` },
    });
    const metadata = {
      '/Parent': [{ type: 'aws:cdk:templateFile', data: 'Parent.template.json' }],
      '/Parent/Bucket/Resource': [{ type: 'aws:cdk:logicalId', data: 'Bucket' }],
      '/Parent/Child.NestedStack/Child.NestedStackResource': [{ type: 'aws:cdk:logicalId', data: 'ChildResource' }],
      '/Parent/Child': [{ type: 'aws:cdk:templateFile', data: 'Child.nested.template.json' }],
      '/Parent/Child/Bucket/Resource': [{ type: 'aws:cdk:logicalId', data: 'Bucket' }],
      '/Parent/Child/Grandchild.NestedStack/Grandchild.NestedStackResource': [{ type: 'aws:cdk:logicalId', data: 'GrandchildResource' }],
      '/Parent/Child/Grandchild': [{ type: 'aws:cdk:templateFile', data: 'Grandchild.nested.template.json' }],
      '/Parent/Child/Grandchild/Bucket/Resource': [{ type: 'aws:cdk:logicalId', data: 'Bucket' }],
    };
    writeJson(path.join(dir, 'manifest.json'), manifest({
      Parent: stackArtifact('Parent.template.json', { displayName: 'Parent', environment: 'aws://111111111111/eu-west-1', metadata }),
    }));
    const templates: Record<string, unknown> = {
      'Parent.template.json': { Resources: { Bucket: { Type: 'AWS::S3::Bucket' }, ChildResource: stackResource('Child', 'Child.nested.template.json', 'Parent', { In: 'from-parent' }) } },
      'Child.nested.template.json': {
        Parameters: { In: { Type: 'String' } },
        Resources: { Bucket: { Type: 'AWS::S3::Bucket' }, GrandchildResource: stackResource('Grandchild', 'Grandchild.nested.template.json', 'Parent/Child') },
      },
      'Grandchild.nested.template.json': { Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } },
    };
    for (const [file, template] of Object.entries(templates)) if (file !== options.missing) writeJson(path.join(dir, file), template);
    return dir;
  }

  const pathsOf = (stack: { template: unknown }) =>
    Object.values((stack.template as any).Resources).map((r: any) => r.Metadata?.['aws:cdk:path']);

  test.each([true, false])('each nested template is a stack linked to its parent resource (asset metadata: %s)', (assetPaths) => {
    const { input, nestedStacks } = loadAssembly(assembly({ assetPaths }));
    expect(nestedStacks).toEqual([]);
    expect(input.stacks.map(s => [s.artifactId, s.stackPath, s.templatePath, s.nestedIn, s.account])).toEqual([
      ['Parent', 'Parent', 'Parent.template.json', undefined, '111111111111'],
      ['Parent/ChildResource', 'Parent/Child', 'Child.nested.template.json', { artifactId: 'Parent', logicalId: 'ChildResource' }, '111111111111'],
      ['Parent/ChildResource/GrandchildResource', 'Parent/Child/Grandchild', 'Grandchild.nested.template.json',
        { artifactId: 'Parent/ChildResource', logicalId: 'GrandchildResource' }, '111111111111'],
    ]);
    // The same logical ID `Bucket` in each template gets its own stack's construct path.
    expect(input.stacks.map(s => pathsOf(s)[0])).toEqual([
      'Parent/Bucket/Resource', 'Parent/Child/Bucket/Resource', 'Parent/Child/Grandchild/Bucket/Resource',
    ]);
  });

  test('a nested template missing from the assembly: its stack is listed as unchecked, the others are read', () => {
    const { input, nestedStacks } = loadAssembly(assembly({ missing: 'Grandchild.nested.template.json' }));
    expect(nestedStacks).toEqual(['Parent/Child/Grandchild']);
    expect(input.stacks.map(s => s.stackPath)).toEqual(['Parent', 'Parent/Child']);
  });

  test('a nested template that deploys itself is read once and reported unchecked, not followed forever', () => {
    const dir = tempDir();
    writeJson(path.join(dir, 'manifest.json'), manifest({ Parent: stackArtifact('Parent.template.json', { displayName: 'Parent' }) }));
    const selfDeploying = (file: string) => ({
      Resources: { Again: { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': file } } },
    });
    writeJson(path.join(dir, 'Parent.template.json'), selfDeploying('Loop.nested.template.json'));
    writeJson(path.join(dir, 'Loop.nested.template.json'), selfDeploying('Loop.nested.template.json'));
    const { input, nestedStacks } = loadAssembly(dir);
    expect(input.stacks.map(s => s.artifactId)).toEqual(['Parent', 'Parent/Again']);
    expect(nestedStacks).toEqual(['Parent/Again/Again']);
  });

  test('a nested template that is not JSON: exit 2 naming it, as for a stack template', () => {
    const dir = assembly();
    fs.writeFileSync(path.join(dir, 'Child.nested.template.json'), '{ not json');
    const { status, stdout, stderr } = runCommand(build, ['check', dir]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Child.nested.template.json');
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  test('the metadata of one stack leaves out its nested stacks\' entries', () => {
    const metadata = {
      '/P': [{ type: 'aws:cdk:templateFile', data: 'P.template.json' }],
      '/P/A/Resource': [],
      '/P/N': [{ type: 'aws:cdk:templateFile', data: 'N.json' }],
      '/P/N/B/Resource': [],
      '/P/N.NestedStack/R': [],
    };
    expect([...nestedTemplateFiles(metadata)]).toEqual([['P', 'P.template.json'], ['P/N', 'N.json']]);
    expect(Object.keys(ownMetadata(metadata, 'P', false) as object)).toEqual(['/P', '/P/A/Resource', '/P/N.NestedStack/R']);
    expect(Object.keys(ownMetadata(metadata, 'P/N', true) as object)).toEqual(['/P/N', '/P/N/B/Resource']);
  });
});
