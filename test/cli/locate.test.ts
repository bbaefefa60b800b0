import { template } from './support/fixtures';
import { lineOfLogicalId, resourceLocator } from '../../src/cli/locate';

describe('resourceLocator', () => {
  const locate = resourceLocator([
    { artifactId: 'ProdApi', stackPath: 'Prod/Api', stackName: 'prod-api', templatePath: 'assembly-Prod/ProdApi.template.json', template: template('Prod/Api', 'Fn', 'Bucket') },
    { artifactId: 'Bare', stackName: 'Bare', templatePath: 'Bare.template.json', template: { Resources: { Topic: { Type: 'AWS::SNS::Topic' } } } },
    { artifactId: 'Broken', stackName: 'Broken', templatePath: 'Broken.template.json', template: { Resources: 'nope' } },
  ]);

  test('finds a resource by its aws:cdk:path, and an L2 construct by its default child', () => {
    const fn = { templatePath: 'assembly-Prod/ProdApi.template.json', logicalId: 'Fn' };
    expect(locate('Prod/Api/Fn/Resource')).toEqual(fn);
    expect(locate('Prod/Api/Fn')).toEqual(fn);
  });

  test('finds Stack/LogicalId by stack path, artifact ID or stack name (templates without path metadata)', () => {
    expect(locate('Bare/Topic')).toEqual({ templatePath: 'Bare.template.json', logicalId: 'Topic' });
    expect(locate('prod-api/Bucket')).toEqual({ templatePath: 'assembly-Prod/ProdApi.template.json', logicalId: 'Bucket' });
  });

  test('unknown paths are not found', () => {
    expect(locate('Prod/Api/Nothing')).toBeUndefined();
  });
});

describe('lineOfLogicalId', () => {
  const text = '{\n "Parameters": {\n  "Fn": {}\n },\n "Resources": {\n  "Bucket": {\n   "Properties": { "X": { "Ref": "Fn" } }\n  },\n  "Fn": {\n  }\n }\n}';

  test('the line of the key under Resources, not a Parameter of the same name or a Ref to it', () => {
    expect(lineOfLogicalId(text, 'Fn')).toBe(9);
    expect(lineOfLogicalId(text, 'Bucket')).toBe(6);
  });

  test('1 when it is not there, or when there are no Resources', () => {
    expect(lineOfLogicalId(text, 'Missing')).toBe(1);
    expect(lineOfLogicalId('{}', 'Fn')).toBe(1);
  });

  test('logical IDs are matched literally', () => {
    expect(lineOfLogicalId('{"Resources": {\n"A.B": {}}}', 'A.B')).toBe(2);
    expect(lineOfLogicalId('{"Resources": {\n"AxB": {}}}', 'A.B')).toBe(1);
  });
});
