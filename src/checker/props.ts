import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LeastPrivilegeMode } from './findings';

/**
 * What the templates cannot show. Every prop is optional: where something decisive is missing, the verdict is
 * UNKNOWN and its cause names the prop that would settle it.
 *
 * Policy documents are read when the checker is created (statements added to them later are not seen). They describe
 * things outside the app, so they cannot reference its resources; L2 principals with literal accounts
 * (`new iam.AccountPrincipal('111111111111')`) are fine, while `AccountRootPrincipal()` or `Aws.ACCOUNT_ID`, which
 * have no single value outside a stack, are refused with the prop's name.
 */
export interface WriteAccessCheckerProps {
  /**
   * The service control policies that apply to the accounts of the app: one document per level of the
   * organization, root first, account last. Merge the SCPs attached at one level into one document: statements of
   * the SCPs at a level combine exactly like the statements of one policy (an Allow in any of them allows, a Deny in
   * any of them denies). At every level something must allow the write, so include the `FullAWSAccess` statement
   * where it is attached.
   *
   * @default - not given: SCPs are assumed to allow, and each finding says so in its notes
   */
  readonly serviceControlPolicies?: iam.PolicyDocument[];

  /**
   * The resource control policies that apply to the buckets and keys: one document per level, root first, merged
   * per level like `serviceControlPolicies`.
   *
   * @default - not given: RCPs are assumed to allow, and each finding says so in its notes
   */
  readonly resourceControlPolicies?: iam.PolicyDocument[];

  /**
   * The AWS Organizations ID the accounts of the app belong to (`o-...`), for `aws:PrincipalOrgID` conditions.
   *
   * @default - unknown: conditions on `aws:PrincipalOrgID` make the verdict UNKNOWN
   */
  readonly organizationId?: string;

  /**
   * Bucket policies of buckets outside the app (imported with `Bucket.fromBucketName` and the like), by bucket name.
   *
   * @default - none: writes to buckets outside the app are UNKNOWN where their policy matters
   */
  readonly externalBucketPolicies?: { [bucketName: string]: iam.PolicyDocument };

  /**
   * Accounts that own buckets outside the app, by bucket name.
   *
   * @default - none: the owner of an imported bucket is unknown unless the import names its account
   */
  readonly externalBucketAccounts?: { [bucketName: string]: string };

  /**
   * Whether buckets outside the app have Requester Pays on, by bucket name. With it on, a write from another account
   * must send `x-amz-request-payer: requester` (S3 User Guide, "Downloading objects in Requester Pays buckets").
   *
   * @default - Requester Pays is assumed off for every bucket outside the app, and each finding that relies on it says so
   */
  readonly requesterPaysBuckets?: { [bucketName: string]: boolean };

  /**
   * Key policies of KMS keys outside the app (imported with `Key.fromKeyArn`), by key ARN.
   *
   * @default - none: writes that use a key outside the app are UNKNOWN where its policy matters
   */
  readonly externalKeyPolicies?: { [keyArn: string]: iam.PolicyDocument };

  /**
   * Managed policies outside the app (for example a permissions boundary created by the bootstrap stack), by ARN.
   *
   * @default - none: AWS managed policies of the bundled table are known, others are UNKNOWN
   */
  readonly externalManagedPolicies?: { [policyArn: string]: iam.PolicyDocument };

  /**
   * Account-level S3 Block Public Access settings, by account ID (`'*'` for every account).
   *
   * @default - unknown: only the buckets' own settings are used
   */
  readonly accountBlockPublicAccess?: { [accountId: string]: s3.BlockPublicAccessOptions };

  /**
   * The account to assume for environment-agnostic stacks.
   *
   * @default - unknown: environment-agnostic stacks are assumed to share one unknown account
   */
  readonly defaultAccount?: string;

  /**
   * Fail synth on CONDITIONAL and UNKNOWN findings too, not only on DENY.
   *
   * @default false
   */
  readonly strict?: boolean;

  /**
   * Report findings in stacks inside nested Stages (CDK Pipelines stages) to every `cdk` command, whatever stacks it
   * selects. The CDK command line shows only the validation results of the stacks a command selects, and `cdk synth`
   * selects the top-level stacks only: without this, a pipeline's synth step would pass a DENY in a pipeline stage.
   * Such findings are then reported on no construct (the message names the function); acknowledge them on the
   * function, its role, its bucket or an ancestor as usual.
   *
   * @default true
   */
  readonly alwaysReportNestedStages?: boolean;

  /**
   * Write `write-access-report.json` (every finding, ALLOW included) into the cloud assembly directory.
   *
   * @default true
   */
  readonly reportFile?: boolean;

  /**
   * Print nothing of the checker's own to the console. Otherwise, when the app runs under the CDK command line, the
   * checker prints one summary line to standard error (`WriteAccessChecker: 3 writes checked: 2 ALLOW, 1 DENY, …`),
   * and, on aws-cdk-lib versions before 2.257 (whose validation hook never prints the report of a plugin that
   * succeeded), one line per warning. Errors are always reported by the CDK itself.
   *
   * @default false
   */
  readonly quiet?: boolean;

  /**
   * Least privilege: for each writer's role, what it can do beyond its writes (each excess traced to the statement that
   * grants it, with the policy that grants exactly its writes), and who else can write to each bucket. WARN reports them
   * as warnings (a bucket anyone can write to without a limiting condition is an error), ERROR fails synth on each,
   * OFF skips the analysis. Acknowledge with `WriteAccessChecker.acknowledgeLeastPrivilege`. `quiet` does not hide them:
   * like every finding they are the CDK's validation report.
   *
   * @default LeastPrivilegeMode.WARN
   */
  readonly leastPrivilege?: LeastPrivilegeMode;
}
