import * as fs from 'fs';
import * as path from 'path';
import {
  manifest, nestedAssemblyArtifact, removeTempDirs, stackArtifact, tempDir, template, writeJson,
} from './support/fixtures';
import { defaultAssemblyDirectory, loadAssembly, parseEnvironment } from '../../src/cli/assembly';
import { CliInputError } from '../../src/cli/errors';

afterAll(removeTempDirs);

function inputError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof CliInputError) return e.message;
    throw e;
  }
  throw new Error('expected a CliInputError');
}

/** Root stack `App`, a Stage `Prod` with stack `ProdApi`, and inside it a Stage `Prod/Eu` with `ProdEuDb`. */
function nestedAssembly(): string {
  const dir = tempDir();
  writeJson(path.join(dir, 'manifest.json'), manifest({
    'assembly-Prod': nestedAssemblyArtifact('assembly-Prod'),
    'App': stackArtifact('App.template.json', { displayName: 'App' }),
    'App.assets': { type: 'cdk:asset-manifest', properties: { file: 'App.assets.json' } },
    'Tree': { type: 'cdk:tree', properties: { file: 'tree.json' } },
  }));
  writeJson(path.join(dir, 'App.template.json'), template('App', 'Bucket'));
  writeJson(path.join(dir, 'assembly-Prod', 'manifest.json'), manifest({
    'assembly-Prod-Eu': nestedAssemblyArtifact('assembly-Prod-Eu'),
    'ProdApi': stackArtifact('ProdApi.template.json', {
      environment: 'aws://111111111111/eu-west-1',
      displayName: 'Prod/Api',
      properties: { templateFile: 'ProdApi.template.json', stackName: 'prod-api' },
    }),
  }));
  writeJson(path.join(dir, 'assembly-Prod', 'ProdApi.template.json'), template('Prod/Api', 'Fn'));
  writeJson(path.join(dir, 'assembly-Prod', 'assembly-Prod-Eu', 'manifest.json'), manifest({
    ProdEuDb: stackArtifact('ProdEuDb.template.json', { environment: 'aws://222222222222/unknown-region', displayName: 'Prod/Eu/Db' }),
  }));
  writeJson(path.join(dir, 'assembly-Prod', 'assembly-Prod-Eu', 'ProdEuDb.template.json'), template('Prod/Eu/Db', 'Table'));
  return dir;
}

describe('loadAssembly', () => {
  test('reads every stack, nested Stage assemblies included, with template paths relative to the root', () => {
    const dir = nestedAssembly();
    const { input, directory } = loadAssembly(dir);
    expect(directory).toBe(dir);
    expect(input.stacks.map(s => [s.artifactId, s.templatePath])).toEqual([
      ['ProdEuDb', 'assembly-Prod/assembly-Prod-Eu/ProdEuDb.template.json'],
      ['ProdApi', 'assembly-Prod/ProdApi.template.json'],
      ['App', 'App.template.json'],
    ]);
    const api = input.stacks.find(s => s.artifactId === 'ProdApi')!;
    expect(api.stackPath).toBe('Prod/Api');
    expect(api.stackName).toBe('prod-api');
    expect(api.account).toBe('111111111111');
    expect(api.region).toBe('eu-west-1');
    expect(api.template).toEqual(template('Prod/Api', 'Fn'));
  });

  test('an environment-agnostic stack has no account or region; the stack name defaults to the artifact ID', () => {
    const { input } = loadAssembly(nestedAssembly());
    const app = input.stacks.find(s => s.artifactId === 'App')!;
    expect(app.account).toBeUndefined();
    expect(app.region).toBeUndefined();
    expect(app.stackName).toBe('App');
    const db = input.stacks.find(s => s.artifactId === 'ProdEuDb')!;
    expect(db.account).toBe('222222222222');
    expect(db.region).toBeUndefined();
  });

  test('the manifest.json itself may be given instead of its directory', () => {
    const dir = nestedAssembly();
    expect(loadAssembly(path.join(dir, 'manifest.json')).input.stacks).toHaveLength(3);
  });

  test('without displayName the stack path comes from the shortest metadata key (inline or in the metadata file)', () => {
    const dir = tempDir();
    writeJson(path.join(dir, 'manifest.json'), manifest({
      Inline: stackArtifact('Inline.template.json', {
        metadata: { '/Stage/Inline/Fn/Resource': [], '/Stage/Inline': [] },
      }),
      FromFile: stackArtifact('FromFile.template.json', { additionalMetadataFile: 'FromFile.metadata.json' }),
      NoPath: stackArtifact('NoPath.template.json'),
    }));
    for (const name of ['Inline', 'FromFile', 'NoPath']) writeJson(path.join(dir, `${name}.template.json`), template(name));
    writeJson(path.join(dir, 'FromFile.metadata.json'), { '/Other/FromFile': [], '/Other/FromFile/Bucket/Resource': [] });
    const paths = loadAssembly(dir).input.stacks.map(s => s.stackPath);
    expect(paths).toEqual(['Stage/Inline', 'Other/FromFile', undefined]);
  });

  test('a manifest with no artifacts is an empty assembly, not an error', () => {
    const dir = tempDir();
    writeJson(path.join(dir, 'manifest.json'), { version: '55.0.0' });
    expect(loadAssembly(dir).input.stacks).toEqual([]);
  });

  test('a missing directory says to run cdk synth', () => {
    const missing = path.join(tempDir(), 'cdk.out');
    expect(inputError(() => loadAssembly(missing)))
      .toBe(`${missing} not found: run \`cdk synth\` first or pass the assembly directory`);
  });

  test('a directory without manifest.json says what was expected', () => {
    const dir = tempDir();
    expect(inputError(() => loadAssembly(dir))).toBe(
      `${path.join(dir, 'manifest.json')} not found (the cloud assembly manifest): run \`cdk synth\` first or pass the assembly directory`);
  });

  test('a CDK project directory gets a hint to its cdk.out', () => {
    const project = tempDir();
    fs.cpSync(nestedAssembly(), path.join(project, 'cdk.out'), { recursive: true });
    expect(inputError(() => loadAssembly(project))).toBe(
      `${path.join(project, 'manifest.json')} not found: ${project} is a CDK project, not its cloud assembly; did you mean ${path.join(project, 'cdk.out')}?`);
  });

  test('a file that is not a manifest is refused', () => {
    const file = path.join(tempDir(), 'template.json');
    fs.writeFileSync(file, '{}');
    expect(inputError(() => loadAssembly(file))).toMatch(/is a file, expected a cloud assembly directory/);
  });

  test('a corrupt manifest is one line naming the file', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{"version": "55.0.0", "artifacts": {');
    const message = inputError(() => loadAssembly(dir));
    expect(message).toMatch(new RegExp(`^${escape(path.join(dir, 'manifest.json'))} is not valid JSON \\(the cloud assembly manifest: `));
    expect(message).not.toContain('\n');
  });

  test.each([
    ['an array', []],
    ['an object without version', { artifacts: {} }],
  ])('a manifest that is %s is not a cloud assembly manifest', (_label, content) => {
    const dir = tempDir();
    writeJson(path.join(dir, 'manifest.json'), content);
    expect(inputError(() => loadAssembly(dir))).toMatch(/is not a cloud assembly manifest/);
  });

  test('malformed artifacts are input errors, not crashes', () => {
    const cases: [unknown, RegExp][] = [
      [{ version: '1', artifacts: [] }, /"artifacts" must be an object/],
      [manifest({ S: 'stack' }), /artifact "S" must be an object/],
      [manifest({ S: { type: 'aws:cloudformation:stack' } }), /stack "S" has no properties.templateFile/],
      [manifest({ N: { type: 'cdk:cloud-assembly', properties: {} } }), /nested assembly "N" has no properties.directoryName/],
    ];
    for (const [content, expected] of cases) {
      const dir = tempDir();
      writeJson(path.join(dir, 'manifest.json'), content);
      expect(inputError(() => loadAssembly(dir))).toMatch(expected);
    }
  });

  test('a missing template names the stack and says the assembly is incomplete', () => {
    const dir = nestedAssembly();
    const file = path.join(dir, 'assembly-Prod', 'ProdApi.template.json');
    fs.rmSync(file);
    expect(inputError(() => loadAssembly(dir)))
      .toBe(`${file} not found (template of stack ProdApi): the assembly is incomplete or corrupt: run \`cdk synth\` again`);
  });

  test('a missing nested assembly is an input error', () => {
    const dir = nestedAssembly();
    fs.rmSync(path.join(dir, 'assembly-Prod'), { recursive: true });
    expect(inputError(() => loadAssembly(dir))).toMatch(/assembly-Prod.manifest\.json not found .*run `cdk synth` again/);
  });

  test('a template that is not a JSON object is refused', () => {
    const dir = tempDir();
    writeJson(path.join(dir, 'manifest.json'), manifest({ S: stackArtifact('S.template.json') }));
    fs.writeFileSync(path.join(dir, 'S.template.json'), '"just a string"');
    expect(inputError(() => loadAssembly(dir))).toMatch(/S.template.json is not a CloudFormation template/);
  });

  test('a nested assembly that points back at an ancestor is read once', () => {
    const dir = tempDir();
    writeJson(path.join(dir, 'manifest.json'), manifest({
      Self: nestedAssemblyArtifact('.'),
      S: stackArtifact('S.template.json'),
    }));
    writeJson(path.join(dir, 'S.template.json'), template('S', 'B'));
    expect(loadAssembly(dir).input.stacks.map(s => s.artifactId)).toEqual(['S']);
  });

  test('the same artifact ID in two assemblies: the root keeps it, the nested one is prefixed with its directory', () => {
    const dir = tempDir();
    // The CDK lists nested assemblies first.
    writeJson(path.join(dir, 'manifest.json'), manifest({
      Nested: nestedAssemblyArtifact('nested'),
      S: stackArtifact('S.template.json'),
    }));
    writeJson(path.join(dir, 'S.template.json'), template('S'));
    writeJson(path.join(dir, 'nested', 'manifest.json'), manifest({ S: stackArtifact('S.template.json') }));
    writeJson(path.join(dir, 'nested', 'S.template.json'), template('Nested/S'));
    expect(loadAssembly(dir).input.stacks.map(s => s.artifactId)).toEqual(['nested/S', 'S']);
  });
});

describe('defaultAssemblyDirectory', () => {
  test('cdk.out, or the output directory cdk.json names (as `cdk synth` reads it)', () => {
    const project = tempDir();
    expect(defaultAssemblyDirectory(project)).toBe('cdk.out');
    writeJson(path.join(project, 'cdk.json'), { app: 'npx ts-node bin/app.ts', output: 'build/assembly' });
    expect(defaultAssemblyDirectory(project)).toBe('build/assembly');
    fs.writeFileSync(path.join(project, 'cdk.json'), '{ not json');
    expect(defaultAssemblyDirectory(project)).toBe('cdk.out');
  });
});

describe('parseEnvironment', () => {
  test.each([
    ['aws://123456789012/us-east-1', { account: '123456789012', region: 'us-east-1' }],
    ['aws://unknown-account/unknown-region', { account: undefined, region: undefined }],
    ['aws://unknown-account/eu-west-1', { account: undefined, region: 'eu-west-1' }],
    ['not-an-environment', {}],
    [undefined, {}],
  ])('%s', (environment, expected) => {
    expect(parseEnvironment(environment)).toEqual(expected);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('CloudFormation nested stacks', () => {
  test('whose template is not in the assembly are listed by construct path, so the command can say they were not checked', () => {
    const dir = tempDir();
    writeJson(path.join(dir, 'manifest.json'), manifest({ Parent: stackArtifact('Parent.template.json', { displayName: 'Parent' }) }));
    writeJson(path.join(dir, 'Parent.template.json'), {
      Resources: {
        ChildNestedStackResource: {
          Type: 'AWS::CloudFormation::Stack',
          Metadata: {
            'aws:cdk:path': 'Parent/Child.NestedStack/Child.NestedStackResource',
            'aws:asset:path': 'ParentChild.nested.template.json',
          },
        },
        NoPath: { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': 'x.nested.template.json' } },
        External: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://example.com/t.json' } },
        Bucket: { Type: 'AWS::S3::Bucket' },
      },
    });
    // No nested template file is there, and External's template lives outside the assembly.
    expect(loadAssembly(dir).nestedStacks).toEqual(['Parent/Child', 'Parent/NoPath', 'Parent/External']);
  });

  test('none in an assembly without them', () => {
    expect(loadAssembly(nestedAssembly()).nestedStacks).toEqual([]);
  });
});
