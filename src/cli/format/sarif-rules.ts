import { CauseCode } from '../../analysis/report';

/**
 * One SARIF rule per cause code: what it means and where AWS documents it. Typed by `CauseCode`, so a code added
 * to the report without a rule here fails to compile.
 */
export interface RuleText {
  /** PascalCase name, as SARIF `rule.name` suggests. */
  readonly name: string;
  readonly short: string;
  readonly full: string;
  /** How to fix it, in general; each finding's own fix is in its result message. */
  readonly help: string;
  readonly helpUri: string;
}

const S3_403 = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html';
const EVALUATION_LOGIC = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html';

export const CAUSE_RULES: Record<CauseCode, RuleText> = {
  NO_IDENTITY_ALLOW: {
    name: 'NoIdentityAllow',
    short: 'The execution role has no policy that allows the write',
    full: 'No identity-based policy of the Lambda execution role allows s3:PutObject on the object keys the function writes; in the same account, the request is implicitly denied.',
    help: 'Allow s3:PutObject on arn:aws:s3:::BUCKET/PREFIX* in the execution role (bucket.grantPut(fn, "prefix/*") in the CDK).',
    helpUri: EVALUATION_LOGIC,
  },
  IDENTITY_DENY: {
    name: 'IdentityDeny',
    short: 'An identity policy of the execution role denies the write',
    full: 'A Deny statement in a policy attached to the execution role matches the write; an explicit deny overrides every allow.',
    help: 'Narrow or remove the Deny statement, or write under a prefix it does not cover.',
    helpUri: EVALUATION_LOGIC,
  },
  BUCKET_POLICY_DENY: {
    name: 'BucketPolicyDeny',
    short: 'The bucket policy denies the write',
    full: 'A Deny statement in the bucket policy matches the request the function sends (often a condition on a header the request does not carry, such as x-amz-server-side-encryption).',
    help: 'Send what the statement requires (e.g. the encryption header) or change the statement (e.g. a Null condition or ...IfExists operator).',
    helpUri: S3_403,
  },
  CROSS_ACCOUNT_NO_BUCKET_ALLOW: {
    name: 'CrossAccountNoBucketAllow',
    short: 'Cross-account write without an Allow in the bucket policy',
    full: 'The bucket is in another account than the function; the bucket policy must allow the execution role as well as the role\'s own policy.',
    help: 'Add a bucket policy statement that allows s3:PutObject to the execution role ARN on the written keys.',
    helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html',
  },
  PERMISSIONS_BOUNDARY: {
    name: 'PermissionsBoundary',
    short: 'The permissions boundary does not allow the write',
    full: 'The execution role has a permissions boundary that does not allow s3:PutObject on the written keys (or denies it); a resource policy naming the role does not bypass it.',
    help: 'Allow the write in the boundary policy, or give the boundary document (--managed-policy ARN=FILE) when it is outside the app.',
    helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
  },
  SCP_DENY: {
    name: 'ScpDeny',
    short: 'A service control policy denies the write',
    full: 'A service control policy of the function\'s account (at some level of the organization) denies the write or does not allow it.',
    help: 'Send what the SCP requires, or ask the organization administrators for an exception.',
    helpUri: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html',
  },
  RCP_DENY: {
    name: 'RcpDeny',
    short: 'A resource control policy denies the write',
    full: 'A resource control policy of the bucket\'s account denies the write (for example a data-perimeter condition on aws:PrincipalOrgID or aws:SecureTransport).',
    help: 'Meet the RCP condition, or ask the organization administrators for an exception.',
    helpUri: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html',
  },
  SESSION_POLICY: {
    name: 'SessionPolicy',
    short: 'A session policy limits the write',
    full: 'A session policy does not allow the write. Lambda starts the execution role\'s session without a session policy, so the checker does not expect this for the function\'s own credentials; credentials the code obtains itself (sts:AssumeRole with a Policy) are not analysed.',
    help: 'Allow the write in the session policy passed to AssumeRole, or use the execution role directly.',
    helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session',
  },
  VPC_ENDPOINT_POLICY: {
    name: 'VpcEndpointPolicy',
    short: 'The S3 VPC endpoint policy does not allow the write',
    full: 'The function reaches S3 through a VPC endpoint whose policy does not allow (or denies) the write.',
    help: 'Allow s3:PutObject on the bucket in the endpoint policy.',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html',
  },
  ACCESS_POINT_POLICY: {
    name: 'AccessPointPolicy',
    short: 'The access point policy does not allow the write',
    full: 'The write goes through an S3 access point: the access point policy and the bucket policy (or its delegation to access points) must both allow it.',
    help: 'Allow the role in the access point policy and delegate access from the bucket policy (s3:DataAccessPointAccount).',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html',
  },
  KMS_KEY_POLICY: {
    name: 'KmsKeyPolicy',
    short: 'The KMS key policy does not let the role encrypt',
    full: 'The object is encrypted with a customer managed KMS key whose key policy neither allows the execution role kms:GenerateDataKey (and kms:Decrypt for multipart uploads) nor delegates to IAM policies.',
    help: 'Allow kms:GenerateDataKey (and kms:Decrypt) to the role in the key policy (key.grantEncryptDecrypt(fn) in the CDK).',
    helpUri: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html',
  },
  KMS_IDENTITY: {
    name: 'KmsIdentity',
    short: 'The execution role lacks KMS permissions for the bucket key',
    full: 'The role\'s identity policies do not allow kms:GenerateDataKey (and kms:Decrypt for multipart uploads) on the key the object is encrypted with.',
    help: 'Allow kms:GenerateDataKey and kms:Decrypt on the key ARN in the execution role.',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
  },
  KMS_AWS_MANAGED_CROSS_ACCOUNT: {
    name: 'KmsAwsManagedCrossAccount',
    short: 'The AWS managed key aws/s3 cannot be used across accounts',
    full: 'The bucket encrypts with the AWS managed key aws/s3, whose policy cannot be changed; a principal of another account cannot use it.',
    help: 'Encrypt the bucket with a customer managed key whose policy allows the writer\'s account, or with SSE-S3.',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
  },
  BLOCK_PUBLIC_ACCESS: {
    name: 'BlockPublicAccess',
    short: 'Block Public Access rejects the write',
    full: 'BlockPublicAcls, on the bucket, the access point written through or the account (the account setting given to the checker), rejects a write that sends a public canned ACL (public-read, public-read-write, authenticated-read). Only BlockPublicAcls is checked: RestrictPublicBuckets (a public bucket policy then admits only principals of the bucket\'s account and AWS services) is not modelled, nor are IgnorePublicAcls and BlockPublicPolicy, which do not reject writes.',
    help: 'Do not send a public ACL (send none, or bucket-owner-full-control), or turn BlockPublicAcls off where the finding says it is on.',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  },
  ACL_NOT_SUPPORTED: {
    name: 'AclNotSupported',
    short: 'The bucket does not allow ACLs',
    full: 'Object Ownership is BucketOwnerEnforced (the default for new buckets): a write that sends an ACL other than bucket-owner-full-control fails with AccessControlListNotSupported.',
    help: 'Stop sending the ACL, or send bucket-owner-full-control.',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html',
  },
  MISSING_ACL_PERMISSION: {
    name: 'MissingAclPermission',
    short: 'Sending an ACL needs s3:PutObjectAcl',
    full: 'The request sets an ACL (x-amz-acl), which S3 authorizes as s3:PutObjectAcl as well as s3:PutObject.',
    help: 'Allow s3:PutObjectAcl on the written keys, or stop sending the ACL.',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html',
  },
  MISSING_TAGGING_PERMISSION: {
    name: 'MissingTaggingPermission',
    short: 'Sending object tags needs s3:PutObjectTagging',
    full: 'The request tags the object (x-amz-tagging), which S3 authorizes as s3:PutObjectTagging as well as s3:PutObject.',
    help: 'Allow s3:PutObjectTagging on the written keys, or stop sending tags.',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html',
  },
  MISSING_OBJECT_LOCK_PERMISSION: {
    name: 'MissingObjectLockPermission',
    short: 'Object Lock headers need their own permissions',
    full: 'The request sets Object Lock retention or legal hold, which need s3:PutObjectRetention or s3:PutObjectLegalHold.',
    help: 'Allow s3:PutObjectRetention / s3:PutObjectLegalHold on the written keys, or rely on the bucket\'s default retention.',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html',
  },
  REQUEST_CONDITION: {
    name: 'RequestCondition',
    short: 'The write is allowed only if the request carries something more',
    full: 'A policy allows the write only under a condition on the request (a header, a tag, an encryption key) that the function\'s request profile does not promise; or a bucket setting rejects the request as sent: SSE-C headers on a bucket whose BlockedEncryptionTypes blocks SSE-C, or a cross-account write without x-amz-request-payer to a bucket the checker is told has Requester Pays on.',
    help: 'Declare what the code sends (the request profile) or send what the condition or setting requires.',
    helpUri: S3_403,
  },
  NETWORK_PATH: {
    name: 'NetworkPath',
    short: 'The verdict depends on the network path to S3',
    full: 'The path the function takes to S3 (internet, VPC endpoint, NAT gateway) decides the write: a function in a VPC whose subnets have no S3 gateway endpoint, S3 interface endpoint or NAT route cannot reach S3 (the call times out); an S3 interface endpoint without private DNS, or an IPv6 route with Ipv6AllowedForDualStack, works only if the code uses the endpoint\'s own DNS name or S3\'s dual-stack endpoint; or a condition on aws:SourceVpce, aws:SourceVpc or aws:SourceIp is not met by the path, or the path is not known from the templates.',
    help: 'Add an S3 gateway endpoint or a NAT route to the function\'s subnets, have the code use the endpoint DNS name or dual-stack endpoint the finding names, route the function through the required VPC endpoint, or relax the network condition.',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html',
  },
  UNRESOLVED: {
    name: 'Unresolved',
    short: 'The verdict depends on something the templates do not show',
    full: 'A value the verdict depends on is outside the templates (an imported bucket or key policy, an external managed policy, an unresolved token or parameter).',
    help: 'Give the missing fact to the checker (for this command: --bucket-policy, --key-policy, --managed-policy, --scp, --rcp, --org-id, --bucket-account).',
    helpUri: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html',
  },
};

/** The rule for a finding that is not ALLOW but names no cause (it should not happen; it must not vanish if it does). */
export const UNEXPLAINED_RULE_ID = 'WRITE_NOT_PROVEN';
export const UNEXPLAINED_RULE: RuleText = {
  name: 'WriteNotProven',
  short: 'A Lambda write to S3 is not known to be allowed',
  full: 'The analysis did not find the write allowed and named no cause.',
  help: 'Run the check with --json and report the finding.',
  helpUri: S3_403,
};
