/**
 * The one table of causes: every cause code with its title, what denies, the help text, the AWS documentation page
 * and how its remediation is built. The report's `CauseCode`, the SARIF rules and the remediation builder derive from
 * it; the public `WriteAccessCauseCode` enum (a jsii enum must be a literal declaration) is tested to list exactly
 * these codes. A new cause is one entry here (and one enum member). Codes are stable: add, never rename.
 */

/** The stable cause codes, in the order rules are listed. */
export const CAUSE_CODES = [
  'NO_IDENTITY_ALLOW',
  'IDENTITY_DENY',
  'BUCKET_POLICY_DENY',
  'CROSS_ACCOUNT_NO_BUCKET_ALLOW',
  'PERMISSIONS_BOUNDARY',
  'SCP_DENY',
  'RCP_DENY',
  'SESSION_POLICY',
  'VPC_ENDPOINT_POLICY',
  'ACCESS_POINT_POLICY',
  'KMS_KEY_POLICY',
  'KMS_IDENTITY',
  'KMS_AWS_MANAGED_CROSS_ACCOUNT',
  'BLOCK_PUBLIC_ACCESS',
  'ACL_NOT_SUPPORTED',
  'MISSING_ACL_PERMISSION',
  'MISSING_TAGGING_PERMISSION',
  'MISSING_OBJECT_LOCK_PERMISSION',
  'REQUEST_CONDITION',
  'NETWORK_PATH',
  'UNRESOLVED',
] as const;

export type CauseCode = typeof CAUSE_CODES[number];

/**
 * How a cause's remediation is built:
 * - `grant`: add the missing Allow (exact action, exact key or prefix) to the policy that lacks it;
 * - `lift-deny`: meet the Deny's condition when it tests the request, else change the statement if the app wrote it
 *   (or write elsewhere when it is a guardrail on a prefix; use separate roles when the role is shared);
 * - `request`: change what the request sends (and declare it, so the checker sees it);
 * - `external`: only someone outside the app can change it (an SCP, an RCP, a policy outside the templates);
 * - `network`: the function's network path (VPC endpoints, routes) must change;
 * - `none`: the finding is UNKNOWN, not denied: give the checker the missing fact instead.
 */
export type RemedyKind = 'grant' | 'lift-deny' | 'request' | 'external' | 'network' | 'none';

export interface CauseEntry {
  /** One sentence: what the code means (also the public enum member's doc). */
  readonly summary: string;
  readonly remedy: RemedyKind;
  /** PascalCase name, as SARIF `rule.name` suggests. */
  readonly name: string;
  /** The title. */
  readonly short: string;
  /** What denies, and by which AWS rule. */
  readonly full: string;
  /** How to fix it in general; each finding's own remediation is exact. */
  readonly help: string;
  /** The AWS documentation page. */
  readonly helpUri: string;
}

const S3_403 = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html';
const EVALUATION_LOGIC = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html';

export const CAUSE_TABLE: Readonly<Record<CauseCode, CauseEntry>> = {
  NO_IDENTITY_ALLOW: {
    summary: 'No identity policy of the execution role allows the write (or it allows another ARN or prefix).',
    remedy: 'grant',
    name: 'NoIdentityAllow',
    short: 'The execution role has no policy that allows the write',
    full: 'No identity-based policy of the Lambda execution role allows s3:PutObject on the object keys the function writes; in the same account, the request is implicitly denied.',
    help: 'Allow s3:PutObject on arn:aws:s3:::BUCKET/PREFIX* in the execution role (bucket.grantPut(fn, "prefix/*") in the CDK).',
    helpUri: EVALUATION_LOGIC,
  },
  IDENTITY_DENY: {
    summary: 'An identity policy of the execution role explicitly denies the write.',
    remedy: 'lift-deny',
    name: 'IdentityDeny',
    short: 'An identity policy of the execution role denies the write',
    full: 'A Deny statement in a policy attached to the execution role matches the write; an explicit deny overrides every allow.',
    help: 'Narrow or remove the Deny statement, or write under a prefix it does not cover.',
    helpUri: EVALUATION_LOGIC,
  },
  BUCKET_POLICY_DENY: {
    summary: 'The bucket policy explicitly denies the write.',
    remedy: 'lift-deny',
    name: 'BucketPolicyDeny',
    short: 'The bucket policy denies the write',
    full: 'A Deny statement in the bucket policy matches the request the function sends (often a condition on a header the request does not carry, such as x-amz-server-side-encryption).',
    help: 'Send what the statement requires (e.g. the encryption header) or change the statement (e.g. a Null condition or ...IfExists operator).',
    helpUri: S3_403,
  },
  CROSS_ACCOUNT_NO_BUCKET_ALLOW: {
    summary: 'The bucket is in another account and its policy does not allow the role.',
    remedy: 'grant',
    name: 'CrossAccountNoBucketAllow',
    short: 'Cross-account write without an Allow in the bucket policy',
    full: 'The bucket is in another account than the function; the bucket policy must allow the execution role as well as the role\'s own policy.',
    help: 'Add a bucket policy statement that allows s3:PutObject to the execution role ARN on the written keys.',
    helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html',
  },
  PERMISSIONS_BOUNDARY: {
    summary: 'The role\'s permissions boundary does not allow the write (or denies it).',
    remedy: 'grant',
    name: 'PermissionsBoundary',
    short: 'The permissions boundary does not allow the write',
    full: 'The execution role has a permissions boundary that does not allow s3:PutObject on the written keys (or denies it); a resource policy naming the role does not bypass it.',
    help: 'Allow the write in the boundary policy, or give the boundary document (--managed-policy ARN=FILE) when it is outside the app.',
    helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
  },
  SCP_DENY: {
    summary: 'A service control policy denies the write.',
    remedy: 'external',
    name: 'ScpDeny',
    short: 'A service control policy denies the write',
    full: 'A service control policy of the function\'s account (at some level of the organization) denies the write or does not allow it.',
    help: 'Send what the SCP requires, or ask the organization administrators for an exception.',
    helpUri: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html',
  },
  RCP_DENY: {
    summary: 'A resource control policy denies the write.',
    remedy: 'external',
    name: 'RcpDeny',
    short: 'A resource control policy denies the write',
    full: 'A resource control policy of the bucket\'s account denies the write (for example a data-perimeter condition on aws:PrincipalOrgID or aws:SecureTransport).',
    help: 'Meet the RCP condition, or ask the organization administrators for an exception.',
    helpUri: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html',
  },
  SESSION_POLICY: {
    summary: 'A session policy limits the write.',
    remedy: 'external',
    name: 'SessionPolicy',
    short: 'A session policy limits the write',
    full: 'A session policy does not allow the write. Lambda starts the execution role\'s session without a session policy, so the checker does not expect this for the function\'s own credentials; credentials the code obtains itself (sts:AssumeRole with a Policy) are not analysed.',
    help: 'Allow the write in the session policy passed to AssumeRole, or use the execution role directly.',
    helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session',
  },
  VPC_ENDPOINT_POLICY: {
    summary: 'The VPC endpoint policy on the function\'s network path denies the write.',
    remedy: 'grant',
    name: 'VpcEndpointPolicy',
    short: 'The S3 VPC endpoint policy does not allow the write',
    full: 'The function reaches S3 through a VPC endpoint whose policy does not allow (or denies) the write.',
    help: 'Allow s3:PutObject on the bucket in the endpoint policy.',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html',
  },
  ACCESS_POINT_POLICY: {
    summary: 'The access point policy denies the write.',
    remedy: 'grant',
    name: 'AccessPointPolicy',
    short: 'The access point policy does not allow the write',
    full: 'The write goes through an S3 access point: the access point policy and the bucket policy (or its delegation to access points) must both allow it.',
    help: 'Allow the role in the access point policy and delegate access from the bucket policy (s3:DataAccessPointAccount).',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html',
  },
  KMS_KEY_POLICY: {
    summary: 'The KMS key policy does not let the role use the key.',
    remedy: 'grant',
    name: 'KmsKeyPolicy',
    short: 'The KMS key policy does not let the role encrypt',
    full: 'The object is encrypted with a customer managed KMS key whose key policy neither allows the execution role kms:GenerateDataKey (and kms:Decrypt for multipart uploads) nor delegates to IAM policies.',
    help: 'Allow the role kms:GenerateDataKey, and kms:Decrypt for multipart uploads, in the key policy (or delegate to IAM policies); each finding\'s remediation gives the exact statement.',
    helpUri: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html',
  },
  KMS_IDENTITY: {
    summary: 'The role\'s identity policies do not allow the KMS calls the write needs.',
    remedy: 'grant',
    name: 'KmsIdentity',
    short: 'The execution role lacks KMS permissions for the bucket key',
    full: 'The role\'s identity policies do not allow kms:GenerateDataKey (and kms:Decrypt for multipart uploads) on the key the object is encrypted with.',
    help: 'Allow kms:GenerateDataKey (key.grant(fn, "kms:GenerateDataKey")) and, for multipart uploads, kms:Decrypt (key.grantDecrypt(fn)) on the key ARN in the execution role.',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
  },
  KMS_AWS_MANAGED_CROSS_ACCOUNT: {
    summary: 'The AWS managed `aws/s3` key cannot be used from another account.',
    remedy: 'request',
    name: 'KmsAwsManagedCrossAccount',
    short: 'The AWS managed key aws/s3 cannot be used across accounts',
    full: 'The bucket encrypts with the AWS managed key aws/s3, whose policy cannot be changed; a principal of another account cannot use it.',
    help: 'Encrypt the bucket with a customer managed key whose policy allows the writer\'s account, or with SSE-S3.',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
  },
  BLOCK_PUBLIC_ACCESS: {
    summary: 'Block Public Access rejects the request (a public ACL).',
    remedy: 'request',
    name: 'BlockPublicAccess',
    short: 'Block Public Access rejects the write',
    full: 'BlockPublicAcls, on the bucket, the access point written through or the account (the account setting given to the checker), rejects a write that sends a public canned ACL (public-read, public-read-write, authenticated-read). Only BlockPublicAcls is checked: RestrictPublicBuckets (a public bucket policy then admits only principals of the bucket\'s account and AWS services) is not modelled, nor are IgnorePublicAcls and BlockPublicPolicy, which do not reject writes.',
    help: 'Do not send a public ACL (send none, or bucket-owner-full-control), or turn BlockPublicAcls off where the finding says it is on.',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  },
  ACL_NOT_SUPPORTED: {
    summary: 'The request sends an ACL to a bucket that disables ACLs (BucketOwnerEnforced).',
    remedy: 'request',
    name: 'AclNotSupported',
    short: 'The bucket does not allow ACLs',
    full: 'Object Ownership is BucketOwnerEnforced (the default for new buckets): a write that sends an ACL other than bucket-owner-full-control fails with AccessControlListNotSupported.',
    help: 'Stop sending the ACL, or send bucket-owner-full-control.',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html',
  },
  MISSING_ACL_PERMISSION: {
    summary: 'The request sends an ACL but the role may not `s3:PutObjectAcl`.',
    remedy: 'grant',
    name: 'MissingAclPermission',
    short: 'Sending an ACL needs s3:PutObjectAcl',
    full: 'The request sets an ACL (x-amz-acl), which S3 authorizes as s3:PutObjectAcl as well as s3:PutObject.',
    help: 'Allow s3:PutObjectAcl on the written keys, or stop sending the ACL.',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html',
  },
  MISSING_TAGGING_PERMISSION: {
    summary: 'The request sends tags but the role may not `s3:PutObjectTagging`.',
    remedy: 'grant',
    name: 'MissingTaggingPermission',
    short: 'Sending object tags needs s3:PutObjectTagging',
    full: 'The request tags the object (x-amz-tagging), which S3 authorizes as s3:PutObjectTagging as well as s3:PutObject.',
    help: 'Allow s3:PutObjectTagging on the written keys, or stop sending tags.',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html',
  },
  MISSING_OBJECT_LOCK_PERMISSION: {
    summary: 'The request sends Object Lock headers but the role lacks the Object Lock permissions.',
    remedy: 'grant',
    name: 'MissingObjectLockPermission',
    short: 'Object Lock headers need their own permissions',
    full: 'The request sets Object Lock retention or legal hold, which need s3:PutObjectRetention or s3:PutObjectLegalHold.',
    help: 'Allow s3:PutObjectRetention / s3:PutObjectLegalHold on the written keys, or rely on the bucket\'s default retention.',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html',
  },
  REQUEST_CONDITION: {
    summary: 'A condition on the request (header, tag, transport) decides the write.',
    remedy: 'request',
    name: 'RequestCondition',
    short: 'The write is allowed only if the request carries something more',
    full: 'A policy allows the write only under a condition on the request (a header, a tag, an encryption key) that the function\'s request profile does not promise; or a bucket setting rejects the request as sent: SSE-C headers on a bucket whose BlockedEncryptionTypes blocks SSE-C, or a cross-account write without x-amz-request-payer to a bucket the checker is told has Requester Pays on.',
    help: 'Declare what the code sends (the request profile) or send what the condition or setting requires.',
    helpUri: S3_403,
  },
  NETWORK_PATH: {
    summary: 'The network path (VPC, endpoint, source IP) decides the write.',
    remedy: 'network',
    name: 'NetworkPath',
    short: 'The verdict depends on the network path to S3',
    full: 'The path the function takes to S3 (internet, VPC endpoint, NAT gateway) decides the write: a function in a VPC whose subnets have no S3 gateway endpoint, S3 interface endpoint or NAT route cannot reach S3 (the call times out); an S3 interface endpoint without private DNS, or an IPv6 route with Ipv6AllowedForDualStack, works only if the code uses the endpoint\'s own DNS name or S3\'s dual-stack endpoint; or a condition on aws:SourceVpce, aws:SourceVpc or aws:SourceIp is not met by the path, or the path is not known from the templates.',
    help: 'Add an S3 gateway endpoint or a NAT route to the function\'s subnets, have the code use the endpoint DNS name or dual-stack endpoint the finding names, route the function through the required VPC endpoint, or relax the network condition.',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html',
  },
  UNRESOLVED: {
    summary: 'Something the verdict depends on could not be resolved from the templates.',
    remedy: 'none',
    name: 'Unresolved',
    short: 'The verdict depends on something the templates do not show',
    full: 'A value the verdict depends on is outside the templates (an imported bucket or key policy, an external managed policy, an unresolved token or parameter).',
    help: 'Give the missing fact to the checker (for this command: --bucket-policy, --key-policy, --managed-policy, --scp, --rcp, --org-id, --bucket-account).',
    helpUri: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html',
  },
};

export function isCauseCode(value: string): value is CauseCode {
  return (CAUSE_CODES as readonly string[]).includes(value);
}
