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

/** What a remediation step changes. */
export enum RemediationStepKind {
  /** Add a statement to a policy of the app (`policy`, `target`, `statement`, `cdk`). */
  ADD_STATEMENT = 'ADD_STATEMENT',
  /** Replace (or, with `statement` null, remove) a statement the app wrote (`policy`, `target`, `sid`/`index`, `statement`). */
  REPLACE_STATEMENT = 'REPLACE_STATEMENT',
  /** Change what the code sends, and declare it (`set`, `code`, `cdk`). */
  REQUEST = 'REQUEST',
  /** Set a property of a resource of the app (`target`, `property`, `value`). */
  SETTING = 'SETTING',
  /**
   * Create a resource the app does not have (an S3 gateway endpoint on the function's route tables): `target`
   * (template and the logical ID to create), `resource` (its CloudFormation `Type` and `Properties`), `cdk`.
   */
  ADD_RESOURCE = 'ADD_RESOURCE',
  /** Only someone outside the app can change it (`what`). */
  EXTERNAL = 'EXTERNAL',
}

/** The resource a remediation step changes. */
export interface WriteAccessStepTarget {
  /** Construct path (or `Stack/LogicalId`). */
  readonly path: string;
  /**
   * Template file, relative to the cloud assembly.
   * @default - unknown
   */
  readonly templatePath?: string;
  /**
   * Logical ID of the resource whose policy receives the statement (or whose property is set).
   * @default - unknown
   */
  readonly logicalId?: string;
  /**
   * JSON path of the policy document inside the resource, when the type has several (a role's inline policies).
   * @default - the type's policy document
   */
  readonly documentPath?: string;
}

/** One step of a remediation. Which fields are set depends on `kind`. */
export interface WriteAccessRemediationStep {
  /** What the step changes. */
  readonly kind: RemediationStepKind;
  /**
   * The policy a statement step changes: `identity`, `boundary`, `bucket`, `key`, `endpoint` or `access-point`.
   * @default - not a statement step
   */
  readonly policy?: string;
  /**
   * The resource changed.
   * @default - REQUEST and EXTERNAL steps change no resource of the app
   */
  readonly target?: WriteAccessStepTarget;
  /**
   * The IAM statement as it would stand in the target's policy (CloudFormation intrinsics allowed); null in a
   * REPLACE_STATEMENT step removes the statement.
   * @default - not a statement step
   */
  readonly statement?: any;
  /**
   * Sid of the replaced statement.
   * @default - the statement has no Sid (see `index`)
   */
  readonly sid?: string;
  /**
   * Index of the replaced statement in its policy's Statement list.
   * @default - not a REPLACE_STATEMENT step
   */
  readonly index?: number;
  /**
   * REQUEST: the `WriteRequestProfile` fields to set (null: do not send).
   * @default - not a REQUEST step
   */
  readonly set?: { [field: string]: any };
  /**
   * REQUEST: the SDK parameters the code must send.
   * @default - not a REQUEST step
   */
  readonly code?: string;
  /**
   * TypeScript (CDK) that makes the change; for a REQUEST step, the declaration (`WriteAccessChecker.expectWrite`
   * or the SecureLambdaWriter props) that tells the checker what the code sends.
   * @default - none
   */
  readonly cdk?: string;
  /**
   * SETTING: the CloudFormation property path, e.g. `Properties/Enabled`.
   * @default - not a SETTING step
   */
  readonly property?: string;
  /**
   * SETTING: the value to set.
   * @default - not a SETTING step
   */
  readonly value?: any;
  /**
   * ADD_RESOURCE: the CloudFormation resource (`Type`, `Properties`, intrinsics as its template writes them) to add
   * under `target.logicalId`.
   * @default - not an ADD_RESOURCE step
   */
  readonly resource?: any;
  /**
   * EXTERNAL: the SCP, RCP or policy outside the app, and what its owner must change.
   * @default - not an EXTERNAL step
   */
  readonly what?: string;
  /**
   * One sentence: why the step is needed.
   * @default - EXTERNAL steps say it in `what`
   */
  readonly why?: string;
}

/** The steps that together make a denied or conditional write ALLOW. */
export interface WriteAccessRemediation {
  /** In order; empty when no step the app can take was found (`reason` says why). */
  readonly steps: WriteAccessRemediationStep[];
  /** True only when the analysis, re-run on the templates with the steps applied, gives ALLOW for this write. */
  readonly verified: boolean;
  /**
   * Why the steps are not verified, or why no set of steps can make the write pass and what to change instead.
   * @default - verified
   */
  readonly reason?: string;
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
   * For DENY and CONDITIONAL: the steps that make the write ALLOW, and whether a re-check with them applied says so.
   * @default - none (ALLOW or UNKNOWN)
   */
  readonly remediation?: WriteAccessRemediation;
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

/** How the checker reports least privilege: what each writer's role can do beyond its writes, and who else can write. */
export enum LeastPrivilegeMode {
  /** Excess permissions and other writers are warnings; a bucket anyone can write to is an error unless acknowledged. */
  WARN = 'warn',
  /** Every unacknowledged least-privilege finding fails synth. */
  ERROR = 'error',
  /** Least privilege is not analysed. */
  OFF = 'off',
}

/** The least-privilege rules: acknowledged like cause codes, as `WriteAccessChecker::<rule>`. */
export enum LeastPrivilegeRule {
  /** The role can do more than its writes need (read, delete, write elsewhere, change the bucket or key). */
  EXCESS_PERMISSION = 'EXCESS_PERMISSION',
  /** Another principal can write under a prefix a SecureLambdaWriter restricted to its own role. */
  OTHER_WRITER = 'OTHER_WRITER',
  /** Anyone (`Principal: "*"`) can write to the bucket without a condition that limits who. */
  PUBLIC_WRITE = 'PUBLIC_WRITE',
}

/**
 * What one statement grants a role beyond its writes on one resource: its excess actions, traced to the statement.
 * One entry per granting statement and resource (and kind, and condition): `grantReadWrite` on a bucket is two
 * entries (its object actions and its bucket actions), not eleven.
 */
export interface WriteAccessExcess {
  /** Why it is excess: `not-needed`, `outside-prefix`, `no-intent`, `any-bucket` or `kms`. */
  readonly kind: string;
  /** Every excess action the statement grants on the resource, e.g. `s3:GetObject`, `s3:DeleteObject`. */
  readonly actions: string[];
  /**
   * The action, when there is one.
   * @default - several: see `actions`
   */
  readonly action?: string;
  /** The resource as the granting statement names it (generated names shown as `<construct path>`). */
  readonly resource: string;
  /** Sid of the granting statement, or its index as `#3`. */
  readonly statement: string;
  /** Construct path (or ARN) of the policy that holds the statement. */
  readonly location: string;
  /** One sentence: what is granted and why it is more than needed. */
  readonly message: string;
  /**
   * Template file of `location`.
   * @default - unknown
   */
  readonly templatePath?: string;
  /**
   * Logical ID of `location`.
   * @default - unknown
   */
  readonly logicalId?: string;
  /**
   * JSON path of the statement inside the resource.
   * @default - unknown
   */
  readonly jsonPath?: string;
  /**
   * Construct path of the bucket, for S3 actions on one bucket.
   * @default - not about one bucket
   */
  readonly bucket?: string;
  /**
   * The KMS key, for KMS actions.
   * @default - not a KMS action
   */
  readonly key?: string;
  /**
   * The conditions under which the action is allowed, when it is allowed only under some.
   * @default - allowed whatever the request carries
   */
  readonly condition?: string;
  /**
   * Set when an acknowledgement of `WriteAccessChecker::EXCESS_PERMISSION` covers it (all its actions).
   * @default - not acknowledged
   */
  readonly acknowledged?: WriteAccessAcknowledgement;
}

/** A tag a write's authorization reads, and whether it is there. */
export interface WriteAccessTagUse {
  /** The condition key, e.g. `aws:PrincipalTag/team`. */
  readonly key: string;
  /** Whose tag: `principal`, `resource`, `request` or `object`. */
  readonly on: string;
  /** `carried`, `missing` or `unknown`. */
  readonly status: string;
  /**
   * The value carried.
   * @default - not carried, or unknown
   */
  readonly value?: string;
  /** Construct paths of the policies whose conditions read it. */
  readonly readBy: string[];
}

/** One write intent's excess and tags. */
export interface WriteIntentLeastPrivilege {
  /** Construct path of the function. */
  readonly function: string;
  /** Construct path of the bucket. */
  readonly bucket: string;
  /** The keys written, as an IAM-style pattern. */
  readonly keyPattern: string;
  /** Where the intent came from. */
  readonly intent: WriteIntentSource;
  /** What the role can do on this bucket and its key beyond this write. */
  readonly excess: WriteAccessExcess[];
  /** The tags the write's authorization reads. */
  readonly tags: WriteAccessTagUse[];
}

/** One role of the app's functions: its excess, and the policy that grants exactly its writes. */
export interface RoleLeastPrivilege {
  /** Construct path of the role. */
  readonly role: string;
  /** The functions that run with it. */
  readonly functions: string[];
  /** Its write intents, each with its excess and tags. */
  readonly intents: WriteIntentLeastPrivilege[];
  /** Every excess of the role, once. */
  readonly excess: WriteAccessExcess[];
  /** The least-privilege policy document (`{ Version, Statement }`), ARNs shown readably. */
  readonly leastPrivilegePolicy: any;
  /** The same document with generated ARNs as CloudFormation writes them (`Fn::GetAtt`, `Fn::Join`). */
  readonly leastPrivilegeCloudFormation: any;
  /** What the policy leaves to the user. */
  readonly notes: string[];
}

/** A principal that can `s3:PutObject` to a bucket. */
export interface BucketWriter {
  /** `role`, `account`, `principal`, `anyone` or `service`. */
  readonly kind: string;
  /** Construct path of a role of the app, an account ID, an ARN, a service principal, or `*`. */
  readonly principal: string;
  /** The key patterns it can write. */
  readonly prefixes: string[];
  /** Construct path of the policy that grants it. */
  readonly location: string;
  /** Sid of the granting statement, or its index as `#3`. */
  readonly statement: string;
  /**
   * The conditions under which it can write.
   * @default - whatever the request carries
   */
  readonly condition?: string;
  /**
   * For `anyone`: whether the condition limits who can write.
   * @default - not `anyone`
   */
  readonly limited?: boolean;
}

/** Who can write to one bucket of the app. */
export interface BucketWriters {
  /** Construct path of the bucket. */
  readonly bucket: string;
  /** Every principal that can write to it. */
  readonly writers: BucketWriter[];
}

/** One least-privilege finding, as reported to the CDK. */
export interface LeastPrivilegeIssue {
  /** The rule. */
  readonly rule: LeastPrivilegeRule;
  /** `warning` or `error`, before the checker's `leastPrivilege` mode applies. */
  readonly severity: string;
  /** What it is. */
  readonly message: string;
  /**
   * How to fix it.
   * @default - no fix
   */
  readonly fix?: string;
  /**
   * Construct path of the policy (or bucket) it is about.
   * @default - none
   */
  readonly location?: string;
  /**
   * The statement.
   * @default - none
   */
  readonly statement?: string;
  /**
   * Construct path of the role.
   * @default - not about one role
   */
  readonly role?: string;
  /**
   * Construct path of the bucket.
   * @default - not about one bucket
   */
  readonly bucket?: string;
  /**
   * The KMS key, for an EXCESS_PERMISSION on a key (one statement may grant on several keys).
   * @default - not about a KMS key
   */
  readonly key?: string;
  /**
   * For an EXCESS_PERMISSION: the resource as the granting statement names it (one statement may grant on several).
   * @default - not about one granted resource
   */
  readonly resource?: string;
  /**
   * The action, when the issue is about one.
   * @default - none, or several: see `actions`
   */
  readonly action?: string;
  /**
   * Every action it is about. An EXCESS_PERMISSION issue is one statement's grant on one resource: all the actions
   * it allows there beyond the writes, reported (and acknowledged) together.
   * @default - none
   */
  readonly actions?: string[];
  /**
   * Set when an acknowledgement covers it; it then no longer fails synth.
   * @default - not acknowledged
   */
  readonly acknowledged?: WriteAccessAcknowledgement;
}

/** The checker's least-privilege report of the last synth. */
export interface LeastPrivilegeFindings {
  /** Per role of the app's functions. */
  readonly roles: RoleLeastPrivilege[];
  /** Per bucket of the app. */
  readonly writers: BucketWriters[];
  /** What is reported to the CDK. */
  readonly issues: LeastPrivilegeIssue[];
}
