import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { WriterPropError } from './errors';
import { SecureLambdaWriterProps, WriterEncryption } from './props';

/** S3 object tagging limits. https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html */
const MAX_OBJECT_TAGS = 10;
const MAX_TAG_KEY_LENGTH = 128;
const MAX_TAG_VALUE_LENGTH = 256;
/** S3 object keys are at most 1,024 bytes. https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html */
const MAX_KEY_LENGTH = 1024;

/**
 * The checks that need only the props: each throws naming the prop and the fix. Checks that need the bucket or
 * the function (ACL against ownership, role of the app…) live next to the code that reads them.
 */
export function validateProps(scope: IConstruct, props: SecureLambdaWriterProps): void {
  validateFunctionChoice(scope, props);
  validateBucketChoice(scope, props);
  validateKeyPrefix(scope, props.keyPrefix ?? '');
  validateEncryptionOptions(scope, props);
  validateObjectTags(scope, props);
  validateEnvironmentPrefix(scope, props.environmentPrefix);
  validateObjectLock(scope, props);
}

function validateFunctionChoice(scope: IConstruct, props: SecureLambdaWriterProps): void {
  if (props.function && props.functionProps) {
    throw new WriterPropError(scope, 'function/functionProps', 'both are set; the writer wires exactly one function.',
      'pass `function` for an existing function or `functionProps` for a new one, not both.');
  }
  if (!props.function && !props.functionProps) {
    throw new WriterPropError(scope, 'function/functionProps', 'neither is set; the writer needs a function to wire.',
      'pass `functionProps` ({ runtime, handler, code }) for a new function, or `function` for an existing one.');
  }
  if (props.functionProps?.role) {
    throw new WriterPropError(scope, 'functionProps.role',
      'a new function gets a dedicated least-privilege role from the writer; a role given here would be shared.',
      'remove functionProps.role, or create the function yourself with that role and pass it as `function`.');
  }
}

function validateBucketChoice(scope: IConstruct, props: SecureLambdaWriterProps): void {
  if (props.bucket && props.bucketProps) {
    throw new WriterPropError(scope, 'bucket/bucketProps', 'both are set; bucketProps only applies to a new bucket.',
      'pass `bucket` for an existing bucket or `bucketProps` for a new one, not both.');
  }
  const bp = props.bucketProps;
  if (!bp) return;
  for (const [name, value] of [['encryption', bp.encryption], ['encryptionKey', bp.encryptionKey], ['bucketKeyEnabled', bp.bucketKeyEnabled]] as const) {
    if (value !== undefined) {
      throw new WriterPropError(scope, `bucketProps.${name}`,
        'encryption is chosen once, on the writer, so the bucket, the policies and the function agree.',
        `remove bucketProps.${name} and set the writer's \`encryption\`, \`encryptionKey\` or \`bucketKeyEnabled\` instead.`);
    }
  }
  if (bp.enforceSSL === false) {
    throw new WriterPropError(scope, 'bucketProps.enforceSSL', 'a writer bucket always denies requests without TLS.',
      'remove bucketProps.enforceSSL (the AWS SDKs use HTTPS, so the writer is not affected).');
  }
  if (bp.publicReadAccess) {
    throw new WriterPropError(scope, 'bucketProps.publicReadAccess', 'a writer bucket has no public policy.',
      'remove bucketProps.publicReadAccess; share objects with pre-signed URLs or CloudFront instead.');
  }
}

/** The prefix becomes `bucket/<prefix>*` in policies, so a wildcard or a leading `/` would change what it means. */
export function validateKeyPrefix(scope: IConstruct, prefix: string): void {
  const fail = (problem: string, fix: string) => { throw new WriterPropError(scope, 'keyPrefix', problem, fix); };
  if (Token.isUnresolved(prefix)) {
    fail('it is a token; policies and the function environment need the literal prefix.', 'pass a literal string such as \'incoming/\'.');
  }
  if (/[*?]/.test(prefix)) {
    fail(`'${prefix}' contains a wildcard; the writer adds the only '*' itself (bucket/<prefix>*).`, 'remove * and ? from keyPrefix.');
  }
  if (prefix.includes('${')) {
    fail(`'${prefix}' contains '\${', which IAM reads as a policy variable.`, 'remove \'${\' from keyPrefix.');
  }
  if (prefix.startsWith('/')) {
    fail(`'${prefix}' starts with '/'; S3 keys have no leading slash, so 'bucket//…' would match nothing the SDK writes.`,
      `use '${prefix.replace(/^\/+/, '')}'.`);
  }
  if (prefix.length >= MAX_KEY_LENGTH) {
    fail(`'${prefix.slice(0, 20)}…' is ${prefix.length} characters; S3 keys are at most ${MAX_KEY_LENGTH}.`, 'use a shorter prefix.');
  }
}

function validateEncryptionOptions(scope: IConstruct, props: SecureLambdaWriterProps): void {
  if (props.encryption !== WriterEncryption.S3_MANAGED) return;
  if (props.encryptionKey) {
    throw new WriterPropError(scope, 'encryptionKey', 'a KMS key was given with encryption: S3_MANAGED (SSE-S3 uses no KMS key).',
      'set encryption: WriterEncryption.KMS, or remove encryptionKey.');
  }
  if (props.bucketKeyEnabled !== undefined) {
    throw new WriterPropError(scope, 'bucketKeyEnabled', 'an S3 Bucket Key only applies to SSE-KMS, and encryption is S3_MANAGED.',
      'set encryption: WriterEncryption.KMS, or remove bucketKeyEnabled.');
  }
}

function validateObjectTags(scope: IConstruct, props: SecureLambdaWriterProps): void {
  const tags = props.objectTags ?? {};
  const keys = Object.keys(tags);
  if (keys.length > MAX_OBJECT_TAGS) {
    throw new WriterPropError(scope, 'objectTags', `${keys.length} tags; S3 allows at most ${MAX_OBJECT_TAGS} per object.`,
      `require at most ${MAX_OBJECT_TAGS} tags.`);
  }
  for (const key of keys) {
    const value = tags[key];
    if (Token.isUnresolved(key) || Token.isUnresolved(value)) {
      throw new WriterPropError(scope, 'objectTags', `tag '${key}' is a token; policy conditions need literal tags.`, 'pass literal tag keys and values.');
    }
    if (key.length === 0 || key.length > MAX_TAG_KEY_LENGTH || value.length > MAX_TAG_VALUE_LENGTH) {
      throw new WriterPropError(scope, 'objectTags', `tag '${key}' breaks S3's limits (key 1-${MAX_TAG_KEY_LENGTH} characters, value up to ${MAX_TAG_VALUE_LENGTH}).`,
        'shorten the tag.');
    }
    if (key.toLowerCase().startsWith('aws:')) {
      throw new WriterPropError(scope, 'objectTags', `tag key '${key}' starts with 'aws:', which is reserved for AWS.`, 'rename the tag key.');
    }
    if (key.includes('${') || value.includes('${')) {
      throw new WriterPropError(scope, 'objectTags', `tag '${key}' contains '\${', which IAM reads as a policy variable.`, 'remove \'${\' from the tag.');
    }
  }
  for (const key of props.principalTagKeys ?? []) {
    if (!(key in tags)) {
      throw new WriterPropError(scope, 'principalTagKeys', `'${key}' is not a key of objectTags; the role is tagged with the object tag's value.`,
        `add '${key}' to objectTags, or remove it from principalTagKeys.`);
    }
    const managementTag = props.tags?.[key];
    if (managementTag !== undefined && managementTag !== tags[key]) {
      throw new WriterPropError(scope, 'tags',
        `tags.${key} = '${managementTag}' would overwrite the role tag ${key} = '${tags[key]}' that principalTagKeys matches against objectTags.`,
        `make tags.${key} equal objectTags.${key}, or drop one of them.`);
    }
  }
}

function validateEnvironmentPrefix(scope: IConstruct, prefix: string | undefined): void {
  if (prefix === undefined) return;
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(prefix)) {
    throw new WriterPropError(scope, 'environmentPrefix', `'${prefix}' is not a valid start of a Lambda environment variable name.`,
      'use letters, digits and underscores, starting with a letter (e.g. \'ARCHIVE_\').');
  }
}

function validateObjectLock(scope: IConstruct, props: SecureLambdaWriterProps): void {
  const days = props.objectLockRetentionDays;
  if (props.objectLockMode && days === undefined) {
    throw new WriterPropError(scope, 'objectLockRetentionDays', 'objectLockMode is set but not how long to retain.',
      'set objectLockRetentionDays (e.g. 30), or remove objectLockMode.');
  }
  if (days !== undefined && !props.objectLockMode) {
    throw new WriterPropError(scope, 'objectLockMode', 'objectLockRetentionDays is set without a retention mode.',
      'set objectLockMode (GOVERNANCE or COMPLIANCE), or remove objectLockRetentionDays.');
  }
  if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
    throw new WriterPropError(scope, 'objectLockRetentionDays', `${days} is not a whole number of days of at least 1.`, 'use a positive integer.');
  }
  if ((props.objectLockMode || props.objectLockLegalHold) && props.bucketProps?.objectLockEnabled === false) {
    throw new WriterPropError(scope, 'bucketProps.objectLockEnabled', 'Object Lock headers are sent but the new bucket would have Object Lock off.',
      'remove bucketProps.objectLockEnabled (the writer turns it on), or drop the Object Lock options.');
  }
}
