/**
 * Gate 1: a canned ACL in the request against the bucket's Object Ownership and Block Public Access.
 * (Whether the role may set the ACL, `s3:PutObjectAcl`, is the IAM layer's question: see `impliedActions`.)
 */
import { BlockPublicAccessSettings } from '../input';
import { BucketResource, bucketResource, isInApp, settingsOf } from './bucket';
import { fromGate, Gate, GateOutcome, guardGate } from './gate';
import { RequestFeatures } from './request';
import { PUBLIC_CANNED_ACLS } from '../../contract/canned-acl';
import { isUnresolved, readLiteralString, sameValue, show } from '../model/property-values';

export interface AclGateInput {
  /** The request; only `acl` (the canned ACL sent in `x-amz-acl`) is read. */
  readonly request: Pick<RequestFeatures, 'acl'>;
  /** The bucket written to. */
  readonly bucket: BucketResource;
  /**
   * Account that owns the bucket (literal, or a string with an atom for an environment-agnostic stack).
   * @default undefined — unknown: only a '*' entry of `accountBlockPublicAccess` can then apply
   */
  readonly bucketAccount?: string;
  /**
   * Account-level Block Public Access, by account ID or '*' (the checker prop `accountBlockPublicAccess`).
   * @default undefined — not given: a public ACL is then UNKNOWN unless the bucket itself blocks it
   */
  readonly accountBlockPublicAccess?: Readonly<Record<string, BlockPublicAccessSettings>>;
}

/** The canned ACLs S3 accepts [S3 User Guide, "Access control list (ACL) overview", Canned ACL]. */
export const CANNED_ACLS: readonly string[] = [
  'private', 'public-read', 'public-read-write', 'aws-exec-read', 'authenticated-read', 'bucket-owner-read',
  'bucket-owner-full-control', 'log-delivery-write',
];

/** Canned ACLs that grant to AllUsers or AuthenticatedUsers: what Block Public Access calls public. */
export { PUBLIC_CANNED_ACLS };

/** The one ACL a BucketOwnerEnforced bucket accepts [S3 User Guide, "Object Ownership error responses"]. */
export const OWNER_FULL_CONTROL = 'bucket-owner-full-control';

const OWNERSHIP_PROP = 'OwnershipControls.Rules[0].ObjectOwnership (CDK: objectOwnership)';
const BPA_PROP = 'PublicAccessBlockConfiguration.BlockPublicAcls (CDK: blockPublicAccess)';

/** The gate: the request's canned ACL against the bucket's Object Ownership and Block Public Access. */
export const aclGate: Gate = {
  name: 'canned ACL against Object Ownership and Block Public Access',
  outcomes: (c) => checkAcl({
    request: c.profile,
    bucket: bucketResource(c.bucket),
    bucketAccount: c.bucket.account,
    accountBlockPublicAccess: c.environment.accountBlockPublicAccess,
  }).map(fromGate),
};

export function checkAcl(input: AclGateInput): GateOutcome[] {
  const location = input?.bucket?.location;
  return guardGate('ACL', 'ACL_NOT_SUPPORTED', location, () => decideAcl(input), (o) => [o]);
}

function decideAcl(input: AclGateInput): GateOutcome[] {
  const acl = readLiteralString(input.request.acl, 'the ACL the request sends');
  if (acl === undefined || acl === '') return [];
  const bucket = input.bucket;
  if (isUnresolved(acl)) {
    return [{
      result: 'unknown',
      code: 'ACL_NOT_SUPPORTED',
      reason: `${acl.unresolved}: whether ${bucket.location} accepts it cannot be decided`,
      fix: 'Declare the canned ACL the code sends as a literal (request.acl), or send none.',
      location: bucket.location,
    }];
  }
  if (!CANNED_ACLS.includes(acl)) {
    return [{
      result: 'unknown',
      code: 'ACL_NOT_SUPPORTED',
      reason: `the request sends x-amz-acl: ${show(acl)}, which is not a canned ACL S3 knows`,
      fix: `Send one of ${CANNED_ACLS.join(', ')} — preferably none, or ${OWNER_FULL_CONTROL}.`,
      location: bucket.location,
    }];
  }
  return [ownershipOutcome(acl, bucket), ...publicAccessOutcomes(acl, input)];
}

/** Object Ownership: BucketOwnerEnforced turns ACLs off; a PUT with any other ACL fails with 400. */
function ownershipOutcome(acl: string, bucket: BucketResource): GateOutcome {
  const base = { code: 'ACL_NOT_SUPPORTED' as const, location: bucket.location };
  if (acl === OWNER_FULL_CONTROL) {
    return { ...base, result: 'pass', reason: `x-amz-acl: ${acl} is accepted by every Object Ownership setting of ${bucket.location}` };
  }
  const fix = `Stop sending x-amz-acl: ${acl} (grant access with the bucket policy) or send ${OWNER_FULL_CONTROL}; ` +
    `only if object ACLs are truly needed, set ${OWNERSHIP_PROP} of ${bucket.location} to BucketOwnerPreferred or ObjectWriter.`;
  if (!isInApp(bucket)) {
    return {
      ...base,
      result: 'unknown',
      reason: `${bucket.location} is not a bucket of the app, so its Object Ownership is unknown; if it is ` +
        `BucketOwnerEnforced (the default since April 2023) the request's x-amz-acl: ${acl} fails with 400 AccessControlListNotSupported`,
      fix,
    };
  }
  const ownership = settingsOf(bucket).objectOwnership;
  if (isUnresolved(ownership)) {
    return { ...base, result: 'unknown', reason: `${ownership.unresolved}; the request sends x-amz-acl: ${acl}`, fix };
  }
  const said = ownership.defaulted
    ? `${bucket.location} sets no Object Ownership, so S3 gives it BucketOwnerEnforced (ACLs disabled, the default since April 2023)`
    : `${bucket.location} has ObjectOwnership ${ownership.value}`;
  if (ownership.value === 'BucketOwnerEnforced') {
    return {
      ...base,
      result: 'deny',
      reason: `${said}: the request's x-amz-acl: ${acl} fails with 400 AccessControlListNotSupported ("The bucket does not allow ACLs")`,
      fix,
    };
  }
  if (ownership.value === 'BucketOwnerPreferred' || ownership.value === 'ObjectWriter') {
    return { ...base, result: 'pass', reason: `${said}: ACLs are enabled, so x-amz-acl: ${acl} is accepted` };
  }
  return { ...base, result: 'unknown', reason: `${said}, which is not an Object Ownership S3 knows; the request sends x-amz-acl: ${acl}`, fix };
}

/** Block Public Access `BlockPublicAcls`, at bucket and account level: a public canned ACL is rejected with 403. */
function publicAccessOutcomes(acl: string, input: AclGateInput): GateOutcome[] {
  if (!PUBLIC_CANNED_ACLS.includes(acl)) return [];
  const bucket = input.bucket;
  const fix = `Stop sending the public ACL x-amz-acl: ${acl} (serve objects through CloudFront or presigned URLs instead); ` +
    `making objects public needs BlockPublicAcls off at both the account and ${bucket.location} (${BPA_PROP}).`;
  const outcomes: GateOutcome[] = [bucketLevel(acl, bucket, fix), accountLevel(acl, input, fix)];
  if (outcomes.some((o) => o.result === 'deny')) return outcomes.filter((o) => o.result !== 'unknown');
  return outcomes;
}

function bucketLevel(acl: string, bucket: BucketResource, fix: string): GateOutcome {
  const base = { code: 'BLOCK_PUBLIC_ACCESS' as const, location: bucket.location, fix };
  if (!isInApp(bucket)) {
    return { ...base, result: 'unknown', reason: `${bucket.location} is not a bucket of the app, so whether its Block Public Access rejects the public ACL x-amz-acl: ${acl} is unknown` };
  }
  const flag = settingsOf(bucket).blockPublicAcls;
  if (isUnresolved(flag)) return { ...base, result: 'unknown', reason: `${flag.unresolved}; the request sends the public ACL x-amz-acl: ${acl}` };
  if (!flag.value) {
    return { ...base, result: 'pass', fix: undefined, reason: `${bucket.location} has BlockPublicAcls off, so its bucket-level Block Public Access lets x-amz-acl: ${acl} through` };
  }
  const said = flag.defaulted
    ? `${bucket.location} sets no PublicAccessBlockConfiguration, so S3 blocks public ACLs (the default for new buckets since April 2023)`
    : `${bucket.location} has BlockPublicAcls on`;
  return { ...base, result: 'deny', reason: `${said}: the request's public ACL x-amz-acl: ${acl} is rejected with 403 AccessDenied` };
}

function accountLevel(acl: string, input: AclGateInput, fix: string): GateOutcome {
  const where = 'accountBlockPublicAccess';
  const base = { code: 'BLOCK_PUBLIC_ACCESS' as const, location: where, fix };
  const settings = accountSettings(input);
  if (settings === undefined) {
    return {
      ...base,
      result: 'unknown',
      reason: `account-level Block Public Access of the account that owns ${input.bucket.location} was not given (checker prop ` +
        `${where}); if it blocks public ACLs, the request's x-amz-acl: ${acl} is rejected with 403`,
    };
  }
  if (settings.blockPublicAcls === true) {
    return { ...base, result: 'deny', reason: `account-level Block Public Access (${where}) has blockPublicAcls on: the request's public ACL x-amz-acl: ${acl} is rejected with 403 AccessDenied` };
  }
  return { ...base, result: 'pass', fix: undefined, reason: `account-level Block Public Access (${where}) does not block public ACLs` };
}

function accountSettings(input: AclGateInput): BlockPublicAccessSettings | undefined {
  const all = input.accountBlockPublicAccess;
  if (all === undefined || all === null) return undefined;
  const account = input.bucketAccount;
  if (typeof account === 'string') {
    for (const [id, settings] of Object.entries(all)) {
      if (id !== '*' && sameValue(id, account) === 'true') return settings;
    }
    // An account that may be one of the listed ones, but is not known to be, cannot fall back to '*'.
    if (Object.keys(all).some((id) => id !== '*' && sameValue(id, account) === 'unknown')) return undefined;
  }
  return all['*'];
}
