import { AppProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SecureLambdaWriter, CannedAcl } from '../../src';
import { DESTROYABLE_BUCKET, writerIntegApp, WriterIntegApp } from './support/integ-app';
import { writerFunctionProps } from './support/writer-code';

/**
 * A bucket the app already has, with its own KMS key: the writer adds its statements to that bucket's policy
 * (only this writer may write under the prefix; the encryption header and key are required), allows the role on the
 * bucket's key, and sends the one ACL a BucketOwnerEnforced bucket accepts.
 */
export function buildExistingBucketApp(appProps?: AppProps): WriterIntegApp {
  return writerIntegApp({
    name: 'ExistingBucket',
    build: (stack) => {
      const bucket = new s3.Bucket(stack, 'Reports', {
        ...DESTROYABLE_BUCKET,
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: new kms.Key(stack, 'ReportsKey', { enableKeyRotation: true }),
        bucketKeyEnabled: true,
        enforceSSL: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      });
      return new SecureLambdaWriter(stack, 'Writer', {
        functionProps: writerFunctionProps(),
        bucket,
        keyPrefix: 'reports/',
        enforceEncryptionHeader: true,
        restrictPrefixToThisWriter: true,
        acl: CannedAcl.BUCKET_OWNER_FULL_CONTROL,
      });
    },
    expectedHead: (writer) => ({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: writer.bucket.encryptionKey!.keyArn }),
  }, appProps);
}

if (require.main === module) buildExistingBucketApp().app.synth();
