import { IConstruct } from 'constructs';
import { WriterPropError } from './errors';
import { checkOptionalType, isNumber, isString } from './literal-types';
import { SecureLambdaWriterProps } from './props';
import { validateResourceReferences } from './resource-references';
import { validateKeyPrefix } from './validate-key-prefix';
import { validateObjectTags } from './validate-tags';
import { ObjectEncryption } from '../contract/object-encryption';
import { ENVIRONMENT_PREFIX_PATTERN, MAX_RETENTION_DAYS, quote } from '../runtime/write-rules';

/**
 * The checks that need only the props: each throws naming the prop and the fix. Checks that need the bucket or
 * the function (ACL against ownership, role of the app…) live next to the code that reads them.
 */
export function validateProps(scope: IConstruct, props: SecureLambdaWriterProps): void {
  if (typeof props !== 'object' || props === null) {
    throw new WriterPropError(scope, 'props', `they are ${props === null ? 'null' : typeof props}, not an object.`,
      'pass SecureLambdaWriterProps with functionProps or function.');
  }
  validateFunctionChoice(scope, props);
  validateBucketChoice(scope, props);
  validateKeyPrefix(scope, props.keyPrefix);
  validateEncryptionOptions(scope, props);
  validateObjectTags(scope, props);
  validateEnvironmentPrefix(scope, props.environmentPrefix);
  validateObjectLock(scope, props);
  validateResourceReferences(scope, props);
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

function validateEncryptionOptions(scope: IConstruct, props: SecureLambdaWriterProps): void {
  validateEncryptionMember(scope, props.encryption);
  if (props.encryption !== ObjectEncryption.S3_MANAGED) return;
  if (props.encryptionKey) {
    throw new WriterPropError(scope, 'encryptionKey', 'a KMS key was given with encryption: S3_MANAGED (SSE-S3 uses no KMS key).',
      'set encryption: ObjectEncryption.KMS, or remove encryptionKey.');
  }
  if (props.bucketKeyEnabled !== undefined) {
    throw new WriterPropError(scope, 'bucketKeyEnabled', 'an S3 Bucket Key only applies to SSE-KMS, and encryption is S3_MANAGED.',
      'set encryption: ObjectEncryption.KMS, or remove bucketKeyEnabled.');
  }
}

/**
 * The writer writes SSE-S3 or SSE-KMS: its function always sends the header (so `NONE` cannot be honoured), and its
 * policies, its bucket default and the runtime helper know `AES256` and `aws:kms` only (so `KMS_DSSE` cannot either).
 * A value outside the enum (from JavaScript) is refused too, instead of being taken for KMS.
 */
function validateEncryptionMember(scope: IConstruct, encryption: unknown): void {
  if (encryption === undefined || encryption === ObjectEncryption.S3_MANAGED || encryption === ObjectEncryption.KMS) return;
  if (encryption === ObjectEncryption.NONE) {
    throw new WriterPropError(scope, 'encryption', 'NONE cannot be honoured: the writer always encrypts, and its function always sends the encryption header.',
      'use ObjectEncryption.S3_MANAGED or ObjectEncryption.KMS (or leave encryption unset).');
  }
  if (encryption === ObjectEncryption.KMS_DSSE) {
    throw new WriterPropError(scope, 'encryption', 'KMS_DSSE (dual-layer SSE-KMS) is not supported by the writer: its policies and its function send aws:kms.',
      'use ObjectEncryption.KMS; to check a function of your own that writes with DSSE-KMS, declare it with WriteAccessChecker.expectWrite.');
  }
  throw new WriterPropError(scope, 'encryption', `${quote(String(encryption))} is not an ObjectEncryption member the writer writes.`,
    'use ObjectEncryption.S3_MANAGED or ObjectEncryption.KMS (or leave encryption unset).');
}

function validateEnvironmentPrefix(scope: IConstruct, prefix: unknown): void {
  checkOptionalType(scope, 'environmentPrefix', prefix, isString, 'a string', "the default 'WRITER_'");
  if (prefix === undefined) return;
  if (!ENVIRONMENT_PREFIX_PATTERN.test(prefix as string)) {
    throw new WriterPropError(scope, 'environmentPrefix', `${quote(prefix as string)} is not a valid start of a Lambda environment variable name.`,
      'use letters, digits and underscores, starting with a letter (e.g. \'ARCHIVE_\').');
  }
}

function validateObjectLock(scope: IConstruct, props: SecureLambdaWriterProps): void {
  const days = props.objectLockRetentionDays;
  checkOptionalType(scope, 'objectLockRetentionDays', days, isNumber, 'a number', 'no retention (without objectLockMode)');
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
  if (days !== undefined && days > MAX_RETENTION_DAYS) {
    throw new WriterPropError(scope, 'objectLockRetentionDays',
      `${days} days is more than ${MAX_RETENTION_DAYS} (100 years), the longest retention the writer sends; in COMPLIANCE mode nobody ` +
      'could shorten it.', `use at most ${MAX_RETENTION_DAYS} days.`);
  }
  if ((props.objectLockMode || props.objectLockLegalHold) && props.bucketProps?.objectLockEnabled === false) {
    throw new WriterPropError(scope, 'bucketProps.objectLockEnabled', 'Object Lock headers are sent but the new bucket would have Object Lock off.',
      'remove bucketProps.objectLockEnabled (the writer turns it on), or drop the Object Lock options.');
  }
}
