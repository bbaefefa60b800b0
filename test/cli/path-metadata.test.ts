import * as path from 'path';
import { manifest, removeTempDirs, stackArtifact, tempDir, writeJson } from './support/fixtures';
import { loadAssembly } from '../../src/cli/assembly';
import { constructPathsByLogicalId, withPathMetadata } from '../../src/cli/path-metadata';

afterAll(removeTempDirs);

const METADATA = {
  '/Prod/Api': [{ type: 'aws:cdk:templateFile', data: 'ProdApi.template.json' }],
  '/Prod/Api/Fn/Resource': [{ type: 'aws:cdk:logicalId', data: 'FnA1B2C3D4' }, { type: 'aws:cdk:creationStack', data: [] }],
  '/Prod/Api/Bucket/Resource': [{ type: 'aws:cdk:logicalId', data: 'BucketE5F6' }],
};

/** A template as `cdk synth --no-path-metadata` writes it. */
function bareTemplate(): Record<string, unknown> {
  return {
    Resources: {
      FnA1B2C3D4: { Type: 'AWS::Lambda::Function', Metadata: { 'cdk-secure-lambda-writer:write-intents': [] } },
      BucketE5F6: { Type: 'AWS::S3::Bucket' },
      Unlisted: { Type: 'AWS::SNS::Topic' },
    },
  };
}

describe('construct paths from the stack metadata', () => {
  test('logical ID → construct path, from aws:cdk:logicalId entries only', () => {
    expect([...constructPathsByLogicalId(METADATA)]).toEqual([['FnA1B2C3D4', 'Prod/Api/Fn/Resource'], ['BucketE5F6', 'Prod/Api/Bucket/Resource']]);
    expect(constructPathsByLogicalId('junk').size).toBe(0);
    expect(constructPathsByLogicalId({ '/A': 'not-a-list', '/B': [{ type: 'aws:cdk:logicalId', data: 7 }] }).size).toBe(0);
  });

  test('resources without aws:cdk:path get it; other metadata is kept; unknown resources are left alone', () => {
    const completed = withPathMetadata(bareTemplate(), METADATA) as { Resources: Record<string, { Metadata?: object }> };
    expect(completed.Resources.FnA1B2C3D4.Metadata).toEqual({
      'cdk-secure-lambda-writer:write-intents': [], 'aws:cdk:path': 'Prod/Api/Fn/Resource',
    });
    expect(completed.Resources.BucketE5F6.Metadata).toEqual({ 'aws:cdk:path': 'Prod/Api/Bucket/Resource' });
    expect(completed.Resources.Unlisted.Metadata).toBeUndefined();
  });

  test('a template that has its paths is returned as is', () => {
    const template = { Resources: { Fn: { Metadata: { 'aws:cdk:path': 'App/Fn/Resource' } } } };
    expect(withPathMetadata(template, METADATA)).toBe(template);
  });

  test('an existing path is never overwritten', () => {
    const template = { Resources: { FnA1B2C3D4: { Metadata: { 'aws:cdk:path': 'Kept/Path' } }, BucketE5F6: {} } };
    const completed = withPathMetadata(template, METADATA) as { Resources: Record<string, { Metadata: Record<string, string> }> };
    expect(completed.Resources.FnA1B2C3D4.Metadata['aws:cdk:path']).toBe('Kept/Path');
    expect(completed.Resources.BucketE5F6.Metadata['aws:cdk:path']).toBe('Prod/Api/Bucket/Resource');
  });

  test('the loader completes templates from additionalMetadataFile or inline metadata', () => {
    const dir = tempDir();
    writeJson(path.join(dir, 'manifest.json'), manifest({
      FromFile: stackArtifact('FromFile.template.json', { additionalMetadataFile: 'FromFile.metadata.json' }),
      Inline: stackArtifact('Inline.template.json', { metadata: METADATA }),
      Missing: stackArtifact('Missing.template.json', { additionalMetadataFile: 'nowhere.json' }),
    }));
    for (const name of ['FromFile', 'Inline', 'Missing']) writeJson(path.join(dir, `${name}.template.json`), bareTemplate());
    writeJson(path.join(dir, 'FromFile.metadata.json'), METADATA);
    const stacks = loadAssembly(dir).input.stacks as unknown as { template: { Resources: Record<string, { Metadata?: Record<string, unknown> }> } }[];
    const pathOf = (i: number) => stacks[i].template.Resources.BucketE5F6.Metadata?.['aws:cdk:path'];
    expect([pathOf(0), pathOf(1), pathOf(2)]).toEqual(['Prod/Api/Bucket/Resource', 'Prod/Api/Bucket/Resource', undefined]);
  });
});
