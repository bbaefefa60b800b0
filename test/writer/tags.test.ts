import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { functionProps, newStack, onlyResource, synthWriter } from './support/fixtures';
import { ObjectEncryption, SecureLambdaWriter } from '../../src';

function tagsOf(resource: any): Record<string, string> {
  return Object.fromEntries((resource.Properties?.Tags ?? []).map((t: any) => [t.Key, t.Value]));
}

describe('tags for policy management and ABAC (IAM "Controlling access using tags")', () => {
  test('`tags` reach every resource the writer creates', () => {
    const { template } = synthWriter({ tags: { costCenter: 'cc-1' }, encryption: ObjectEncryption.KMS });
    for (const type of ['AWS::IAM::Role', 'AWS::Lambda::Function', 'AWS::Logs::LogGroup', 'AWS::S3::Bucket', 'AWS::KMS::Key']) {
      expect([type, tagsOf(onlyResource(template, type).resource).costCenter]).toEqual([type, 'cc-1']);
    }
  });

  test('`tags` do not touch resources the writer did not create', () => {
    const { stack } = newStack();
    const bucket = new s3.Bucket(stack, 'AppBucket');
    const fn = new lambda.Function(stack, 'Fn', functionProps());
    new SecureLambdaWriter(stack, 'W', { function: fn, bucket, tags: { costCenter: 'cc-1' } });
    const template = Template.fromStack(stack);
    expect(tagsOf(onlyResource(template, 'AWS::S3::Bucket').resource).costCenter).toBeUndefined();
    expect(tagsOf(onlyResource(template, 'AWS::Lambda::Function').resource).costCenter).toBeUndefined();
  });

  test('principalTagKeys tag the role with the object tag values, also an adopted role; other tags do not reach it', () => {
    const { template } = synthWriter({ objectTags: { team: 'blue', env: 'prod' }, principalTagKeys: ['team'] });
    expect(tagsOf(onlyResource(template, 'AWS::IAM::Role').resource)).toEqual({ team: 'blue' });

    const { stack } = newStack();
    const fn = new lambda.Function(stack, 'Fn', functionProps());
    new SecureLambdaWriter(stack, 'W', { function: fn, objectTags: { team: 'red' }, principalTagKeys: ['team'] });
    expect(tagsOf(onlyResource(Template.fromStack(stack), 'AWS::IAM::Role').resource)).toEqual({ team: 'red' });
  });

  test('without principalTagKeys the role carries no ABAC tag', () => {
    const { template } = synthWriter({ objectTags: { team: 'blue' } });
    expect(tagsOf(onlyResource(template, 'AWS::IAM::Role').resource)).toEqual({});
  });
});
