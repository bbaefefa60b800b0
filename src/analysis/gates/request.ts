/**
 * The request features the gates read, and the extra S3 actions each one makes the write need.
 */
import { RecordedRequestProfile } from '../intent';
import { CauseCode } from '../report';

/**
 * What each write request carries, as far as the gates care. Structurally a subset of `RecordedRequestProfile`
 * (pass the profile itself), plus `checksum`, which only the object-lock gate reads.
 */
export interface RequestFeatures extends Pick<RecordedRequestProfile,
'acl' | 'tags' | 'multipart' | 'objectLockMode' | 'objectLockLegalHold' | 'accessPoint' | 'requesterPays' | 'customerKey'> {
  /**
   * Whether the request carries Content-MD5 or an `x-amz-checksum-*` header.
   * @default undefined — not said; current AWS SDKs send a CRC32 checksum on PutObject by default
   */
  readonly checksum?: boolean;
}

/** An S3 action the write needs besides `s3:PutObject`, because of a request feature. */
export interface ImpliedAction {
  readonly action: string;
  /** The cause code when the IAM decision for this action is not an allow. */
  readonly code: CauseCode;
  /** The request feature (header) that implies it, for messages. */
  readonly feature: string;
  /**
   * False for actions the write does not need to succeed but the SDK calls when it fails (abort of a
   * multipart upload): a missing permission is then worth a note, never a DENY.
   */
  readonly required: boolean;
}

/** True when the request sends an object-retention header (mode and retain-until date travel together). */
export function sendsRetention(request: RequestFeatures): boolean {
  return typeof request.objectLockMode === 'string' && request.objectLockMode.length > 0;
}

export function sendsLegalHold(request: RequestFeatures): boolean {
  return request.objectLockLegalHold === true;
}

export function sendsTags(request: RequestFeatures): boolean {
  return request.tags !== undefined && request.tags !== null && Object.keys(request.tags).length > 0;
}

/**
 * The extra actions a request profile implies. PutObject API reference, "Permissions": `s3:PutObjectAcl` to set
 * an ACL, `s3:PutObjectTagging` to set tags; Object Lock headers need `s3:PutObjectRetention` /
 * `s3:PutObjectLegalHold` [S3 User Guide, "Object Lock considerations"]; multipart uploads use `s3:PutObject` for
 * each step and `s3:AbortMultipartUpload` to clean up [S3 User Guide, "Multipart upload API and permissions"].
 */
export function impliedActions(request: RequestFeatures): ImpliedAction[] {
  const out: ImpliedAction[] = [];
  if (typeof request.acl === 'string' && request.acl.length > 0) {
    out.push({ action: 's3:PutObjectAcl', code: 'MISSING_ACL_PERMISSION', feature: `x-amz-acl: ${request.acl}`, required: true });
  }
  if (sendsTags(request)) {
    out.push({ action: 's3:PutObjectTagging', code: 'MISSING_TAGGING_PERMISSION', feature: 'x-amz-tagging', required: true });
  }
  if (sendsRetention(request)) {
    out.push({
      action: 's3:PutObjectRetention',
      code: 'MISSING_OBJECT_LOCK_PERMISSION',
      feature: `x-amz-object-lock-mode: ${request.objectLockMode}`,
      required: true,
    });
  }
  if (sendsLegalHold(request)) {
    out.push({
      action: 's3:PutObjectLegalHold',
      code: 'MISSING_OBJECT_LOCK_PERMISSION',
      feature: 'x-amz-object-lock-legal-hold: ON',
      required: true,
    });
  }
  if (request.multipart === true) {
    out.push({ action: 's3:AbortMultipartUpload', code: 'NO_IDENTITY_ALLOW', feature: 'multipart upload', required: false });
  }
  return out;
}
