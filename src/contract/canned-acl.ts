/** The canned ACLs a write can send in `x-amz-acl` (https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl). */
export enum CannedAcl {
  /** Owner gets FULL_CONTROL, no one else has access. */
  PRIVATE = 'private',
  /** Everyone gets READ: public, so Block Public Access rejects it. */
  PUBLIC_READ = 'public-read',
  /** Everyone gets READ and WRITE: public. */
  PUBLIC_READ_WRITE = 'public-read-write',
  /** Any AWS account gets READ: public. */
  AUTHENTICATED_READ = 'authenticated-read',
  /** EC2 gets READ access to GET an AMI bundle. */
  AWS_EXEC_READ = 'aws-exec-read',
  /** The bucket owner gets READ. */
  BUCKET_OWNER_READ = 'bucket-owner-read',
  /** The bucket owner gets FULL_CONTROL: the one ACL a bucket that disables ACLs (BucketOwnerEnforced) accepts. */
  BUCKET_OWNER_FULL_CONTROL = 'bucket-owner-full-control',
}

/**
 * Canned ACLs that grant to AllUsers or AuthenticatedUsers: what Block Public Access calls public, and
 * `BlockPublicAcls` rejects ("Blocking public access to your Amazon S3 storage",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html).
 */
export const PUBLIC_CANNED_ACLS: readonly string[] = [CannedAcl.PUBLIC_READ, CannedAcl.PUBLIC_READ_WRITE, CannedAcl.AUTHENTICATED_READ];
