import { AppProps } from 'aws-cdk-lib';
import { SecureLambdaWriter } from '../../src';
import { DESTROYABLE_BUCKET, writerIntegApp, WriterIntegApp } from './support/integ-app';
import { writerFunctionProps } from './support/writer-code';

/** The defaults: a new function and a new bucket, SSE-S3, writes under `incoming/`. */
export function buildS3ManagedApp(appProps?: AppProps): WriterIntegApp {
  return writerIntegApp({
    name: 'S3Managed',
    build: (stack) => new SecureLambdaWriter(stack, 'Writer', {
      functionProps: writerFunctionProps(),
      bucketProps: DESTROYABLE_BUCKET,
      keyPrefix: 'incoming/',
    }),
    expectedHead: () => ({ ServerSideEncryption: 'AES256' }),
  }, appProps);
}

if (require.main === module) buildS3ManagedApp().app.synth();
