import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { EncryptionChoice } from './encryption';
import { ObjectEncryption } from '../contract/object-encryption';

/**
 * A new bucket with secure defaults the user's `bucketProps` may refine (but not weaken: validateProps refuses
 * enforceSSL false and public read). Encryption comes from the writer's one choice.
 * Defaults follow S3's security best practices:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
 */
export function createBucket(
  scope: Construct, bucketProps: s3.BucketProps | undefined, encryption: EncryptionChoice, key: kms.IKey | undefined, objectLock: boolean,
): s3.Bucket {
  const kmsChosen = encryption.mode === ObjectEncryption.KMS;
  return new s3.Bucket(scope, 'Bucket', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    ...bucketProps,
    // Object Lock headers are rejected by a bucket without Object Lock, and it can only be turned on at creation.
    ...(objectLock ? { objectLockEnabled: true } : {}),
    enforceSSL: true,
    encryption: kmsChosen ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED,
    ...(kmsChosen ? { encryptionKey: key, bucketKeyEnabled: encryption.bucketKeyEnabled } : {}),
  });
}

/** A new customer managed key with rotation on (AwsSolutions-KMS5). */
export function createKey(scope: Construct): kms.Key {
  return new kms.Key(scope, 'Key', {
    enableKeyRotation: true,
    description: `Encrypts the objects written by the SecureLambdaWriter ${scope.node.path}`,
  });
}
