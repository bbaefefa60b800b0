/**
 * What the analysis reads: the templates of one cloud assembly (nested Stage assemblies flattened in), the
 * environment the templates cannot show, and nothing else. Plain JSON in; no CDK types.
 */

export interface StackTemplate {
  /** Unique stack identifier within the assembly: the artifact ID (e.g. `MyStage-MyStack`). */
  readonly artifactId: string;
  /** The stack's construct path (e.g. `MyStage/MyStack`), when known. */
  readonly stackPath?: string;
  /** The deployed stack name. */
  readonly stackName: string;
  /** Template file path relative to the root assembly directory (for reports and SARIF). */
  readonly templatePath: string;
  /** The parsed template. */
  readonly template: unknown;
  /** Concrete account/region, or undefined for an environment-agnostic stack. */
  readonly account?: string;
  readonly region?: string;
  /**
   * For a CloudFormation nested stack (CDK `NestedStack`): the stack that deploys it and its
   * `AWS::CloudFormation::Stack` resource there, whose `Parameters` feed this template's parameters and whose
   * `Fn::GetAtt [Resource, Outputs.X]` reads this template's outputs. Undefined for a stack artifact.
   */
  readonly nestedIn?: NestedStackLink;
}

/** Where a nested stack is deployed from. */
export interface NestedStackLink {
  /** The parent's `artifactId` (itself possibly a nested stack). */
  readonly artifactId: string;
  /** The logical ID of the parent's `AWS::CloudFormation::Stack` resource. */
  readonly logicalId: string;
}

/** One policy document the user supplied for something outside the templates. */
export interface ExternalPolicy {
  /** A name for messages (the prop or file it came from). */
  readonly name: string;
  /** The policy JSON. */
  readonly document: unknown;
}

/** The environment the templates cannot show. Every field is optional; what is missing makes verdicts UNKNOWN
 * (naming the field) only where it matters. */
export interface AnalysisEnvironment {
  /** SCPs per organisation level (root first, account last). Undefined = not given: assumed to allow, and said so. */
  readonly serviceControlPolicies?: readonly (readonly ExternalPolicy[])[];
  /** RCPs per level (root first, account last). */
  readonly resourceControlPolicies?: readonly (readonly ExternalPolicy[])[];
  /** The organisation ID the accounts belong to, for `aws:PrincipalOrgID`. */
  readonly organizationId?: string;
  /** Bucket policies of buckets outside the app, by bucket name. */
  readonly externalBucketPolicies?: Readonly<Record<string, unknown>>;
  /** Accounts that own buckets outside the app, by bucket name. */
  readonly externalBucketAccounts?: Readonly<Record<string, string>>;
  /**
   * Whether Requester Pays is on, by bucket name (CloudFormation cannot set it). A bucket not listed is assumed
   * off; for a cross-account bucket outside the app the assumption is noted. `true` makes a cross-account write
   * without `x-amz-request-payer: requester` a DENY.
   */
  readonly requesterPaysBuckets?: Readonly<Record<string, boolean>>;
  /** Key policies of keys outside the app, by key ARN. */
  readonly externalKeyPolicies?: Readonly<Record<string, unknown>>;
  /** Managed policies outside the app (e.g. a bootstrap permissions boundary), by ARN. */
  readonly externalManagedPolicies?: Readonly<Record<string, unknown>>;
  /** Account-level Block Public Access, by account ID ('*' for every account). */
  readonly accountBlockPublicAccess?: Readonly<Record<string, BlockPublicAccessSettings>>;
  /** The account to assume for environment-agnostic stacks, if known. */
  readonly defaultAccount?: string;
  /**
   * The instant no request precedes (ISO 8601): `aws:CurrentTime` and `aws:EpochTime` conditions that hold, or fail,
   * for every later instant are decided against it. Default: the moment the analysis runs (synth time).
   */
  readonly analysisTime?: string;
  /** Treat CONDITIONAL and UNKNOWN as failures too (the checker's strict mode). */
  readonly strict?: boolean;
}

export interface BlockPublicAccessSettings {
  readonly blockPublicAcls?: boolean;
  readonly ignorePublicAcls?: boolean;
  readonly blockPublicPolicy?: boolean;
  readonly restrictPublicBuckets?: boolean;
}

export interface AssemblyInput {
  readonly stacks: readonly StackTemplate[];
}
