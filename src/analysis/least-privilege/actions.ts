/**
 * The actions probed for excess: those that change or expose data or its protection (Service Authorization
 * Reference, "Actions defined by Amazon S3" and "Actions defined by AWS Key Management Service",
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html,
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html).
 * Metadata reads (GetBucketLocation, GetEncryptionConfiguration…) are left out: they expose no object and change
 * nothing, and reporting them would bury the excess that matters.
 */

/** Object-level actions (resource: an object ARN). */
export const OBJECT_ACTIONS: readonly string[] = [
  's3:PutObject',
  's3:GetObject',
  's3:GetObjectVersion',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:PutObjectAcl',
  's3:PutObjectVersionAcl',
  's3:PutObjectTagging',
  's3:DeleteObjectTagging',
  's3:PutObjectRetention',
  's3:PutObjectLegalHold',
  's3:BypassGovernanceRetention',
  's3:AbortMultipartUpload',
  's3:RestoreObject',
];

/** Bucket-level actions (resource: the bucket ARN). */
export const BUCKET_ACTIONS: readonly string[] = [
  's3:ListBucket',
  's3:ListBucketVersions',
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutBucketAcl',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketOwnershipControls',
  's3:PutEncryptionConfiguration',
  's3:PutBucketVersioning',
  's3:PutLifecycleConfiguration',
  's3:PutBucketObjectLockConfiguration',
  's3:PutReplicationConfiguration',
  's3:PutBucketCORS',
  's3:PutBucketWebsite',
  's3:DeleteBucket',
];

/** What makes a bucket without intent worth flagging: writing or deleting its data or the bucket. */
export const WRITE_OR_DELETE_ACTIONS: readonly string[] = [
  's3:PutObject',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
];

export const BUCKET_DELETE_ACTIONS: readonly string[] = ['s3:DeleteBucket', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'];

/** KMS actions on the key the writes use. */
export const KMS_ACTIONS: readonly string[] = [
  'kms:GenerateDataKey',
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:CreateGrant',
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
  'kms:DisableKey',
  'kms:UpdateKeyDescription',
  'kms:TagResource',
];

/** The KMS actions an SSE-KMS write makes S3 call (S3 User Guide, "Multipart upload API and permissions"). */
export function kmsActionsNeeded(multipart: boolean): string[] {
  return multipart ? ['kms:GenerateDataKey', 'kms:Decrypt'] : ['kms:GenerateDataKey'];
}
