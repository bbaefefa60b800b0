/**
 * The names of the environment variables SecureLambdaWriter sets on its function: the contract between the
 * policies it generates and the requests the function's code sends. The construct writes them and the runtime
 * helper reads them, both from this one list, so the two cannot drift.
 *
 * This file must import nothing: it is shipped for Lambda code, which has no aws-cdk-lib.
 */

/** The prefix every variable name starts with unless the construct's `environmentPrefix` says otherwise. */
export const DEFAULT_ENVIRONMENT_PREFIX = 'WRITER_';

/** Suffixes after the prefix: `WRITER_BUCKET_NAME`, `WRITER_KEY_PREFIX`, … */
export const ENVIRONMENT_SUFFIXES = {
  /** The bucket's name. */
  bucketName: 'BUCKET_NAME',
  /** The key prefix every object key must start with ('' = anywhere in the bucket). */
  keyPrefix: 'KEY_PREFIX',
  /** The `x-amz-server-side-encryption` value to send: `AES256` or `aws:kms`. */
  serverSideEncryption: 'SSE',
  /** The KMS key ARN to send in `x-amz-server-side-encryption-aws-kms-key-id` (SSE-KMS only). */
  kmsKeyArn: 'KMS_KEY_ARN',
  /** `true` or `false`: the `x-amz-server-side-encryption-bucket-key-enabled` value (SSE-KMS only). */
  bucketKeyEnabled: 'BUCKET_KEY_ENABLED',
  /** JSON object of the tags every object must carry (`x-amz-tagging`), when the writer requires tags. */
  objectTags: 'OBJECT_TAGS',
  /** The canned ACL to send in `x-amz-acl`, when the writer allows one. */
  acl: 'ACL',
  /** `GOVERNANCE` or `COMPLIANCE`: the `x-amz-object-lock-mode` to send. */
  objectLockMode: 'OBJECT_LOCK_MODE',
  /** Whole days: `x-amz-object-lock-retain-until-date` is the time of the write plus this. */
  objectLockRetentionDays: 'OBJECT_LOCK_RETENTION_DAYS',
  /** `ON`: the `x-amz-object-lock-legal-hold` to send. */
  objectLockLegalHold: 'OBJECT_LOCK_LEGAL_HOLD',
} as const;

export type EnvironmentField = keyof typeof ENVIRONMENT_SUFFIXES;

/** The full variable name of one field under a prefix. */
export function environmentName(field: EnvironmentField, prefix: string = DEFAULT_ENVIRONMENT_PREFIX): string {
  return `${prefix}${ENVIRONMENT_SUFFIXES[field]}`;
}
