import { Match } from '@aws-cdk/integ-tests-alpha';
import { AppProps } from 'aws-cdk-lib';
import { SecureLambdaWriter, ObjectEncryption } from '../../src';
import { MIN_PART_BYTES } from './handlers/writer-handler';
import { DESTROYABLE_BUCKET, OBJECT_BODY, writerIntegApp, WriterIntegApp } from './support/integ-app';
import { writerFunctionProps } from './support/writer-code';

/**
 * Multipart upload with SSE-KMS: UploadPart needs `kms:Decrypt` and a failed upload is aborted
 * (`s3:AbortMultipartUpload`), the two extras `multipart: true` grants. A two-part object has an ETag ending `-2`.
 */
export function buildMultipartApp(appProps?: AppProps): WriterIntegApp {
  return writerIntegApp({
    name: 'Multipart',
    build: (stack) => new SecureLambdaWriter(stack, 'Writer', {
      functionProps: writerFunctionProps(),
      bucketProps: DESTROYABLE_BUCKET,
      keyPrefix: 'uploads/',
      encryption: ObjectEncryption.KMS,
      multipart: true,
    }),
    multipart: true,
    expectedHead: (writer) => ({
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: writer.encryptionKey!.keyArn,
      ContentLength: MIN_PART_BYTES + Buffer.byteLength(OBJECT_BODY),
      ETag: Match.stringLikeRegexp('-2"$'),
    }),
  }, appProps);
}

if (require.main === module) buildMultipartApp().app.synth();
