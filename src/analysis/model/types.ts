import { BucketSettings } from './bucket-settings';
import { CredentialSources } from './credential-sources';
import { NetworkResource } from './network-resource';
import { Tri } from '../../iam/tri';
import { ResourceEntry } from '../cfn/assembly-index';
import { InputError } from '../cfn/input-errors';
import { StackResolver } from '../cfn/resolve';

/**
 * The app as the analysis sees it: functions, roles and their policies, buckets, keys and the network pieces,
 * with every value resolved (strings may carry atoms). Plain data built once per assembly.
 */

/** Where a policy document lives, for messages, SARIF and fixes. */
export interface PolicySource {
  /** What a person calls it: `inline policy "Write" of role Stack/Fn/ServiceRole`. */
  readonly description: string;
  /** Construct path (or ARN for a policy outside the app). */
  readonly location: string;
  readonly templatePath?: string;
  readonly logicalId?: string;
  /** JSON path of the document inside the resource, e.g. `Properties/PolicyDocument`. */
  readonly documentPath?: string;
  /** The environment prop it came from, or that would supply it. */
  readonly environmentProp?: string;
}

/** One policy document and its origin. `document` undefined means its content is not known (`missing` says why). */
export interface PolicyDoc {
  /** Unique id, passed to the evaluator as the policy id. */
  readonly id: string;
  readonly document?: unknown;
  readonly missing?: string;
  readonly source: PolicySource;
  /** For documents combined from several resources (bucket policies): statement index → its origin. */
  readonly origins?: readonly { readonly source: PolicySource; readonly index: number }[];
  /**
   * Whether the policy is in force; absent means 'true'. 'unknown' when the templates do not decide it: the
   * resource's CloudFormation `Condition` depends on deploy-time values, or the bucket has several bucket policy
   * resources (S3 keeps one). Such a document is handed out with every statement already made to apply 'unknown'
   * (`in-force.ts`), so its Allows and Denies both come out unknown with no help from the evaluator.
   */
  readonly inForce?: Tri;
  /** Why `inForce` is 'unknown': names the Condition, or the competing bucket policies. */
  readonly inForceReason?: string;
}

export type Tags = Readonly<Record<string, string>>;

export interface RoleModel {
  readonly entry?: ResourceEntry;
  /** Construct path, or the ARN for a role outside the app. */
  readonly display: string;
  readonly name: string;
  readonly arn: string;
  readonly account: string;
  readonly partition: string;
  readonly tags: Tags;
  readonly identity: readonly PolicyDoc[];
  readonly boundary?: PolicyDoc;
  /** The role is not a resource of the app (its policies outside the templates are unknown). */
  readonly external: boolean;
}

export interface VpcAttachment {
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
}

export interface FunctionModel {
  readonly entry: ResourceEntry;
  readonly display: string;
  readonly name: string;
  readonly arn: string;
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  /** The resolved `Role` property (a role ARN). */
  readonly roleArn?: string;
  readonly role?: RoleModel;
  readonly vpc?: VpcAttachment;
  /** The resolved `VpcConfig` property as written (for the network gate). */
  readonly vpcConfig?: unknown;
  readonly tags: Tags;
  readonly environment: Readonly<Record<string, unknown>>;
  /** The raw write-intent metadata, read by intents/declared.ts. */
  readonly recordedIntents?: unknown;
}

export interface BucketEncryption {
  /** `AES256`, `aws:kms`, `aws:kms:dsse`. */
  readonly algorithm: string;
  /** The resolved `KMSMasterKeyID` (key ID, key ARN, alias name or alias ARN); absent = AWS managed `aws/s3`. */
  readonly kmsMasterKeyId?: string;
  readonly bucketKeyEnabled: boolean;
}

export interface BucketModel {
  readonly entry?: ResourceEntry;
  /** Construct path, or the literal name/ARN of a bucket outside the app. */
  readonly display: string;
  readonly name: string;
  readonly arn: string;
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  /** Undefined for an app bucket means no default encryption rule (SSE-S3 applies); for an external one, unknown. */
  readonly encryption?: BucketEncryption;
  /** The settings the gates read (Object Ownership, Block Public Access, Object Lock, ABAC and tags…); undefined outside the app. */
  readonly settings?: BucketSettings;
  /** The bucket policy (several `AWS::S3::BucketPolicy` combined); undefined when the app bucket has none. */
  readonly policy?: PolicyDoc;
  readonly external: boolean;
  /** Why some of this bucket's facts are assumed (external buckets), for notes. */
  readonly assumptions: readonly string[];
}

export interface KeyModel {
  readonly entry?: ResourceEntry;
  readonly display: string;
  readonly arn: string;
  readonly keyId: string;
  readonly account: string;
  readonly region: string;
  readonly policy: PolicyDoc;
  readonly enabled: boolean;
  /** Alias names (`alias/x`) that point at the key in the app. */
  readonly aliases: readonly string[];
  /** The AWS managed `aws/s3` key of an account. */
  readonly awsManaged: boolean;
  readonly external: boolean;
}

/** A resource kept with its resolved properties, for the gates (VPC endpoints, subnets, route tables, access points). */
export interface RawModel {
  readonly entry: ResourceEntry;
  readonly display: string;
  readonly properties: Readonly<Record<string, unknown>>;
  /** Resolved `Ref` of the resource (its physical ID, usually generated). */
  readonly ref: string;
}

export interface NetworkModel {
  /** EC2 resources that route traffic (subnets, routes, NAT, VPC endpoints…), in the gates' shape. */
  readonly resources: readonly NetworkResource[];
  readonly accessPoints: readonly RawModel[];
}

export interface AppModel {
  readonly functions: readonly FunctionModel[];
  readonly roles: readonly RoleModel[];
  readonly buckets: readonly BucketModel[];
  readonly keys: readonly KeyModel[];
  readonly network: NetworkModel;
  /** Resources that can hand a function credentials other than its role's (Access Grants, assumable roles…). */
  readonly credentialSources: CredentialSources;
  /** Things worth a note (a nested stack analysed on its own). */
  readonly problems: readonly string[];
  /**
   * What could not be read at all (cfn/input-errors.ts). The resolver keeps adding to it while intents are
   * decided (properties are resolved lazily): read it after the last decision.
   */
  readonly inputErrors: readonly InputError[];
  /** `artifactId/logicalId` → construct path, to show generated names readably. */
  readonly names: ReadonlyMap<string, string>;
  /** Whether some stack is environment-agnostic (the shared-account assumption then applies). */
  readonly agnostic: boolean;
  resolverFor(entry: ResourceEntry): StackResolver;
}
