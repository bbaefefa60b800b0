/**
 * Names AWS reserves, which the templates can therefore be read against without knowing anything else.
 */

/**
 * Suffixes no general purpose bucket name may end with, each reserved for something that is not a bucket (S3 User
 * Guide, "General purpose bucket naming rules", https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
 * A write to such a name is not a write to a general purpose bucket: its authorization is not the one analysed.
 */
const RESERVED_BUCKET_SUFFIXES: readonly (readonly [string, string])[] = [
  ['-s3alias', 'an access point alias: the write goes through that access point, whose ARN and policy decide, not a bucket\'s'],
  ['--ol-s3', 'an Object Lambda access point alias (Object Lambda transforms GET, LIST and HEAD requests only)'],
  ['.mrap', 'a Multi-Region Access Point name'],
  ['--x-s3', 'a directory bucket, whose writes are authorized through s3express:CreateSession'],
  ['--table-s3', 'an S3 table bucket, written through S3 Tables (s3tables:) actions'],
];

/** Why a bucket name is not that of a general purpose bucket, or undefined when it may be one. */
export function reservedBucketName(name: string): string | undefined {
  const found = RESERVED_BUCKET_SUFFIXES.find(([suffix]) => name.endsWith(suffix));
  return found ? `the name ${name} ends in ${found[0]}, which S3 reserves for ${found[1]} (S3 User Guide, "General purpose bucket naming rules")` : undefined;
}

/**
 * "The alias name for a customer managed key cannot begin with alias/aws/. The alias/aws/ prefix is reserved for AWS
 * managed key" (AWS KMS Developer Guide, "Create aliases", https://docs.aws.amazon.com/kms/latest/developerguide/alias-create.html):
 * an `AWS::KMS::Alias` of the app with such a name can never point at one of its keys.
 */
export function isReservedKmsAlias(aliasName: string): boolean {
  return aliasName.startsWith('alias/aws/');
}
