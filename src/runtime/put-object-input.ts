/**
 * Build the `PutObject` input a SecureLambdaWriter's function must send, from the environment the construct set.
 *
 *     import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
 *     import { buildPutObjectInput } from 'cdk-secure-lambda-writer/lib/runtime/put-object-input';
 *
 *     await new S3Client({}).send(new PutObjectCommand({ ...buildPutObjectInput('2024/report.json'), Body: body }));
 *
 * The same input works for multipart uploads (`new Upload({ client, params: { ...input, Body } })` from
 * `@aws-sdk/lib-storage`). The helper has no dependency: it only reads environment variables, so the code's
 * headers are exactly what the construct's policies expect.
 */
import { DEFAULT_ENVIRONMENT_PREFIX, environmentName } from './environment-names';

/** The fields of `PutObjectCommandInput` the writer's policies care about, spelled as the AWS SDK v3 spells them. */
export interface WriterPutObjectInput {
  readonly Bucket: string;
  readonly Key: string;
  readonly ServerSideEncryption?: string;
  readonly SSEKMSKeyId?: string;
  readonly BucketKeyEnabled?: boolean;
  /** URL-encoded `k1=v1&k2=v2`, as `x-amz-tagging` expects. */
  readonly Tagging?: string;
  readonly ACL?: string;
  readonly ObjectLockMode?: string;
  readonly ObjectLockRetainUntilDate?: Date;
  readonly ObjectLockLegalHoldStatus?: string;
}

export interface BuildPutObjectInputOptions {
  /** Where to read the variables. Default: `process.env`. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** The construct's `environmentPrefix`. Default: `WRITER_`. */
  readonly environmentPrefix?: string;
  /** The time of the write, from which Object Lock retention counts. Default: now. */
  readonly now?: Date;
}

/**
 * @param relativeKey the object key under the writer's key prefix (the prefix is added here, so the key can never
 *   fall outside the prefix the policies allow).
 */
export function buildPutObjectInput(relativeKey: string, options: BuildPutObjectInputOptions = {}): WriterPutObjectInput {
  const env = options.environment ?? process.env;
  const prefix = options.environmentPrefix ?? DEFAULT_ENVIRONMENT_PREFIX;
  const read = (field: Parameters<typeof environmentName>[0]) => env[environmentName(field, prefix)];

  const bucket = read('bucketName');
  if (!bucket) {
    throw new Error(
      `${environmentName('bucketName', prefix)} is not set: this function is not wired by a SecureLambdaWriter ` +
      `(or its environmentPrefix is not '${prefix}').`,
    );
  }
  if (relativeKey.length === 0) throw new Error('buildPutObjectInput: the object key must not be empty.');

  const sse = read('serverSideEncryption');
  const keyArn = read('kmsKeyArn');
  const bucketKey = read('bucketKeyEnabled');
  const tags = read('objectTags');
  const acl = read('acl');
  const lockMode = read('objectLockMode');
  const lockDays = read('objectLockRetentionDays');
  const legalHold = read('objectLockLegalHold');

  return {
    Bucket: bucket,
    Key: `${read('keyPrefix') ?? ''}${relativeKey}`,
    ...(sse ? { ServerSideEncryption: sse } : {}),
    ...(keyArn ? { SSEKMSKeyId: keyArn } : {}),
    ...(bucketKey ? { BucketKeyEnabled: bucketKey === 'true' } : {}),
    ...(tags ? { Tagging: encodeTagging(parseTags(tags, environmentName('objectTags', prefix))) } : {}),
    ...(acl ? { ACL: acl } : {}),
    ...(lockMode ? { ObjectLockMode: lockMode, ObjectLockRetainUntilDate: retainUntil(lockDays, options.now ?? new Date(), prefix) } : {}),
    ...(legalHold ? { ObjectLockLegalHoldStatus: legalHold } : {}),
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

function retainUntil(days: string | undefined, now: Date, prefix: string): Date {
  const n = Number(days);
  if (!days || !Number.isInteger(n) || n < 1) {
    throw new Error(`${environmentName('objectLockRetentionDays', prefix)} must be a whole number of days, got ${JSON.stringify(days)}.`);
  }
  return new Date(now.getTime() + n * DAY_MS);
}

/** `x-amz-tagging` is a URL query string: each key and value percent-encoded. */
export function encodeTagging(tags: Readonly<Record<string, string>>): string {
  return Object.keys(tags)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(tags[k])}`)
    .join('&');
}

function parseTags(json: string, name: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    throw new Error(`${name} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${name} must be a JSON object of tag keys to values.`);
  }
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (typeof v !== 'string') throw new Error(`${name}: the value of tag '${k}' must be a string.`);
    tags[k] = v;
  }
  return tags;
}
