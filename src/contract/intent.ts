/**
 * The recorded write intent: what the writer and `WriteAccessChecker.expectWrite` store in CloudFormation resource
 * metadata on the function, and what every front end of the analysis (Aspect, validation plugin, command line over
 * cdk.out) reads back. Only construct paths, logical IDs and literal names are stored — never tokens — so recording
 * an intent changes nothing that deploys. Pure data: this file imports nothing, so the analysis (no CDK) can read it.
 */

/** Metadata key on the function's `AWS::Lambda::Function` resource; the value is `RecordedIntent[]`. */
export const INTENT_METADATA_KEY = 'cdk-secure-lambda-writer:write-intents';

/** How a recorded intent names its bucket. At least one field is set. */
export interface BucketReference {
  /** Construct path of the bucket's `AWS::S3::Bucket` resource, for a bucket of the app. */
  readonly constructPath?: string;
  /** Literal bucket name (imported buckets, or buckets with an explicit name). */
  readonly bucketName?: string;
  /** Literal bucket ARN. */
  readonly bucketArn?: string;
  /** Account that owns the bucket, if the user said so (imported buckets). */
  readonly account?: string;
  /** The bucket's region, if known. */
  readonly region?: string;
  /** Construct path of an imported KMS key the user associated with the bucket, or its literal ARN. */
  readonly encryptionKeyArn?: string;
}

/** What each request carries. Every field is optional; absent means "the default SDK request". */
export interface RecordedRequestProfile {
  /** 'AES256', 'aws:kms', 'aws:kms:dsse' (the values of `ObjectEncryption`), or undefined (no SSE header sent). */
  readonly serverSideEncryption?: string;
  /** The key ARN sent in `x-amz-server-side-encryption-aws-kms-key-id` (literal ARN or a key's construct path). */
  readonly sseKmsKeyId?: string;
  /** Construct path of the key named in the header, when it is a key of the app. */
  readonly sseKmsKeyPath?: string;
  /** Whether the request asks for an S3 Bucket Key (`x-amz-server-side-encryption-bucket-key-enabled`). */
  readonly bucketKeyEnabled?: boolean;
  /** Canned ACL sent in `x-amz-acl`. */
  readonly acl?: string;
  /** Object tags sent in `x-amz-tagging`. */
  readonly tags?: Readonly<Record<string, string>>;
  /** Whether the code uploads with multipart (lib-storage Upload, TransferManager). */
  readonly multipart?: boolean;
  /** Object Lock headers sent. */
  readonly objectLockMode?: string;
  readonly objectLockLegalHold?: boolean;
  /** Storage class header. */
  readonly storageClass?: string;
  /** The write goes through this access point (construct path of the CfnAccessPoint, or an access point ARN). */
  readonly accessPoint?: string;
  /** `x-amz-request-payer: requester` is sent. */
  readonly requesterPays?: boolean;
  /** SSE-C headers are sent (`x-amz-server-side-encryption-customer-algorithm` and the key). */
  readonly sseCustomerKey?: boolean;
  /** Set when the code is known to send HTTPS only (default true: every AWS SDK does). */
  readonly secureTransport?: boolean;
}

export interface RecordedIntent {
  readonly source: 'declared' | 'construct';
  readonly bucket: BucketReference;
  /** The key prefix the code writes under, exactly as the user gave it ('' = anywhere). */
  readonly keyPrefix: string;
  readonly request: RecordedRequestProfile;
  /** Construct path of the SecureLambdaWriter, for intents it recorded. */
  readonly writer?: string;
  /** Where the owner of an imported bucket/key must add statements (a CfnOutput's construct path), if any. */
  readonly ownerStatementsOutput?: string;
}

/**
 * A recorded request profile read back from metadata, in today's field names. Assemblies synthesized by 0.x
 * versions before the public vocabulary was unified hold `customerKey` for what is now `sseCustomerKey`; both are
 * read, the current name winning when both are present. Anything else is passed through as recorded (the readers
 * check each field's type).
 */
export function readRequestProfile(raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (!('customerKey' in raw)) return { ...raw };
  const { customerKey, ...rest } = raw;
  return 'sseCustomerKey' in rest ? rest : { ...rest, sseCustomerKey: customerKey };
}
