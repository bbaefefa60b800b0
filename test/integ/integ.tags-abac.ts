import { AppProps } from 'aws-cdk-lib';
import { SecureLambdaWriter } from '../../src';
import { DESTROYABLE_BUCKET, writerIntegApp, WriterIntegApp } from './support/integ-app';
import { writerFunctionProps } from './support/writer-code';

/**
 * Required object tags and ABAC: `team` must equal the writer role's own `team` tag (`${aws:PrincipalTag/team}`),
 * `classification` a literal; tags for policy management on what the writer creates. The object must carry both
 * tags, which the function sends in `x-amz-tagging` because the environment tells it to.
 */
export const REQUIRED_TAGS = { team: 'blue', classification: 'internal' };

export function buildTagsAbacApp(appProps?: AppProps): WriterIntegApp {
  return writerIntegApp({
    name: 'TagsAbac',
    build: (stack) => new SecureLambdaWriter(stack, 'Writer', {
      functionProps: writerFunctionProps(),
      bucketProps: DESTROYABLE_BUCKET,
      keyPrefix: 'teams/blue/',
      objectTags: REQUIRED_TAGS,
      principalTagKeys: ['team'],
      tags: { project: 'secure-lambda-writer-integ' },
    }),
    expectedHead: () => ({ ServerSideEncryption: 'AES256' }),
    expectedTags: REQUIRED_TAGS,
  }, appProps);
}

if (require.main === module) buildTagsAbacApp().app.synth();
