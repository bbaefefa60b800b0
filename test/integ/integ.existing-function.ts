import { AppProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SecureLambdaWriter } from '../../src';
import { DESTROYABLE_BUCKET, writerIntegApp, WriterIntegApp } from './support/integ-app';
import { writerFunctionProps } from './support/writer-code';

/** A function the app already has, with its own role: the writer adds its policy and environment to it. */
export function buildExistingFunctionApp(appProps?: AppProps): WriterIntegApp {
  return writerIntegApp({
    name: 'ExistingFunction',
    build: (stack) => new SecureLambdaWriter(stack, 'Writer', {
      function: new lambda.Function(stack, 'Exporter', writerFunctionProps()),
      bucketProps: DESTROYABLE_BUCKET,
      keyPrefix: 'exports/',
    }),
    expectedHead: () => ({ ServerSideEncryption: 'AES256' }),
  }, appProps);
}

if (require.main === module) buildExistingFunctionApp().app.synth();
