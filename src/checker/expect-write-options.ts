import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CannedAcl } from '../contract/canned-acl';
import { ObjectEncryption } from '../contract/object-encryption';

// The public enums live in the contract the writer shares; exported here under the same names (jsii follows this
// named form of re-export, not `export *` of a contract module).
export { CannedAcl } from '../contract/canned-acl';
export { ObjectEncryption } from '../contract/object-encryption';

/**
 * What each `PutObject` request of the function's code carries. Every field is optional; absent means what the
 * AWS SDK sends by default (no SSE header, no ACL, no tags, a single PUT over HTTPS).
 */
export interface WriteRequestProfile {
  /**
   * The `x-amz-server-side-encryption` header (the same enum and name as the writer's `encryption`).
   *
   * @default - no header; `ObjectEncryption.KMS` when `kmsKey` is given
   */
  readonly encryption?: ObjectEncryption;

  /**
   * The key sent in `x-amz-server-side-encryption-aws-kms-key-id`: a key of the app, an imported key
   * (`Key.fromKeyArn`) or an alias of a key of the app.
   *
   * @default - no key header: S3 uses the bucket's default key, or `aws/s3`
   */
  readonly kmsKey?: kms.IKey;

  /**
   * Whether the request asks for an S3 Bucket Key (`x-amz-server-side-encryption-bucket-key-enabled`).
   *
   * @default - no header: the bucket's setting applies
   */
  readonly bucketKeyEnabled?: boolean;

  /**
   * The canned ACL sent in `x-amz-acl`.
   *
   * @default - no ACL header
   */
  readonly acl?: CannedAcl;

  /**
   * The object tags sent in `x-amz-tagging` (the same name as the writer's `objectTags`).
   *
   * @default - no tags
   */
  readonly objectTags?: { [key: string]: string };

  /**
   * Whether the code uploads with multipart (lib-storage `Upload`, `TransferManager`), which also needs `kms:Decrypt`
   * on SSE-KMS buckets.
   *
   * @default false
   */
  readonly multipart?: boolean;

  /**
   * The `x-amz-object-lock-mode` header.
   *
   * @default - no Object Lock retention header
   */
  readonly objectLockMode?: s3.ObjectLockMode;

  /**
   * Whether the request sets `x-amz-object-lock-legal-hold: ON`.
   *
   * @default false
   */
  readonly objectLockLegalHold?: boolean;

  /**
   * The `x-amz-storage-class` header, e.g. `'STANDARD_IA'`.
   *
   * @default - no header (STANDARD)
   */
  readonly storageClass?: string;

  /**
   * The access point the code writes through: its ARN, or the construct path of a `CfnAccessPoint` of the app
   * (its `attrArn` works too).
   *
   * @default - the bucket itself
   */
  readonly accessPoint?: string;

  /**
   * Whether the request sends `x-amz-request-payer: requester`.
   *
   * @default false
   */
  readonly requesterPays?: boolean;

  /**
   * Whether the request sends SSE-C headers (a customer-provided key).
   *
   * @default false
   */
  readonly sseCustomerKey?: boolean;
}

/** A declared write intent: where the code writes, and what its requests carry. */
export interface ExpectWriteOptions {
  /**
   * The key prefix the code writes under, exactly as the code uses it (odd ones, like a leading `/`, included: the
   * intent describes the code, not a recommendation).
   *
   * @default '' - anywhere in the bucket
   */
  readonly keyPrefix?: string;

  /**
   * What each request carries.
   *
   * @default - the default SDK request: no SSE header, no ACL, no tags, HTTPS
   */
  readonly request?: WriteRequestProfile;
}
