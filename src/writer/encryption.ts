import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { WriterPropError } from './errors';
import { SecureLambdaWriterProps } from './props';
import { ObjectEncryption } from '../contract/object-encryption';

/** The encryption decided once for the whole writer. */
export interface EncryptionChoice {
  /** `S3_MANAGED` or `KMS`: `validateProps` has refused the members the writer cannot write. */
  readonly mode: ObjectEncryption;
  /** The key for KMS: given, the existing bucket's, or (for a new bucket) undefined until the writer creates one. */
  readonly key?: kms.IKey;
  /** Whether the writer must create the key (KMS, new bucket, no key given). */
  readonly createKey: boolean;
  readonly bucketKeyEnabled: boolean;
}

/**
 * Decide the encryption from the props and the existing bucket (if any). Fails, naming the prop, when the
 * choice contradicts the bucket's own key or cannot be carried out (KMS on an imported bucket without a key).
 */
export function chooseEncryption(scope: IConstruct, props: SecureLambdaWriterProps, existing?: s3.IBucket, imported = false): EncryptionChoice {
  const bucketKey = existing?.encryptionKey;
  const mode = props.encryption ?? (props.encryptionKey || bucketKey ? ObjectEncryption.KMS : ObjectEncryption.S3_MANAGED);

  if (mode === ObjectEncryption.S3_MANAGED) {
    if (bucketKey) {
      throw new WriterPropError(scope, 'encryption',
        `S3_MANAGED was asked for, but the bucket ${existing!.node.path} encrypts with a KMS key; objects would bypass that key.`,
        'set encryption: ObjectEncryption.KMS (or leave it unset) to write with the bucket\'s key.');
    }
    return { mode, createKey: false, bucketKeyEnabled: false };
  }

  if (props.encryptionKey && bucketKey && props.encryptionKey !== bucketKey) {
    throw new WriterPropError(scope, 'encryptionKey',
      `it differs from the key of the bucket ${existing!.node.path}; the writer and the bucket must use one key.`,
      'remove encryptionKey to use the bucket\'s key, or pass the bucket\'s own key.');
  }
  const key = props.encryptionKey ?? bucketKey;
  if (!key && existing) {
    throw new WriterPropError(scope, 'encryptionKey',
      imported
        ? 'encryption is KMS but the imported bucket carries no key (Bucket.fromBucketName/Arn cannot know it).'
        : `encryption is KMS but the bucket ${existing.node.path} has no customer managed key to write with.`,
      'pass encryptionKey (e.g. kms.Key.fromKeyArn(...)), or import the bucket with Bucket.fromBucketAttributes({ encryptionKey }).');
  }
  return { mode, key, createKey: !key && !existing, bucketKeyEnabled: props.bucketKeyEnabled ?? true };
}
