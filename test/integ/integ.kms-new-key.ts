import { AppProps } from 'aws-cdk-lib';
import { SecureLambdaWriter, ObjectEncryption } from '../../src';
import { DESTROYABLE_BUCKET, writerIntegApp, WriterIntegApp } from './support/integ-app';
import { writerFunctionProps } from './support/writer-code';

/**
 * SSE-KMS with a key the writer creates, an S3 Bucket Key, and a bucket policy that denies writes without the
 * encryption header and this key's ARN: the object must come back encrypted with exactly that key.
 */
export function buildKmsNewKeyApp(appProps?: AppProps): WriterIntegApp {
  return writerIntegApp({
    name: 'KmsNewKey',
    build: (stack) => new SecureLambdaWriter(stack, 'Writer', {
      functionProps: writerFunctionProps(),
      bucketProps: DESTROYABLE_BUCKET,
      keyPrefix: 'incoming/',
      encryption: ObjectEncryption.KMS,
      enforceEncryptionHeader: true,
    }),
    expectedHead: (writer) => ({
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: writer.encryptionKey!.keyArn,
      BucketKeyEnabled: true,
    }),
  }, appProps);
}

if (require.main === module) buildKmsNewKeyApp().app.synth();
