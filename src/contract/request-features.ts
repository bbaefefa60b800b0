/**
 * The request features a write can carry that need an action besides `s3:PutObject`, and the action each one
 * implies: the one table the writer grants from and the analysis checks against, so the two cannot drift apart.
 *
 * - `x-amz-acl` needs `s3:PutObjectAcl`, `x-amz-tagging` needs `s3:PutObjectTagging` (Amazon S3 API Reference,
 *   "PutObject", Permissions: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html).
 * - The Object Lock headers need `s3:PutObjectRetention` and `s3:PutObjectLegalHold` ("Object Lock
 *   considerations", https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html).
 * - A multipart upload uses `s3:PutObject` for every step, and `s3:AbortMultipartUpload` to clean up a failed one
 *   ("Multipart upload API and permissions", https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html).
 */
import { RecordedRequestProfile } from './intent';

export type RequestFeature = 'acl' | 'tags' | 'objectLockRetention' | 'objectLockLegalHold' | 'multipart';

/** One row of the table: a request feature and the S3 action it implies. */
export interface FeatureAction {
  readonly feature: RequestFeature;
  readonly action: string;
  /**
   * False for an action the write does not need to succeed but the SDK calls when it fails (abort of a multipart
   * upload): the writer grants it, the analysis reports a missing one as a note, never a DENY.
   */
  readonly required: boolean;
}

/** The table, in the order the analysis evaluates and reports the actions. */
export const FEATURE_ACTIONS: readonly FeatureAction[] = [
  { feature: 'acl', action: 's3:PutObjectAcl', required: true },
  { feature: 'tags', action: 's3:PutObjectTagging', required: true },
  { feature: 'objectLockRetention', action: 's3:PutObjectRetention', required: true },
  { feature: 'objectLockLegalHold', action: 's3:PutObjectLegalHold', required: true },
  { feature: 'multipart', action: 's3:AbortMultipartUpload', required: false },
];

/** The part of a request profile the table reads. */
export type FeatureRequest = Pick<RecordedRequestProfile, 'acl' | 'tags' | 'objectLockMode' | 'objectLockLegalHold' | 'multipart'>;

/** True when the request sends an object-retention header (mode and retain-until date travel together). */
export function sendsRetention(request: FeatureRequest): boolean {
  return typeof request.objectLockMode === 'string' && request.objectLockMode.length > 0;
}

export function sendsLegalHold(request: FeatureRequest): boolean {
  return request.objectLockLegalHold === true;
}

export function sendsTags(request: FeatureRequest): boolean {
  return request.tags !== undefined && request.tags !== null && Object.keys(request.tags).length > 0;
}

export function sendsAcl(request: FeatureRequest): boolean {
  return typeof request.acl === 'string' && request.acl.length > 0;
}

const SENDS: Readonly<Record<RequestFeature, (request: FeatureRequest) => boolean>> = {
  acl: sendsAcl,
  tags: sendsTags,
  objectLockRetention: sendsRetention,
  objectLockLegalHold: sendsLegalHold,
  multipart: (request) => request.multipart === true,
};

/** The rows of the features the request carries, in table order. */
export function featureActions(request: FeatureRequest): FeatureAction[] {
  return FEATURE_ACTIONS.filter((row) => SENDS[row.feature](request));
}

/** The action a feature implies. */
export function actionFor(feature: RequestFeature): string {
  return FEATURE_ACTIONS.find((row) => row.feature === feature)!.action;
}

/**
 * The KMS actions S3 calls with the writer's credentials on an SSE-KMS bucket: `kms:GenerateDataKey` for every
 * upload, and `kms:Decrypt` too for a multipart one ("Multipart upload API and permissions",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html#mpuAndPermissions).
 */
export function kmsActionsFor(multipart: boolean): string[] {
  return multipart ? ['kms:GenerateDataKey', 'kms:Decrypt'] : ['kms:GenerateDataKey'];
}
