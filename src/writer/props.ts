import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CannedAcl } from '../contract/canned-acl';
import { ObjectEncryption } from '../contract/object-encryption';

/**
 * Properties of a SecureLambdaWriter: exactly one of `functionProps`/`function`, at most one of
 * `bucketProps`/`bucket`.
 */
export interface SecureLambdaWriterProps {
  /**
   * Properties of a new function. The writer gives it a dedicated least-privilege role and its own log group
   * (unless `logGroup` is set here), and adds the `WRITER_*` environment variables.
   *
   * `role` must not be set: use `function` to bring a function with your own role.
   *
   * @default - none: `function` must be given instead
   */
  readonly functionProps?: lambda.FunctionProps;

  /**
   * An existing function of this app (a `lambda.Function`, not an imported one). Its role must be a role of this
   * app, so the writer can add its statements to it; its log permissions are left as they are.
   *
   * @default - none: `functionProps` must be given instead
   */
  readonly function?: lambda.IFunction;

  /**
   * Properties of a new bucket, on top of secure defaults: Block Public Access on, TLS enforced (`enforceSSL`),
   * Object Ownership BucketOwnerEnforced, versioning on. Set encryption with this construct's `encryption`,
   * `encryptionKey` and `bucketKeyEnabled`, not here.
   *
   * @default - a new bucket with the secure defaults
   */
  readonly bucketProps?: s3.BucketProps;

  /**
   * An existing bucket: a bucket of this app (its policy gets the writer's statements), or an imported one
   * (`Bucket.fromBucketName/Arn/Attributes`), whose owner must add the statements the writer reports in
   * `ownerBucketPolicyStatements` and in a CfnOutput.
   *
   * @default - a new bucket (see `bucketProps`)
   */
  readonly bucket?: s3.IBucket;

  /**
   * The key prefix every object is written under, e.g. `incoming/`. Writes are allowed on `bucket/<prefix>*` only.
   * A literal string without `*`, `?` or `${`, not starting with `/`, without `.` or `..` path segments or control
   * and invisible (format, bidi) characters, and under 1,024 bytes of UTF-8; end it with `/` to mean a folder.
   *
   * @default '' - anywhere in the bucket
   */
  readonly keyPrefix?: string;

  /**
   * Server-side encryption of the objects (the same enum and name as the checker's `WriteRequestProfile.encryption`).
   * Chosen once: the bucket default (for a new bucket), the header the function sends, the identity policy, the key
   * policy and the bucket policy all follow it. The writer writes `S3_MANAGED` or `KMS`; `NONE` and `KMS_DSSE` are
   * refused at construction with a `WriterPropError` on `encryption`.
   *
   * @default - KMS when `encryptionKey` is given or the existing bucket has a key, otherwise S3_MANAGED
   */
  readonly encryption?: ObjectEncryption;

  /**
   * The KMS key for `ObjectEncryption.KMS`. Required with an imported bucket (its key cannot be read from the
   * bucket). An imported key's owner must add the statements in `ownerKeyPolicyStatements`.
   *
   * @default - the existing bucket's key, or a new key with rotation on for a new bucket
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Whether writes use an S3 Bucket Key (fewer KMS calls). Decides the `aws:s3:arn` encryption context the KMS
   * conditions expect: the bucket ARN with a Bucket Key, the object ARN without. KMS only.
   *
   * @default true with KMS
   */
  readonly bucketKeyEnabled?: boolean;

  /**
   * Add a bucket-policy Deny for writes under the prefix that do not send the encryption header (and, with KMS,
   * this key's ARN in `x-amz-server-side-encryption-aws-kms-key-id`). The writer's own requests always send them.
   *
   * @default false
   */
  readonly enforceEncryptionHeader?: boolean;

  /**
   * Tags every object must carry (`x-amz-tagging`; the same name as the checker's `WriteRequestProfile.objectTags`),
   * enforced with `s3:RequestObjectTag/<key>` and `s3:RequestObjectTagKeys` conditions; the function is told to
   * send them. Adds `s3:PutObjectTagging`.
   * At most 10 tags; keys of 1-128 and values of 0-256 characters (UTF-16 units) made of letters, numbers, spaces
   * and the characters underscore, period, colon, slash, equals, plus, hyphen and at sign (what S3 accepts in tags);
   * keys must not start with `aws:`.
   *
   * @default - no tags required, and `s3:PutObjectTagging` is not granted
   */
  readonly objectTags?: { [key: string]: string };

  /**
   * Keys of `objectTags` matched against the role's own tags (ABAC): the role is tagged `<key>=<value>`, the
   * identity policy requires `s3:RequestObjectTag/<key>` = `${aws:PrincipalTag/<key>}`, and the bucket policy denies
   * writes under the prefix whose tag differs from the writer's principal tag, so writers of different teams cannot
   * write each other's objects.
   *
   * @default - no principal-tag matching
   */
  readonly principalTagKeys?: string[];

  /**
   * The canned ACL the code sends in `x-amz-acl` (the same name as the checker's `WriteRequestProfile.acl`).
   * Grants `s3:PutObjectAcl` for that ACL only. Validated against the bucket: BucketOwnerEnforced accepts only
   * `BUCKET_OWNER_FULL_CONTROL`; Block Public Access rejects public ACLs.
   *
   * @default - no ACL is sent and `s3:PutObjectAcl` is not granted
   */
  readonly acl?: CannedAcl;

  /**
   * Whether the code uploads with multipart (the JavaScript SDK's lib-storage `Upload`). Adds `s3:AbortMultipartUpload`,
   * and `kms:Decrypt` with KMS (UploadPart decrypts the data key).
   *
   * @default false
   */
  readonly multipart?: boolean;

  /**
   * Object Lock retention every object is written with (`x-amz-object-lock-mode` and
   * `x-amz-object-lock-retain-until-date` = now + `objectLockRetentionDays`). Grants `s3:PutObjectRetention` for that
   * mode only. A new bucket gets Object Lock enabled; an existing bucket of the app must have it.
   *
   * @default - no retention headers, and `s3:PutObjectRetention` is not granted
   */
  readonly objectLockMode?: s3.ObjectLockMode;

  /**
   * Days of retention from the time of the write, with `objectLockMode`: a whole number from 1 to 36,500 (100 years).
   *
   * @default - required when `objectLockMode` is set
   */
  readonly objectLockRetentionDays?: number;

  /**
   * Put a legal hold on every object (`x-amz-object-lock-legal-hold: ON`). Grants `s3:PutObjectLegalHold`.
   *
   * @default false
   */
  readonly objectLockLegalHold?: boolean;

  /**
   * Add a bucket-policy Deny of `s3:PutObject` under the prefix for every principal except this writer's role.
   * Note: it also denies administrators and deployment tools under that prefix.
   *
   * @default false
   */
  readonly restrictPrefixToThisWriter?: boolean;

  /**
   * An S3 VPC endpoint the function's traffic goes through. Adds a bucket-policy Deny of the writer's role when
   * the request does not come through this endpoint (`aws:SourceVpce`). The function must be in a VPC.
   *
   * @default - no network-origin condition
   */
  readonly vpcEndpoint?: ec2.IVpcEndpoint;

  /**
   * Tags for policy management, applied to the resources the writer creates (role, function, log group, bucket,
   * key) and to nothing else.
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };

  /**
   * Prefix of the environment variable names, for a function wired by more than one writer.
   *
   * @default 'WRITER_'
   */
  readonly environmentPrefix?: string;

  /**
   * An alarm on access-denied errors in the function's log group: a metric filter matching the errors S3 and KMS
   * return to the function's writes (as the AWS SDKs log them), a metric, and an alarm on it — so the first
   * AccessDenied in production pages someone before a user reports it. Only for a function the writer creates
   * (`functionProps`): the writer then owns its log group. With `function`, construction fails with a
   * WriterPropError; add a `logs.MetricFilter` on that function's log group yourself.
   *
   * @default - no metric filter and no alarm
   */
  readonly accessDeniedAlarm?: AccessDeniedAlarmOptions;
}

/**
 * The access-denied alarm of a SecureLambdaWriter (`accessDeniedAlarm`). The alarm fires when the function logs at
 * least `threshold` access-denied errors in each of `evaluationPeriods` periods; periods without any are not
 * breaching.
 */
export interface AccessDeniedAlarmOptions {
  /**
   * CloudWatch namespace of the metric.
   *
   * @default 'SecureLambdaWriter'
   */
  readonly metricNamespace?: string;

  /**
   * Name of the metric.
   *
   * @default - 'AccessDenied-' followed by the writer's construct path with '/' replaced by '-'
   */
  readonly metricName?: string;

  /**
   * Access-denied log lines per period that fire the alarm.
   *
   * @default 1
   */
  readonly threshold?: number;

  /**
   * Length of one evaluation period.
   *
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;

  /**
   * Consecutive periods at or above the threshold before the alarm fires.
   *
   * @default 1
   */
  readonly evaluationPeriods?: number;

  /**
   * Actions when the alarm fires (e.g. an SNS topic action from aws-cdk-lib/aws-cloudwatch-actions).
   *
   * @default - no actions: the alarm only changes state
   */
  readonly alarmActions?: cloudwatch.IAlarmAction[];
}
