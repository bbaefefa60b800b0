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
 * headers are exactly what the construct's policies expect. Whatever it cannot turn into such a request (a key that
 * would leave the prefix, a variable the construct would never set) throws a `WriterInputError` naming the argument
 * or the variable, before any request is made.
 */
import { DEFAULT_ENVIRONMENT_PREFIX, EnvironmentField, environmentName } from './environment-names';
import {
  describeType, ENVIRONMENT_PREFIX_PATTERN, keyTextProblem, MAX_OBJECT_KEY_BYTES, MAX_RETENTION_DAYS, quote, utf8ByteLength,
} from './write-rules';

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
 * Why `buildPutObjectInput` refused to build a request. `source` is what is at fault: the argument (`key`,
 * `environmentPrefix`, `environment`, `now`) or the full name of the environment variable.
 */
export class WriterInputError extends Error {
  constructor(readonly source: string, message: string) {
    super(`buildPutObjectInput: ${message}`);
    this.name = 'WriterInputError';
  }
}

/** One environment variable: its full name (for messages) and its value. */
interface Variable {
  readonly name: string;
  readonly value: string | undefined;
}

/**
 * @param key the object key under the writer's key prefix (the prefix is added here, so the key can never fall
 *   outside the prefix the policies allow: `.` and `..` segments are refused).
 */
export function buildPutObjectInput(key: string, options: BuildPutObjectInputOptions = {}): WriterPutObjectInput {
  const opts = options ?? {};
  const prefix = environmentPrefixOf(opts.environmentPrefix);
  const env = environmentOf(opts.environment);
  const variable = (field: EnvironmentField): Variable => ({ name: environmentName(field, prefix), value: env[environmentName(field, prefix)] });

  const bucket = variable('bucketName');
  if (!bucket.value) {
    throw new WriterInputError(bucket.name,
      `${bucket.name} is not set: this function is not wired by a SecureLambdaWriter (or its environmentPrefix is not '${prefix}').`);
  }
  const tags = variable('objectTags');
  const acl = variable('acl').value;
  return {
    Bucket: bucket.value,
    Key: objectKey(key, variable('keyPrefix')),
    ...encryptionFields(variable('serverSideEncryption'), variable('kmsKeyArn'), variable('bucketKeyEnabled')),
    ...(tags.value ? { Tagging: encodeTagging(parseTags(tags.value, tags.name)) } : {}),
    ...(acl ? { ACL: acl } : {}),
    ...objectLockFields(variable('objectLockMode'), variable('objectLockRetentionDays'), nowOf(opts.now)),
    ...legalHoldField(variable('objectLockLegalHold')),
  };
}

function environmentPrefixOf(given: unknown): string {
  if (given === undefined) return DEFAULT_ENVIRONMENT_PREFIX;
  if (typeof given !== 'string') {
    throw new WriterInputError('environmentPrefix', `environmentPrefix: it is ${describeType(given)}, not a string. Pass the construct's environmentPrefix, e.g. 'ARCHIVE_'.`);
  }
  if (!ENVIRONMENT_PREFIX_PATTERN.test(given)) {
    throw new WriterInputError('environmentPrefix',
      `environmentPrefix: ${quote(given)} is not a valid start of an environment variable name (letters, digits and underscores, starting with a letter).`);
  }
  return given;
}

function environmentOf(given: unknown): Readonly<Record<string, string | undefined>> {
  if (given === undefined) return process.env;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new WriterInputError('environment', `environment: it is ${describeType(given)}, not an object of variable names to values.`);
  }
  return given as Record<string, string | undefined>;
}

function nowOf(given: unknown): Date {
  if (given === undefined) return new Date();
  if (!(given instanceof Date) || Number.isNaN(given.getTime())) {
    throw new WriterInputError('now', 'now: it is not a valid Date; pass the time of the write, or leave it out for the current time.');
  }
  return given;
}

/**
 * The full key: the prefix the policies scope, then the caller's key. Both parts and the whole are checked, so no
 * `..` segment can appear where the two meet (prefix `in` + key `/../x`), and the whole fits S3's 1,024 bytes.
 */
function objectKey(key: unknown, keyPrefix: Variable): string {
  if (typeof key !== 'string') {
    throw new WriterInputError('key', `key: it is ${describeType(key)}, not a string. Pass the object key under the writer's prefix, e.g. '2024/report.json'.`);
  }
  if (key.length === 0) throw new WriterInputError('key', 'key: it is empty; the object key must not be empty.');
  const prefix = keyPrefix.value ?? '';
  const prefixProblem = keyTextProblem(prefix);
  if (prefixProblem) throw new WriterInputError(keyPrefix.name, `${keyPrefix.name}: ${prefixProblem}`);
  const keyProblem = keyTextProblem(key) ?? keyTextProblem(prefix + key);
  if (keyProblem) throw new WriterInputError('key', `key: ${keyProblem}`);
  const full = prefix + key;
  const bytes = utf8ByteLength(full);
  if (bytes > MAX_OBJECT_KEY_BYTES) {
    throw new WriterInputError('key',
      `key: ${quote(key)} makes a key of ${bytes} bytes of UTF-8 with the prefix ${quote(prefix)}; S3 keys are at most 1,024 bytes.`);
  }
  return full;
}

function oneOf(variable: Variable, allowed: readonly string[]): string | undefined {
  if (!variable.value) return undefined;
  if (!allowed.includes(variable.value)) {
    throw new WriterInputError(variable.name, `${variable.name}: ${quote(variable.value)} is not ${allowed.join(' or ')}.`);
  }
  return variable.value;
}

function encryptionFields(sse: Variable, keyArn: Variable, bucketKey: Variable): Partial<WriterPutObjectInput> {
  const algorithm = oneOf(sse, ['AES256', 'aws:kms']);
  const bucketKeyEnabled = oneOf(bucketKey, ['true', 'false']);
  return {
    ...(algorithm ? { ServerSideEncryption: algorithm } : {}),
    ...(keyArn.value ? { SSEKMSKeyId: keyArn.value } : {}),
    ...(bucketKeyEnabled ? { BucketKeyEnabled: bucketKeyEnabled === 'true' } : {}),
  };
}

function objectLockFields(mode: Variable, days: Variable, now: Date): Partial<WriterPutObjectInput> {
  if (days.value && !mode.value) {
    throw new WriterInputError(days.name, `${days.name} is set but ${mode.name} is not: retention needs a mode.`);
  }
  const lockMode = oneOf(mode, ['GOVERNANCE', 'COMPLIANCE']);
  if (!lockMode) return {};
  return { ObjectLockMode: lockMode, ObjectLockRetainUntilDate: retainUntil(days, now) };
}

function legalHoldField(legalHold: Variable): Partial<WriterPutObjectInput> {
  const status = oneOf(legalHold, ['ON', 'OFF']);
  return status ? { ObjectLockLegalHoldStatus: status } : {};
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `x-amz-object-lock-retain-until-date`: the write time plus whole days, written in decimal digits as the construct
 * writes them ('1e3', '0x10', ' 30' and '1.5' are refused rather than read the way `Number()` would).
 */
function retainUntil(days: Variable, now: Date): Date {
  if (!days.value || !/^[1-9][0-9]*$/.test(days.value)) {
    throw new WriterInputError(days.name,
      `${days.name}: ${quote(days.value ?? '')} is not a whole number of days (decimal digits, 1 to ${MAX_RETENTION_DAYS}).`);
  }
  const count = Number(days.value);
  if (count > MAX_RETENTION_DAYS) {
    throw new WriterInputError(days.name, `${days.name}: ${days.value} days is more than ${MAX_RETENTION_DAYS} (100 years).`);
  }
  const until = new Date(now.getTime() + count * DAY_MS);
  if (Number.isNaN(until.getTime())) {
    throw new WriterInputError(days.name, `${days.name}: ${days.value} days from ${now.toISOString()} is not a valid date.`);
  }
  return until;
}

/** `x-amz-tagging` is a URL query string: each key and value percent-encoded. */
export function encodeTagging(tags: Readonly<Record<string, string>>): string {
  return Object.keys(tags)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(tags[k])}`)
    .join('&');
}

/**
 * The tags object of WRITER_OBJECT_TAGS. JSON.parse keeps a `__proto__` key as an own property; the result is built
 * on a null prototype so such a key (or `constructor`) is kept as a tag, not swallowed by the prototype setter.
 */
function parseTags(json: string, name: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    throw new WriterInputError(name, `${name} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new WriterInputError(name, `${name} must be a JSON object of tag keys to values.`);
  }
  const tags: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(parsed)) {
    if (typeof v !== 'string') throw new WriterInputError(name, `${name}: the value of tag ${quote(k)} must be a string.`);
    tags[k] = v;
  }
  return tags;
}
