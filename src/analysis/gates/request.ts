/**
 * The request features the gates read, and the extra S3 actions each one makes the write need (from the contract's
 * table, which the writer grants from).
 */
import { RecordedRequestProfile } from '../../contract/intent';
import { featureActions, RequestFeature } from '../../contract/request-features';
import { CauseCode } from '../report';

/**
 * What each write request carries, as far as the gates care. Structurally a subset of `RecordedRequestProfile`
 * (pass the profile itself), plus `checksum`, which only the object-lock gate reads.
 */
export interface RequestFeatures extends Pick<RecordedRequestProfile,
'acl' | 'tags' | 'multipart' | 'objectLockMode' | 'objectLockLegalHold' | 'accessPoint' | 'requesterPays' | 'sseCustomerKey'> {
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

export { sendsLegalHold, sendsRetention, sendsTags } from '../../contract/request-features';

/** The cause code of a missing permission for each feature's action. */
const CODES: Readonly<Record<RequestFeature, CauseCode>> = {
  acl: 'MISSING_ACL_PERMISSION',
  tags: 'MISSING_TAGGING_PERMISSION',
  objectLockRetention: 'MISSING_OBJECT_LOCK_PERMISSION',
  objectLockLegalHold: 'MISSING_OBJECT_LOCK_PERMISSION',
  multipart: 'NO_IDENTITY_ALLOW',
};

/** The header (with its value) that carries each feature, for messages. */
const HEADERS: Readonly<Record<RequestFeature, (request: RequestFeatures) => string>> = {
  acl: (request) => `x-amz-acl: ${request.acl}`,
  tags: () => 'x-amz-tagging',
  objectLockRetention: (request) => `x-amz-object-lock-mode: ${request.objectLockMode}`,
  objectLockLegalHold: () => 'x-amz-object-lock-legal-hold: ON',
  multipart: () => 'multipart upload',
};

/**
 * The extra actions a request profile implies: the contract's table (src/contract/request-features.ts, which the
 * writer grants from too), with the cause code and the header each one reports.
 */
export function impliedActions(request: RequestFeatures): ImpliedAction[] {
  return featureActions(request).map((row) => ({
    action: row.action,
    code: CODES[row.feature],
    feature: HEADERS[row.feature](request),
    required: row.required,
  }));
}
