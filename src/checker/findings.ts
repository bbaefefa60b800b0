/**
 * The public, jsii-compatible shape of the checker's findings: the same fields as the analysis report
 * (`{ version: 1, findings }`, src/analysis/report.ts), with enums where the analysis uses string-literal unions.
 */

/** The answer for one write intent. */
export enum WriteVerdict {
  /** Every request of the profile is allowed. */
  ALLOW = 'ALLOW',
  /** Every request of the profile is denied (or fails, e.g. an ACL on a bucket that disables ACLs). */
  DENY = 'DENY',
  /** Allowed only if the request carries something the profile does not promise (a header, a tag, a network path). */
  CONDITIONAL = 'CONDITIONAL',
  /** Depends on something outside the templates (an imported bucket's policy, an SCP not given, a token). */
  UNKNOWN = 'UNKNOWN',
}

/** Where a write intent came from. */
export enum WriteIntentSource {
  /** Declared with `WriteAccessChecker.expectWrite`. */
  DECLARED = 'declared',
  /** Inferred from an identity-policy Allow of `s3:PutObject` that reaches a bucket of the app. */
  INFERRED = 'inferred',
  /** Recorded by a `SecureLambdaWriter`. */
  CONSTRUCT = 'construct',
}

/**
 * The stable cause codes. They are also the rule names of the validation plugin, so a finding is acknowledged
 * with `WriteAccessChecker::<code>`.
 */
export enum WriteAccessCauseCode {
  /** No identity policy of the execution role allows the write (or it allows another ARN or prefix). */
  NO_IDENTITY_ALLOW = 'NO_IDENTITY_ALLOW',
  /** An identity policy of the execution role explicitly denies the write. */
  IDENTITY_DENY = 'IDENTITY_DENY',
  /** The bucket policy explicitly denies the write. */
  BUCKET_POLICY_DENY = 'BUCKET_POLICY_DENY',
  /** The bucket is in another account and its policy does not allow the role. */
  CROSS_ACCOUNT_NO_BUCKET_ALLOW = 'CROSS_ACCOUNT_NO_BUCKET_ALLOW',
  /** The role's permissions boundary does not allow the write (or denies it). */
  PERMISSIONS_BOUNDARY = 'PERMISSIONS_BOUNDARY',
  /** A service control policy denies the write. */
  SCP_DENY = 'SCP_DENY',
  /** A resource control policy denies the write. */
  RCP_DENY = 'RCP_DENY',
  /** A session policy limits the write. */
  SESSION_POLICY = 'SESSION_POLICY',
  /** The VPC endpoint policy on the function's network path denies the write. */
  VPC_ENDPOINT_POLICY = 'VPC_ENDPOINT_POLICY',
  /** The access point policy denies the write. */
  ACCESS_POINT_POLICY = 'ACCESS_POINT_POLICY',
  /** The KMS key policy does not let the role use the key. */
  KMS_KEY_POLICY = 'KMS_KEY_POLICY',
  /** The role's identity policies do not allow the KMS calls the write needs. */
  KMS_IDENTITY = 'KMS_IDENTITY',
  /** The AWS managed `aws/s3` key cannot be used from another account. */
  KMS_AWS_MANAGED_CROSS_ACCOUNT = 'KMS_AWS_MANAGED_CROSS_ACCOUNT',
  /** Block Public Access rejects the request (a public ACL). */
  BLOCK_PUBLIC_ACCESS = 'BLOCK_PUBLIC_ACCESS',
  /** The request sends an ACL to a bucket that disables ACLs (BucketOwnerEnforced). */
  ACL_NOT_SUPPORTED = 'ACL_NOT_SUPPORTED',
  /** The request sends an ACL but the role may not `s3:PutObjectAcl`. */
  MISSING_ACL_PERMISSION = 'MISSING_ACL_PERMISSION',
  /** The request sends tags but the role may not `s3:PutObjectTagging`. */
  MISSING_TAGGING_PERMISSION = 'MISSING_TAGGING_PERMISSION',
  /** The request sends Object Lock headers but the role lacks the Object Lock permissions. */
  MISSING_OBJECT_LOCK_PERMISSION = 'MISSING_OBJECT_LOCK_PERMISSION',
  /** A condition on the request (header, tag, transport) decides the write. */
  REQUEST_CONDITION = 'REQUEST_CONDITION',
  /** The network path (VPC, endpoint, source IP) decides the write. */
  NETWORK_PATH = 'NETWORK_PATH',
  /** Something the verdict depends on could not be resolved from the templates. */
  UNRESOLVED = 'UNRESOLVED',
}

/** One reason for a verdict. */
export interface WriteAccessCause {
  /** The stable code of the cause. */
  readonly code: WriteAccessCauseCode;
  /** Names the function, the bucket, and the policy or setting (construct path or logical ID) and statement. */
  readonly message: string;
  /**
   * Construct path (or `Stack/LogicalId`) of the policy or setting that decides it.
   * @default - no single location decides it
   */
  readonly location?: string;
  /**
   * Sid of the deciding statement, or its index as `#3` when it has none.
   * @default - not a statement
   */
  readonly statement?: string;
  /**
   * Template file (relative to the cloud assembly) of `location`.
   * @default - unknown
   */
  readonly templatePath?: string;
  /**
   * Logical ID of `location`.
   * @default - unknown
   */
  readonly logicalId?: string;
  /**
   * JSON path inside the resource, e.g. `Properties/PolicyDocument/Statement/2`.
   * @default - the whole resource
   */
  readonly jsonPath?: string;
}

/** A CDK acknowledgement (`Validations.of(scope).acknowledge`) that covers a finding. */
export interface WriteAccessAcknowledgement {
  /** The reason given with the acknowledgement. */
  readonly reason: string;
  /** The rule ID that was acknowledged, `WriteAccessChecker::<code>`. */
  readonly ruleId: string;
  /** Construct path of the construct the acknowledgement was made on ('' for the App). */
  readonly acknowledgedAt: string;
}

/** The checker's answer for one write intent (function, bucket, key pattern, request profile). */
export interface WriteAccessFinding {
  /** Construct path of the function (`Stack/LogicalId` when the template has no path). */
  readonly function: string;
  /**
   * Construct path of the execution role.
   * @default - unknown
   */
  readonly role?: string;
  /** Construct path of the bucket, or its literal name/ARN for a bucket outside the app. */
  readonly bucket: string;
  /** The keys written, as an IAM-style pattern: `incoming/*`. */
  readonly keyPattern: string;
  /** Where the intent came from. */
  readonly intent: WriteIntentSource;
  /** The verdict. */
  readonly verdict: WriteVerdict;
  /** Why; empty for ALLOW. */
  readonly causes: WriteAccessCause[];
  /**
   * One concrete fix: that of the first deciding cause that has one.
   * @default - no fix (ALLOW)
   */
  readonly fix?: string;
  /**
   * Assumptions the verdict rests on (e.g. "no SCP denies: none were given").
   * @default - none
   */
  readonly notes?: string[];
  /**
   * Set when a CDK acknowledgement covers this finding; it then no longer fails synth.
   * @default - not acknowledged
   */
  readonly acknowledged?: WriteAccessAcknowledgement;
  /**
   * Template file (relative to the cloud assembly) of the function.
   * @default - unknown
   */
  readonly templatePath?: string;
  /**
   * Logical ID of the function.
   * @default - unknown
   */
  readonly logicalId?: string;
}
