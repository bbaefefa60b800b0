import { Stack, Token } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CannedAcl, PUBLIC_CANNED_ACLS } from '../contract/canned-acl';

/** What an ACL check needs to know about a bucket of the app, read from its final L1 properties. */
export interface AclRelevantSettings {
  /** undefined when the template leaves it to a token. */
  readonly objectOwnership?: string;
  readonly blockPublicAcls?: boolean;
}

/**
 * Read ownership and Block Public Access from the CfnBucket. Absent settings take the S3 defaults for new
 * buckets since April 2023: BucketOwnerEnforced and all four Block Public Access settings on.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-faq.html
 */
export function aclRelevantSettings(cfn: s3.CfnBucket): AclRelevantSettings {
  const stack = Stack.of(cfn);
  const ownership = stack.resolve(cfn.ownershipControls);
  const pab = stack.resolve(cfn.publicAccessBlockConfiguration);
  const rule = ownership?.rules?.[0]?.objectOwnership;
  return {
    objectOwnership: ownership === undefined ? 'BucketOwnerEnforced' : literal(rule),
    blockPublicAcls: blockPublicAclsOf(pab),
  };
}

/** Absent configuration: on (S3 default). Configuration without the field: off (CloudFormation default). Token: unknown. */
function blockPublicAclsOf(pab: any): boolean | undefined {
  if (pab === undefined) return true;
  if (pab.blockPublicAcls === undefined) return false;
  return typeof pab.blockPublicAcls === 'boolean' ? pab.blockPublicAcls : undefined;
}

function literal(value: unknown): string | undefined {
  return typeof value === 'string' && !Token.isUnresolved(value) ? value : undefined;
}

/**
 * Why the bucket would refuse a PUT carrying this ACL, or undefined when it accepts it.
 * - BucketOwnerEnforced: any ACL but bucket-owner-full-control fails with 400 AccessControlListNotSupported
 *   (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-ownership-error-responses.html).
 * - BlockPublicAcls: a public canned ACL is rejected with 403
 *   (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html).
 */
export function aclRefusal(acl: string, settings: AclRelevantSettings): string | undefined {
  if (settings.objectOwnership === 'BucketOwnerEnforced' && acl !== CannedAcl.BUCKET_OWNER_FULL_CONTROL) {
    return `the bucket's Object Ownership is BucketOwnerEnforced (ACLs disabled), so a PUT with x-amz-acl '${acl}' fails with ` +
      'AccessControlListNotSupported; only bucket-owner-full-control is accepted.';
  }
  if (settings.blockPublicAcls === true && PUBLIC_CANNED_ACLS.includes(acl)) {
    return `the bucket's Block Public Access setting BlockPublicAcls rejects the public ACL '${acl}'.`;
  }
  return undefined;
}

/** The tags the CfnBucket carries at this point (after Tags.of aspects, when called from a validation). */
export function bucketTags(cfn: s3.CfnBucket): Record<string, string> {
  return cfn.tags.tagValues();
}
