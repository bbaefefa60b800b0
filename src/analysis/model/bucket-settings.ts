/**
 * The settings of a bucket of the app that decide whether S3 accepts a write, parsed once from its resolved
 * Properties when the model is built (`buildBucket`), with the defaults S3 gives a bucket the template says nothing
 * about. The gates read these values; none parses the properties again.
 */
import { isUnresolved, readBoolean, readLiteralString, readSymbolicString, show, Unresolved } from './property-values';
import { isRecord } from '../cfn/assembly-index';

/** Where a setting is read from: the bucket's location (for messages) and its resolved Properties. */
interface BucketSource {
  readonly location: string;
  readonly properties?: unknown;
}

/** A bucket's settings as the gates read them; each one a value, S3's default, or Unresolved with the reason. */
export interface BucketSettings {
  /** Object Ownership (ACLs and Object Ownership gate). */
  readonly objectOwnership: Read<string>;
  /** Block Public Access `BlockPublicAcls` of the bucket (ACL gate). */
  readonly blockPublicAcls: Read<boolean>;
  /** Whether Object Lock is on, and the default retention mode (Object Lock gate). */
  readonly objectLockEnabled: Read<boolean>;
  readonly defaultRetentionMode: string | Unresolved | undefined;
  /** Whether ABAC is on, and the bucket's tags (ABAC context). */
  readonly abacEnabled: Read<boolean>;
  readonly tags: BucketTags | Unresolved;
  /** The encryption types the bucket blocks (SSE-C gate); undefined when no rule says. */
  readonly blockedEncryptionTypes: string[] | Unresolved | undefined;
}

/**
 * Parse every setting of one bucket. Never throws: a reader that fails leaves that one setting Unresolved, saying
 * which property could not be read.
 */
export function parseBucketSettings(location: string, properties: unknown): BucketSettings {
  const bucket: BucketSource = { location, properties };
  return {
    objectOwnership: guarded('OwnershipControls', location, () => readObjectOwnership(bucket)),
    blockPublicAcls: guarded('PublicAccessBlockConfiguration', location, () => readPublicAccessBlockFlag(properties, 'BlockPublicAcls', location)),
    objectLockEnabled: guarded('ObjectLockEnabled', location, () => readObjectLockEnabled(bucket)),
    defaultRetentionMode: guarded('ObjectLockConfiguration', location, () => readDefaultRetentionMode(bucket)),
    abacEnabled: guarded('AbacStatus', location, () => readAbacEnabled(bucket)),
    tags: guarded('Tags', location, () => readBucketTags(bucket)),
    blockedEncryptionTypes: guarded('BucketEncryption', location, () => readBlockedEncryptionTypes(bucket)),
  };
}

function guarded<T>(property: string, location: string, read: () => T): T | Unresolved {
  try {
    return read();
  } catch (e) {
    return { unresolved: `${property} of ${location} could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** A setting as read from the template, or as S3 defaults it when the template says nothing. */
export interface Setting<T> {
  readonly value: T;
  /** True when the template does not set it and `value` is S3's default for a new bucket. */
  readonly defaulted: boolean;
}

export type Read<T> = Setting<T> | Unresolved;

function props(bucket: BucketSource): Record<string, unknown> | Unresolved {
  if (bucket.properties === undefined || bucket.properties === null) return {};
  if (!isRecord(bucket.properties)) return { unresolved: `the Properties of ${bucket.location} are not an object` };
  return bucket.properties;
}

/** Walks `path` through records; `undefined` when a step is missing, Unresolved when a step is not a record. */
function at(root: Record<string, unknown>, path: readonly string[], where: string): unknown {
  let current: unknown = root;
  for (let i = 0; i < path.length; i++) {
    if (current === undefined || current === null) return undefined;
    if (!isRecord(current)) {
      return { unresolved: `${where} ${path.slice(0, i).join('.')} is not an object (${show(current)})` };
    }
    current = current[path[i]];
  }
  return current;
}

/**
 * Object Ownership. A new bucket without OwnershipControls gets BucketOwnerEnforced (ACLs disabled) since April
 * 2023 [S3 User Guide, "Default settings for new S3 buckets FAQ"; "Controlling ownership of objects"].
 */
function readObjectOwnership(bucket: BucketSource): Read<string> {
  const p = props(bucket);
  if (isUnresolved(p)) return p;
  const controls = p.OwnershipControls;
  if (controls === undefined || controls === null) return { value: 'BucketOwnerEnforced', defaulted: true };
  const rules = at(p, ['OwnershipControls', 'Rules'], bucket.location);
  if (isUnresolved(rules)) return rules;
  if (!Array.isArray(rules) || rules.length !== 1 || !isRecord(rules[0])) {
    return { unresolved: `OwnershipControls.Rules of ${bucket.location} is not one rule (${show(rules)})` };
  }
  const ownership = readLiteralString(rules[0].ObjectOwnership, `ObjectOwnership of ${bucket.location}`);
  if (ownership === undefined) return { unresolved: `OwnershipControls of ${bucket.location} has no ObjectOwnership` };
  if (isUnresolved(ownership)) return ownership;
  return { value: ownership, defaulted: false };
}

export type PublicAccessBlockFlag = 'BlockPublicAcls' | 'IgnorePublicAcls' | 'BlockPublicPolicy' | 'RestrictPublicBuckets';

/**
 * One Block Public Access flag of a resource's PublicAccessBlockConfiguration. Without the configuration, S3
 * turns all four on for a new bucket (since April 2023) and for a new access point; with it, a flag it leaves out
 * is off [S3 User Guide, "Blocking public access to your Amazon S3 storage"].
 */
export function readPublicAccessBlockFlag(
  properties: unknown, flag: PublicAccessBlockFlag, where: string,
): Read<boolean> {
  if (properties !== undefined && properties !== null && !isRecord(properties)) {
    return { unresolved: `the Properties of ${where} are not an object` };
  }
  const config = isRecord(properties) ? properties.PublicAccessBlockConfiguration : undefined;
  if (config === undefined || config === null) return { value: true, defaulted: true };
  if (!isRecord(config)) return { unresolved: `PublicAccessBlockConfiguration of ${where} is not known (${show(config)})` };
  const value = readBoolean(config[flag], `PublicAccessBlockConfiguration.${flag} of ${where}`);
  if (value === undefined) return { value: false, defaulted: false };
  if (isUnresolved(value)) return value;
  return { value, defaulted: false };
}

/** Whether Object Lock is enabled on the bucket (off unless the template turns it on). */
function readObjectLockEnabled(bucket: BucketSource): Read<boolean> {
  const p = props(bucket);
  if (isUnresolved(p)) return p;
  const top = readBoolean(p.ObjectLockEnabled, `ObjectLockEnabled of ${bucket.location}`);
  if (isUnresolved(top)) return top;
  if (top !== undefined) return { value: top, defaulted: false };
  // The nested flag alone is not valid CloudFormation, but reading it as "on" can only avoid a false DENY.
  const nested = at(p, ['ObjectLockConfiguration', 'ObjectLockEnabled'], bucket.location);
  if (isUnresolved(nested)) return nested;
  const nestedText = readLiteralString(nested, `ObjectLockConfiguration.ObjectLockEnabled of ${bucket.location}`);
  if (isUnresolved(nestedText)) return nestedText;
  return nestedText === 'Enabled' ? { value: true, defaulted: false } : { value: false, defaulted: true };
}

/** The default retention mode of an Object Lock bucket, if it has one. */
function readDefaultRetentionMode(bucket: BucketSource): string | Unresolved | undefined {
  const p = props(bucket);
  if (isUnresolved(p)) return p;
  const mode = at(p, ['ObjectLockConfiguration', 'Rule', 'DefaultRetention', 'Mode'], bucket.location);
  if (isUnresolved(mode)) return mode;
  return readLiteralString(mode, `the default retention mode of ${bucket.location}`);
}

/** S3 ABAC status: off unless `AbacStatus: Enabled` [AWS News Blog, S3 ABAC for general purpose buckets, 2025-11-20]. */
function readAbacEnabled(bucket: BucketSource): Read<boolean> {
  const p = props(bucket);
  if (isUnresolved(p)) return p;
  const status = readLiteralString(p.AbacStatus, `AbacStatus of ${bucket.location}`);
  if (status === undefined) return { value: false, defaulted: true };
  if (isUnresolved(status)) return status;
  if (status === 'Enabled') return { value: true, defaulted: false };
  if (status === 'Disabled') return { value: false, defaulted: false };
  return { unresolved: `AbacStatus of ${bucket.location} is neither Enabled nor Disabled (${show(status)})` };
}

/** One tag of the bucket. A value that is not a string is kept as Unresolved: the key is there, its value unknown. */
export interface BucketTag {
  readonly key: string;
  readonly value: string | Unresolved;
}

/** The bucket's tags, and the tags whose key is not a literal (`unreadable`). */
export interface BucketTags {
  readonly tags: readonly BucketTag[];
  readonly unreadable: readonly string[];
}

/** The bucket's tags (Tags list); tags whose key is not a literal come back in `unreadable`. */
function readBucketTags(bucket: BucketSource): BucketTags | Unresolved {
  const p = props(bucket);
  if (isUnresolved(p)) return p;
  if (p.Tags === undefined || p.Tags === null) return { tags: [], unreadable: [] };
  if (!Array.isArray(p.Tags)) return { unresolved: `Tags of ${bucket.location} is not a list (${show(p.Tags)})` };
  const tags: BucketTag[] = [];
  const unreadable: string[] = [];
  for (const entry of p.Tags) {
    const key = isRecord(entry) ? readLiteralString(entry.Key, 'a tag key') : undefined;
    if (key === undefined || isUnresolved(key)) {
      unreadable.push(show(entry));
      continue;
    }
    const raw = isRecord(entry) ? readSymbolicString(entry.Value, `tag ${key} of ${bucket.location}`) : undefined;
    tags.push({ key, value: raw === undefined ? { unresolved: `tag ${key} of ${bucket.location} has no value` } : raw });
  }
  return { tags, unreadable };
}

/**
 * The encryption types the bucket blocks (BucketEncryption rules' BlockedEncryptionTypes), or undefined when no
 * rule says anything: then S3's default applies (see other-bucket-features.ts).
 */
function readBlockedEncryptionTypes(bucket: BucketSource): string[] | Unresolved | undefined {
  const p = props(bucket);
  if (isUnresolved(p)) return p;
  const rules = at(p, ['BucketEncryption', 'ServerSideEncryptionConfiguration'], bucket.location);
  if (isUnresolved(rules)) return rules;
  if (rules === undefined || rules === null) return undefined;
  if (!Array.isArray(rules)) return { unresolved: `BucketEncryption of ${bucket.location} is not a rule list (${show(rules)})` };
  let found: string[] | undefined;
  for (const rule of rules) {
    if (!isRecord(rule)) return { unresolved: `a BucketEncryption rule of ${bucket.location} is not known (${show(rule)})` };
    const blocked = rule.BlockedEncryptionTypes;
    if (blocked === undefined || blocked === null) continue;
    const types = isRecord(blocked) ? blocked.EncryptionType : blocked;
    if (!Array.isArray(types)) return { unresolved: `BlockedEncryptionTypes of ${bucket.location} is not known (${show(blocked)})` };
    for (const t of types) {
      const text = readLiteralString(t, `BlockedEncryptionTypes of ${bucket.location}`);
      if (text === undefined) continue;
      if (isUnresolved(text)) return text;
      (found ??= []).push(text);
    }
  }
  return found;
}
