/**
 * The bucket as the gates see it: its location, its CloudFormation type and its resolved Properties, nothing
 * more. The readers below turn the few properties the gates need into values, applying the defaults S3 gives a
 * bucket the template says nothing about.
 */
import { isRecord, isUnresolved, readBoolean, readLiteralString, readSymbolicString, show, Unresolved } from './values';

export const DIRECTORY_BUCKET_TYPE = 'AWS::S3Express::DirectoryBucket';

export interface BucketResource {
  /**
   * Construct path of the bucket's resource (or `Stack/LogicalId`); for a bucket outside the app, its literal
   * name or ARN. Every message names it.
   */
  readonly location: string;
  /**
   * CloudFormation type of the bucket's resource: `AWS::S3::Bucket` or `AWS::S3Express::DirectoryBucket`.
   * @default undefined — the bucket is not a resource of the app (imported): its settings are unknown
   */
  readonly type?: string;
  /**
   * The resource's Properties with intrinsics resolved (atoms for what is not known).
   * @default {} — a resource with no Properties
   */
  readonly properties?: unknown;
}

/** A setting as read from the template, or as S3 defaults it when the template says nothing. */
export interface Setting<T> {
  readonly value: T;
  /** True when the template does not set it and `value` is S3's default for a new bucket. */
  readonly defaulted: boolean;
}

export type Read<T> = Setting<T> | Unresolved;

export function isInApp(bucket: BucketResource): boolean {
  return typeof bucket.type === 'string';
}

function props(bucket: BucketResource): Record<string, unknown> | Unresolved {
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
export function readObjectOwnership(bucket: BucketResource): Read<string> {
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
export function readObjectLockEnabled(bucket: BucketResource): Read<boolean> {
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
export function readDefaultRetentionMode(bucket: BucketResource): string | Unresolved | undefined {
  const p = props(bucket);
  if (isUnresolved(p)) return p;
  const mode = at(p, ['ObjectLockConfiguration', 'Rule', 'DefaultRetention', 'Mode'], bucket.location);
  if (isUnresolved(mode)) return mode;
  return readLiteralString(mode, `the default retention mode of ${bucket.location}`);
}

/** S3 ABAC status: off unless `AbacStatus: Enabled` [AWS News Blog, S3 ABAC for general purpose buckets, 2025-11-20]. */
export function readAbacEnabled(bucket: BucketResource): Read<boolean> {
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

/** The bucket's tags (Tags list); tags whose key is not a literal come back in `unreadable`. */
export function readBucketTags(bucket: BucketResource): { tags: BucketTag[]; unreadable: string[] } | Unresolved {
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
export function readBlockedEncryptionTypes(bucket: BucketResource): string[] | Unresolved | undefined {
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
