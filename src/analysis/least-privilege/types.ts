/**
 * The least-privilege part of the report: what each writer's role can do beyond its writes (`excess`), the policy
 * that would grant exactly its writes (`leastPrivilege`), who else can write to each bucket (`writers`), and the tags
 * each write relies on. Additional to the findings: no verdict depends on it.
 */
import { IntentSource } from '../report';

/** Why a permission is more than the writes need. */
export type ExcessKind =
  /** An S3 action on the intent's bucket the writes do not need (read, delete, ACL, bucket settings…). */
  | 'not-needed'
  /** `s3:PutObject` (or another object action) outside the keys the intent writes. */
  | 'outside-prefix'
  /** S3 write or delete on a bucket of the app no function of the role means to write to. */
  | 'no-intent'
  /** An S3 write action granted on `Resource: "*"` (any bucket, in any account that lets it). */
  | 'any-bucket'
  /** A KMS action on the intent's key the writes do not need (Decrypt without multipart, key-policy changes…). */
  | 'kms';

/**
 * What one statement grants the role beyond its writes on one resource: the excess actions, traced to the statement.
 * One entry per granting statement and resource (and kind, and condition), naming all its actions: `grantReadWrite`
 * on a bucket is two entries (its object and its bucket actions), not eleven.
 */
export interface ExcessPermission {
  readonly kind: ExcessKind;
  /** The action, when there is one (see `actions`). */
  readonly action?: string;
  /** Every excess action the statement grants on the resource, e.g. `s3:GetObject`, `s3:DeleteObject`. */
  readonly actions: readonly string[];
  /** The resource as the granting statement names it (generated names shown as `<construct path.Attr>`). */
  readonly resource: string;
  /** Sid of the granting statement, or its index as `#3`. */
  readonly statement: string;
  /** Construct path (or ARN) of the policy that holds the statement. */
  readonly location: string;
  readonly templatePath?: string;
  readonly logicalId?: string;
  /** JSON path of the statement inside the resource. */
  readonly jsonPath?: string;
  /** Construct path of the bucket (S3 actions), when one bucket is concerned. */
  readonly bucket?: string;
  /** The KMS key (KMS actions). */
  readonly key?: string;
  /** Set when the action is allowed only under a condition on the request: the statement's clauses that must hold. */
  readonly condition?: string;
  /** One sentence: what is granted, why it is more than needed. */
  readonly message: string;
  /** Set when a CDK acknowledgement of `WriteAccessChecker::EXCESS_PERMISSION` covers it (all its actions). */
  readonly acknowledged?: { readonly reason: string };
}

/** A tag a write's authorization reads, and whether it is there. */
export interface TagReliance {
  /** The condition key, e.g. `aws:PrincipalTag/team`. */
  readonly key: string;
  /** Whose tag: the role (principal), the bucket or key (resource), the request, or the existing object. */
  readonly on: 'principal' | 'resource' | 'request' | 'object';
  /** 'carried' (value given), 'missing' (the templates show it is not there) or 'unknown'. */
  readonly status: 'carried' | 'missing' | 'unknown';
  /** The value carried, when `carried`. */
  readonly value?: string;
  /** The policies whose conditions read it (construct paths). */
  readonly readBy: readonly string[];
}

/** One write intent's share of the role's excess, and its tags. */
export interface IntentPrivilege {
  readonly function: string;
  readonly bucket: string;
  readonly keyPattern: string;
  readonly intent: IntentSource;
  readonly excess: readonly ExcessPermission[];
  readonly tags: readonly TagReliance[];
}

/** An IAM policy document: `{ Version, Statement }`. */
export interface PolicyDocumentJson {
  readonly Version: '2012-10-17';
  readonly Statement: readonly Record<string, unknown>[];
}

export interface LeastPrivilegePolicy {
  /** The statements, ARNs shown readably (generated names as `<construct path.Attr>`). */
  readonly document: PolicyDocumentJson;
  /**
   * The same statements ready for the role's template: a generated ARN is written as CloudFormation writes it
   * (`Fn::GetAtt`, `Fn::Join`), a literal one as the literal.
   */
  readonly cloudFormation: PolicyDocumentJson;
  /** What the policy leaves to the user (a bucket in another stack named by its readable ARN…). */
  readonly notes: readonly string[];
}

export interface RolePrivilege {
  /** Construct path of the role. */
  readonly role: string;
  readonly templatePath?: string;
  readonly logicalId?: string;
  /** The functions that run with it. */
  readonly functions: readonly string[];
  readonly intents: readonly IntentPrivilege[];
  /** Every excess of the role, once (those of its intents, plus buckets without intent and `Resource: "*"`). */
  readonly excess: readonly ExcessPermission[];
  /** One policy that grants exactly what its intents need. */
  readonly leastPrivilege: LeastPrivilegePolicy;
}

/** Who a writer is. */
export type WriterKind = 'role' | 'account' | 'principal' | 'anyone' | 'service';

export interface BucketWriter {
  readonly kind: WriterKind;
  /** Construct path of a role of the app; an account ID, an ARN, a service principal, or `*`. */
  readonly principal: string;
  /** The key patterns it can write, as the granting statements name them (`incoming/*`, `*`). */
  readonly prefixes: readonly string[];
  /** Set when the write is allowed only under a condition: the clauses that must hold. */
  readonly condition?: string;
  /** For `anyone`: whether the condition limits who can write (principal, organisation, network or source keys). */
  readonly limited?: boolean;
  /** Where the grant is: construct path of the policy, and the statement. */
  readonly location: string;
  readonly statement: string;
}

export interface BucketWriters {
  /** Construct path of the bucket. */
  readonly bucket: string;
  readonly writers: readonly BucketWriter[];
}

export type LeastPrivilegeIssueCode = 'EXCESS_PERMISSION' | 'OTHER_WRITER' | 'PUBLIC_WRITE';

/** One thing to report: an excess (warning), another writer under a writer's own prefix (warning), public write (error). */
export interface LeastPrivilegeIssue {
  readonly code: LeastPrivilegeIssueCode;
  /** 'error' only for PUBLIC_WRITE; the checker's `leastPrivilege` mode may raise the others. */
  readonly severity: 'warning' | 'error';
  readonly message: string;
  readonly fix?: string;
  /** Construct paths an acknowledgement may be made on, most specific first (policy, role, function, bucket). */
  readonly subjects: readonly string[];
  /** Where it is, for SARIF: the policy (or bucket) and statement. */
  readonly location?: string;
  readonly statement?: string;
  readonly templatePath?: string;
  readonly logicalId?: string;
  readonly jsonPath?: string;
  readonly role?: string;
  /** The functions that run with `role`. */
  readonly functions?: readonly string[];
  readonly bucket?: string;
  /** EXCESS_PERMISSION on a KMS key: the key. */
  readonly key?: string;
  /** EXCESS_PERMISSION: the resource as the granting statement names it (one statement may grant on several). */
  readonly resource?: string;
  /** The action, when the issue is about one (see `actions`). */
  readonly action?: string;
  /**
   * Every action the issue is about: for EXCESS_PERMISSION, the actions one statement grants on one resource beyond
   * the writes (one warning per granting statement, not per action).
   */
  readonly actions?: readonly string[];
  readonly acknowledged?: { readonly reason: string };
}

export interface LeastPrivilegeReport {
  readonly roles: readonly RolePrivilege[];
  readonly writers: readonly BucketWriters[];
  readonly issues: readonly LeastPrivilegeIssue[];
  /** What could not be analysed (the rest of the report still holds). */
  readonly problems?: readonly string[];
}
