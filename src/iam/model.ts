/**
 * The evaluator's data model: policies, requests, decisions and their traces.
 *
 * Pure data. Nothing here knows about CloudFormation or the CDK; strings may carry atoms (see `symbolic.ts`).
 */
import { Tri } from './tri';

// ---------------------------------------------------------------------------------------------------------
// Policies
// ---------------------------------------------------------------------------------------------------------

export type Effect = 'Allow' | 'Deny';
export type PolicyVersion = '2012-10-17' | '2008-10-17';

/** A Principal or NotPrincipal element, normalised to lists. */
export interface PrincipalSpec {
  /** `"Principal": "*"` or `{"AWS": "*"}`: everyone, anonymous included. */
  readonly wildcard: boolean;
  readonly aws: readonly string[];
  readonly service: readonly string[];
  readonly federated: readonly string[];
  readonly canonicalUser: readonly string[];
}

/** One condition test: operator (e.g. `StringNotEqualsIfExists`, `ForAnyValue:StringLike`), key, values. */
export interface ConditionClause {
  /** As written, e.g. `ForAllValues:StringLikeIfExists`. */
  readonly operator: string;
  /** As written; keys compare case-insensitively. */
  readonly key: string;
  /** Values as strings (numbers and booleans in the JSON are stringified). */
  readonly values: readonly string[];
}

export interface Statement {
  /** Position in the policy's Statement list (0-based), for messages when there is no Sid. */
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly principal?: PrincipalSpec;
  readonly notPrincipal?: PrincipalSpec;
  /** All clauses are ANDed. */
  readonly conditions: readonly ConditionClause[];
  /**
   * Set when the statement could not be read (missing Effect, unknown element, wrong type). A malformed
   * statement is never silently ignored: it makes every question it could answer 'unknown'.
   */
  readonly malformed?: string;
}

export interface Policy {
  /** Where the policy lives, for traces and messages: a construct path, logical ID or user-given name. */
  readonly id: string;
  readonly version: PolicyVersion;
  readonly statements: readonly Statement[];
  /** Problems with the document as a whole (not an object, no Statement…). Any entry makes it 'unknown'. */
  readonly errors: readonly string[];
}

// ---------------------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------------------

/** A context value the templates do not fix. `reason` says why; `mayBeAbsent` that the key may not be sent at all. */
export interface UnknownValue {
  readonly unknown: string;
  readonly mayBeAbsent?: boolean;
  /**
   * For a time (`aws:CurrentTime`, `aws:EpochTime`): the value is one instant at or after this one (ISO 8601), the
   * moment the analysis ran — time only grows. A Date or Numeric comparison that comes out the same for every such
   * instant is decided (evaluate-comparison.ts).
   */
  readonly notBefore?: string;
}

/**
 * A context value: a single string, a multi-valued set, or unknown. A key missing from the context is *absent*,
 * which is different from unknown (absent keys make positive operators false and negated ones true).
 */
export type ContextValue = string | readonly string[] | UnknownValue;

/** Context keys as written; lookups are case-insensitive. */
export type RequestContext = Readonly<Record<string, ContextValue>>;

export type PrincipalKind = 'AssumedRole' | 'User' | 'Root' | 'Service' | 'Anonymous';

export interface RequestPrincipal {
  readonly kind: PrincipalKind;
  /** The ARN AWS authenticates: the session ARN for a role session (`arn:aws:sts::A:assumed-role/R/S`). */
  readonly arn: string;
  /** For a role session: the role's ARN (`arn:aws:iam::A:role/path/R`), which resource policies may name. */
  readonly roleArn?: string;
  /** The principal's account ID. */
  readonly account: string;
  /** For kind 'Service': the service principal, e.g. `lambda.amazonaws.com`. */
  readonly service?: string;
  /** Canonical user ID, if the caller knows it. */
  readonly canonicalUserId?: string;
}

export interface AuthorizationRequest {
  readonly principal: RequestPrincipal;
  /** `service:Action`, e.g. `s3:PutObject`. */
  readonly action: string;
  /** Resource ARN. */
  readonly resource: string;
  /** Account that owns the resource. */
  readonly resourceAccount: string;
  readonly context: RequestContext;
}

// ---------------------------------------------------------------------------------------------------------
// Policy sets
// ---------------------------------------------------------------------------------------------------------

/** The layers AWS evaluates (the names S3's enhanced AccessDenied messages use). */
export type Layer = 'identity' | 'resource' | 'boundary' | 'scp' | 'rcp' | 'session' | 'vpce';

/**
 * A layer whose content is not known (an SCP we were not given, an external boundary ARN). Evaluation treats
 * it as possibly denying and possibly not allowing: the answer becomes 'unknown' with this reason.
 */
export interface UnknownLayer {
  readonly unknownPolicy: string;
}

export interface PolicySet {
  /** Identity policies of the principal (inline and managed). */
  readonly identity: readonly Policy[];
  /** The resource-based policy: a bucket policy, access point policy or KMS key policy. */
  readonly resource?: Policy | UnknownLayer;
  /**
   * How the resource policy composes. 'default' (S3 and most services): same-account union with identity.
   * 'kms': the key policy must allow the principal itself or delegate to its account; an identity allow alone
   * never suffices.
   */
  readonly resourceKind?: 'default' | 'kms';
  /** The permissions boundary of the principal, if it has one. */
  readonly permissionsBoundary?: Policy | UnknownLayer;
  /** SCPs by organisation level, root first and the principal's account last; every level must allow. */
  readonly serviceControlPolicies?: readonly (readonly Policy[])[] | UnknownLayer;
  /** RCPs by level, root first and the resource's account last (RCPFullAWSAccess is implied at each level). */
  readonly resourceControlPolicies?: readonly (readonly Policy[])[] | UnknownLayer;
  /** A session policy, if one was passed (Lambda passes none). */
  readonly sessionPolicy?: Policy | UnknownLayer;
  /** Policies of the VPC endpoints the request passes through. */
  readonly vpcEndpointPolicies?: readonly Policy[];
}

// ---------------------------------------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------------------------------------

/**
 * How a resource-policy statement's Principal matched the request principal (the role-ARN rule: IAM User Guide,
 * "Policy evaluation logic" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html);
 * "Permissions boundaries for IAM entities" (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html)).
 */
export type PrincipalMatch =
  | 'wildcard' // "*": grants directly
  | 'session' // the session / user ARN itself: grants directly
  | 'role' // the role ARN: grants, but boundary and session policy still limit it
  | 'account' // the account: delegates to the account's identity policies
  | 'service'
  | 'none';

/** A pointer to a statement, for messages. */
export interface StatementRef {
  readonly layer: Layer;
  readonly policyId: string;
  readonly index: number;
  readonly sid?: string;
}

/** Why one condition clause came out as it did. */
export interface ConditionTrace {
  readonly operator: string;
  readonly key: string;
  readonly result: Tri;
  /** e.g. "key absent: negated operator is true", "value unknown: <reason>". */
  readonly reason: string;
}

/** How one statement applied to the request. */
export interface StatementTrace {
  readonly statement: StatementRef;
  readonly effect: Effect;
  /** Does the statement apply (action, resource, principal and all conditions)? */
  readonly applies: Tri;
  readonly action: Tri;
  readonly resource: Tri;
  /** For resource policies: how the principal matched. */
  readonly principal?: { readonly result: Tri; readonly match: PrincipalMatch };
  readonly conditions: readonly ConditionTrace[];
  /** Set when the statement is malformed or its policy unreadable. */
  readonly problem?: string;
}

export type Outcome = 'allow' | 'explicit-deny' | 'implicit-deny' | 'unknown';

/** Something the decision depends on that is not known. */
export interface Dependency {
  readonly layer: Layer;
  readonly policyId: string;
  readonly statement?: StatementRef;
  /** The context key whose value is missing, when the dependency is a key. */
  readonly key?: string;
  readonly reason: string;
}

export interface Decision {
  readonly outcome: Outcome;
  /** For a deny: the layers that denied (explicitly) or failed to allow (implicitly). */
  readonly blockedBy: readonly Layer[];
  /** Statements that decided it: the matching Deny(s), or the Allow(s) that granted it. */
  readonly decisive: readonly StatementRef[];
  /** Present when the outcome is 'unknown', and for definite answers reached despite some unknowns. */
  readonly dependsOn: readonly Dependency[];
  /** Whether principal and resource are in the same account ('unknown' when an account is an atom). */
  readonly sameAccount: Tri;
  /** Every statement that applied or might have applied, and those whose action matched but not the rest, in evaluation order. */
  readonly trace: readonly StatementTrace[];
}
