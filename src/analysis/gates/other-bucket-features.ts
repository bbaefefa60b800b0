/**
 * Gate 6: bucket features that fail a write for reasons other than policies — SSE-C against
 * `BlockedEncryptionTypes`, Requester Pays across accounts, and directory buckets (out of scope).
 */
import { BucketResource, bucketResource, DIRECTORY_BUCKET_TYPE, isInApp, settingsOf } from './bucket';
import { fromGate, Gate, GateOutcome, guardGate } from './gate';
import { RequestFeatures } from './request';
import { globMatch } from '../../iam/match/glob';
import { Tri } from '../../iam/tri';
import { AnalysisEnvironment } from '../input';
import { isUnresolved } from '../model/property-values';
import { reservedBucketName } from '../model/reserved-names';
import { BucketModel } from '../model/types';

export interface OtherFeaturesGateInput {
  /** The request; `sseCustomerKey` (SSE-C headers) and `requesterPays` (`x-amz-request-payer`) are read. */
  readonly request: Pick<RequestFeatures, 'sseCustomerKey' | 'requesterPays'>;
  /** The bucket written to. */
  readonly bucket: BucketResource;
  /**
   * The bucket's literal name, when known (a bucket outside the app is recognised as a directory bucket by its
   * `--x-s3` suffix).
   * @default undefined
   */
  readonly bucketName?: string;
  /** Whether the function's account owns the bucket ('unknown' when an account is not known). */
  readonly sameAccount: Tri;
  /**
   * Whether the bucket has Requester Pays on — CloudFormation cannot set it, so only the environment
   * (`requesterPaysBuckets`) can say.
   * @default undefined — not said: assumed off (it is off unless the owner turns it on); for a bucket outside the
   * app that may belong to another account, the assumption is stated in a note
   */
  readonly bucketRequesterPays?: boolean;
}

/** The catalogue has no code for these request-feature failures; REQUEST_CONDITION is the closest. */
const CODE = 'REQUEST_CONDITION' as const;
const BLOCKED_PROP = 'BucketEncryption.ServerSideEncryptionConfiguration[].BlockedEncryptionTypes (CDK: blockedEncryptionTypes)';

/** The gate: SSE-C against BlockedEncryptionTypes, Requester Pays, and buckets that are not general purpose. */
export const otherBucketFeaturesGate: Gate = {
  name: 'SSE-C, Requester Pays and directory buckets',
  outcomes: (c) => checkOtherBucketFeatures({
    request: c.profile,
    bucket: bucketResource(c.bucket),
    bucketName: c.bucket.name,
    sameAccount: globMatch(c.role.account, c.bucket.account, { wildcards: false }),
    bucketRequesterPays: requesterPaysSetting(c.bucket, c.environment),
  }).map(fromGate),
};

/** `requesterPaysBuckets[name]` (a boolean, or "true"/"false" from a command line); undefined when not stated. */
export function requesterPaysSetting(bucket: Pick<BucketModel, 'name'>, environment: AnalysisEnvironment): boolean | undefined {
  const given = environment.requesterPaysBuckets;
  if (!given || !Object.prototype.hasOwnProperty.call(given, bucket.name)) return undefined;
  const value: unknown = given[bucket.name];
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return undefined;
}

export function checkOtherBucketFeatures(input: OtherFeaturesGateInput): GateOutcome[] {
  const location = input?.bucket?.location;
  return guardGate('bucket features', CODE, location, () => decide(input), (o) => [o]);
}

function decide(input: OtherFeaturesGateInput): GateOutcome[] {
  const directory = directoryBucket(input);
  if (directory) return [directory];
  return [...sseC(input), ...requesterPays(input)];
}

/** Directory buckets authorize through s3express:CreateSession sessions: a different model, not analysed. */
function directoryBucket(input: OtherFeaturesGateInput): GateOutcome | undefined {
  const { bucket } = input;
  const byType = bucket.type === DIRECTORY_BUCKET_TYPE;
  const byName = !isInApp(bucket) && typeof input.bucketName === 'string' && /--x-s3$/.test(input.bucketName);
  if (!byType && !byName) return reservedName(input);
  return {
    result: 'unknown',
    code: 'UNRESOLVED',
    location: bucket.location,
    reason: `${bucket.location} is an S3 directory bucket (${byType ? DIRECTORY_BUCKET_TYPE : 'name ends in --x-s3'}): writes are authorized ` +
      'through s3express:CreateSession and its session policies, which this checker does not analyse (out of scope)',
    fix: 'Check the role allows s3express:CreateSession on the directory bucket, and the bucket policy allows it.',
  };
}

/** A name outside the app with a suffix S3 reserves for something that is not a bucket (model/reserved-names.ts). */
function reservedName(input: OtherFeaturesGateInput): GateOutcome | undefined {
  const { bucket } = input;
  const why = !isInApp(bucket) && typeof input.bucketName === 'string' ? reservedBucketName(input.bucketName) : undefined;
  if (!why) return undefined;
  return {
    result: 'unknown',
    code: 'UNRESOLVED',
    location: bucket.location,
    reason: `${bucket.location} is not a general purpose bucket: ${why}; this checker analyses writes to general purpose buckets only (out of scope)`,
    fix: 'Declare the write against the bucket itself (and the access point in request.accessPoint), or check the authorization of that resource.',
  };
}

/**
 * SSE-C blocked: "any PutObject … request that specifies SSE-C encryption will be rejected with an HTTP 403
 * AccessDenied error"; since April 2026 S3 blocks SSE-C on every new general purpose bucket, and on existing
 * buckets of accounts that held no SSE-C objects [S3 User Guide, "Blocking or unblocking SSE-C for a general
 * purpose bucket"].
 */
function sseC(input: OtherFeaturesGateInput): GateOutcome[] {
  if (input.request.sseCustomerKey !== true) return [];
  const { bucket } = input;
  const base = { code: CODE, location: bucket.location };
  const fix = `Stop sending SSE-C headers (use SSE-S3 or SSE-KMS), or unblock SSE-C on ${bucket.location}: ${BLOCKED_PROP} = [NONE].`;
  if (!isInApp(bucket)) {
    return [{
      ...base,
      result: 'unknown',
      reason: `${bucket.location} is not a bucket of the app, so whether it blocks SSE-C is unknown (S3 blocks it by default since April 2026); the request sends SSE-C headers`,
      fix,
    }];
  }
  const blocked = settingsOf(bucket).blockedEncryptionTypes;
  if (isUnresolved(blocked)) return [{ ...base, result: 'unknown', reason: `${blocked.unresolved}; the request sends SSE-C headers`, fix }];
  if (blocked === undefined) {
    return [{
      ...base,
      result: 'unknown',
      reason: `${bucket.location} does not set BlockedEncryptionTypes: S3 blocks SSE-C on buckets created since April 2026 (and on older ones ` +
        'in accounts that held no SSE-C objects), so the request\'s SSE-C headers are most likely rejected with 403 AccessDenied',
      fix,
    }];
  }
  if (blocked.includes('SSE-C')) {
    return [{ ...base, result: 'deny', reason: `${bucket.location} blocks SSE-C (BlockedEncryptionTypes: ${blocked.join(', ')}): the request's SSE-C headers are rejected with 403 AccessDenied`, fix }];
  }
  return [{ ...base, result: 'pass', reason: `${bucket.location} does not block SSE-C (BlockedEncryptionTypes: ${blocked.join(', ') || 'empty'})` }];
}

/**
 * Requester Pays: a requester other than the bucket owner must send `x-amz-request-payer: requester`, else 403
 * [S3 User Guide, "Downloading objects from Requester Pays buckets" / "Using Requester Pays buckets"].
 */
function requesterPays(input: OtherFeaturesGateInput): GateOutcome[] {
  const { bucket, request } = input;
  if (request.requesterPays === true || input.sameAccount === 'true' || input.bucketRequesterPays === false) return [];
  const base = { code: CODE, location: bucket.location };
  const fix = 'Send x-amz-request-payer: requester (AWS SDK: RequestPayer: "requester") with each write, or have the bucket owner turn Requester Pays off.';
  if (input.bucketRequesterPays === true) {
    if (input.sameAccount === 'unknown') {
      return [{ ...base, result: 'unknown', reason: `${bucket.location} has Requester Pays on and it is not known whether the function's account owns it; the request does not send x-amz-request-payer`, fix }];
    }
    return [{ ...base, result: 'deny', reason: `${bucket.location} has Requester Pays on and belongs to another account: a write without x-amz-request-payer: requester is denied with 403`, fix }];
  }
  // CloudFormation cannot turn Requester Pays on, so a bucket the app creates is assumed not to have it. Buckets
  // are created with it off and few owners turn it on, so an external bucket is assumed off too, and said so:
  // an UNKNOWN on every cross-account write would drown the findings that matter.
  if (isInApp(bucket)) return [];
  const owner = input.sameAccount === 'false' ? 'belongs to another account' : 'may belong to another account';
  return [{
    ...base,
    result: 'pass',
    reason: `Requester Pays assumed off for ${bucket.location}: set \`requesterPaysBuckets\` in the checker's environment if it is on ` +
      `(the bucket ${owner}, so a write without x-amz-request-payer: requester would then be denied with 403)`,
  }];
}
