/**
 * Gate 2: Object Lock headers against the bucket's Object Lock setting, and the checksum an upload under a
 * retention period must carry. (The permissions the headers need, s3:PutObjectRetention / s3:PutObjectLegalHold,
 * are the IAM layer's question: see `impliedActions`.)
 */
import { CauseCode } from '../report';
import { BucketResource, bucketResource, isInApp, settingsOf } from './bucket';
import { fromGate, Gate, GateOutcome, guardGate } from './gate';
import { RequestFeatures, sendsLegalHold, sendsRetention } from './request';
import { isUnresolved } from '../model/property-values';

export interface ObjectLockGateInput {
  /** The request; `objectLockMode`, `objectLockLegalHold` and `checksum` are read. */
  readonly request: Pick<RequestFeatures, 'objectLockMode' | 'objectLockLegalHold' | 'checksum'>;
  /** The bucket written to. */
  readonly bucket: BucketResource;
}

/**
 * The cause code of a write S3 rejects because the bucket cannot honour its Object Lock headers. The catalogue has
 * no dedicated code; REQUEST_CONDITION ("the request carries something the bucket does not accept") is closest.
 */
export const OBJECT_LOCK_REQUEST_CODE: CauseCode = 'REQUEST_CONDITION';

const LOCK_PROP = 'ObjectLockEnabled (CDK: objectLockEnabled: true)';
const MODES = ['GOVERNANCE', 'COMPLIANCE'];

/** The gate: Object Lock headers and checksums against the bucket's Object Lock setting. */
export const objectLockGate: Gate = {
  name: 'Object Lock headers against the bucket\'s Object Lock',
  outcomes: (c) => checkObjectLock({ request: c.profile, bucket: bucketResource(c.bucket) }).map(fromGate),
};

export function checkObjectLock(input: ObjectLockGateInput): GateOutcome[] {
  const location = input?.bucket?.location;
  return guardGate('Object Lock', OBJECT_LOCK_REQUEST_CODE, location, () => decideObjectLock(input), (o) => [o]);
}

function headersSent(request: ObjectLockGateInput['request']): string[] {
  const sent: string[] = [];
  if (sendsRetention(request)) sent.push(`x-amz-object-lock-mode: ${request.objectLockMode}`);
  if (sendsLegalHold(request)) sent.push('x-amz-object-lock-legal-hold: ON');
  return sent;
}

function decideObjectLock(input: ObjectLockGateInput): GateOutcome[] {
  const { request, bucket } = input;
  const headers = headersSent(request);
  const base = { code: OBJECT_LOCK_REQUEST_CODE, location: bucket.location };
  const stopOrEnable = `Stop sending ${headers.join(' and ')}, or enable Object Lock on ${bucket.location} (${LOCK_PROP}).`;

  if (!isInApp(bucket)) {
    if (headers.length === 0) return [];
    return [{
      ...base,
      result: 'unknown',
      reason: `${bucket.location} is not a bucket of the app, so whether it has Object Lock enabled is unknown; the request sends ${headers.join(' and ')}, which fails with 400 InvalidRequest on a bucket without Object Lock`,
      fix: stopOrEnable,
    }];
  }
  const enabled = settingsOf(bucket).objectLockEnabled;
  if (isUnresolved(enabled)) {
    if (headers.length === 0) return [];
    return [{ ...base, result: 'unknown', reason: `${enabled.unresolved}; the request sends ${headers.join(' and ')}`, fix: stopOrEnable }];
  }
  if (!enabled.value) {
    if (headers.length === 0) return [];
    return [{
      ...base,
      result: 'deny',
      reason: `${bucket.location} does not have Object Lock enabled (ObjectLockEnabled ${enabled.defaulted ? 'not set' : 'false'}): ` +
        `the request's ${headers.join(' and ')} fails with 400 InvalidRequest ("Bucket is missing Object Lock Configuration")`,
      fix: stopOrEnable,
    }];
  }
  return [...modeOutcome(input), ...checksumOutcome(input)];
}

function modeOutcome(input: ObjectLockGateInput): GateOutcome[] {
  const mode = input.request.objectLockMode;
  if (!sendsRetention(input.request) || MODES.includes(mode as string)) return [];
  return [{
    result: 'unknown',
    code: OBJECT_LOCK_REQUEST_CODE,
    location: input.bucket.location,
    reason: `the request sends x-amz-object-lock-mode: ${mode}, which is neither GOVERNANCE nor COMPLIANCE; S3 rejects other modes`,
    fix: 'Send x-amz-object-lock-mode: GOVERNANCE or COMPLIANCE (with x-amz-object-lock-retain-until-date).',
  }];
}

/**
 * An upload that gets a retention period, from the request or from the bucket's default retention, must carry
 * Content-MD5 or an SDK checksum, else 400 [PutObject API reference, Content-MD5; S3 User Guide, "Object Lock"].
 */
function checksumOutcome(input: ObjectLockGateInput): GateOutcome[] {
  const { bucket, request } = input;
  const defaultMode = settingsOf(bucket).defaultRetentionMode;
  const hasDefault = typeof defaultMode === 'string';
  if (!sendsRetention(request) && !hasDefault) {
    if (isUnresolved(defaultMode) && request.checksum === false) {
      return [{
        result: 'unknown',
        code: OBJECT_LOCK_REQUEST_CODE,
        location: bucket.location,
        reason: `${defaultMode.unresolved}; if the bucket has a default retention, the request (sent without Content-MD5 or a checksum) fails with 400`,
        fix: 'Send Content-MD5 or a checksum header (AWS SDK: ChecksumAlgorithm: CRC32).',
      }];
    }
    return [];
  }
  const why = sendsRetention(request)
    ? `the request sends x-amz-object-lock-mode: ${request.objectLockMode}`
    : `${bucket.location} has a default retention (${defaultMode})`;
  const base = { code: OBJECT_LOCK_REQUEST_CODE, location: bucket.location };
  if (request.checksum === false) {
    return [{
      ...base,
      result: 'deny',
      reason: `${why}, so the object gets a retention period and the upload must carry Content-MD5 or an x-amz-checksum-* header; ` +
        'the request sends neither: 400 InvalidRequest',
      fix: 'Send Content-MD5 or a checksum header (AWS SDK: ChecksumAlgorithm: CRC32; current SDKs do this by default).',
    }];
  }
  return [{
    ...base,
    result: 'pass',
    reason: `${why}, so the upload must carry Content-MD5 or an x-amz-checksum-* header` +
      (request.checksum === true ? ', which the request does' : '; assumed: current AWS SDKs send a CRC32 checksum by default'),
  }];
}
