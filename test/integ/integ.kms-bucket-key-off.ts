import { AppProps } from 'aws-cdk-lib';
import { SecureLambdaWriter, ObjectEncryption } from '../../src';
import { DESTROYABLE_BUCKET, writerIntegApp, WriterIntegApp } from './support/integ-app';
import { writerFunctionProps } from './support/writer-code';

/**
 * SSE-KMS without an S3 Bucket Key: S3 asks KMS for a data key per object, with the object ARN as the
 * `aws:s3:arn` encryption context, which is what the writer's identity policy expects in this mode.
 * HeadObject omits `BucketKeyEnabled` for such objects, so the assertion checks the encryption and the key only.
 */
export function buildKmsBucketKeyOffApp(appProps?: AppProps): WriterIntegApp {
  return writerIntegApp({
    name: 'KmsBucketKeyOff',
    build: (stack) => new SecureLambdaWriter(stack, 'Writer', {
      functionProps: writerFunctionProps(),
      bucketProps: DESTROYABLE_BUCKET,
      keyPrefix: 'incoming/',
      encryption: ObjectEncryption.KMS,
      bucketKeyEnabled: false,
    }),
    expectedHead: (writer) => ({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: writer.encryptionKey!.keyArn }),
  }, appProps);
}

if (require.main === module) buildKmsBucketKeyOffApp().app.synth();
