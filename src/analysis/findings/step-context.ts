import { AuthorizationRequest, Policy } from '../../iam/model';
import { ImpliedAction } from '../gates/request';
import { PolicyRegistry } from '../model/policy-registry';
import { CauseCode } from '../report';

/** What the interpretation of one decision needs to name things and propose fixes. */
export interface StepContext {
  /** 's3': the PutObject itself; 'extra': an action its headers imply; 'kms': the chained KMS call. */
  readonly kind: 's3' | 'extra' | 'kms';
  readonly action: string;
  readonly extra?: ImpliedAction;
  /** "function Stack/Fn (role Stack/Fn/ServiceRole) writing to Stack/Bucket (incoming/*)". */
  readonly subject: string;
  readonly roleDisplay: string;
  /** Readable ARNs for fixes. */
  readonly roleArn: string;
  readonly resourceArn: string;
  /** For 'kms': the key's construct path or ARN. */
  readonly keyDisplay?: string;
  readonly bucketDisplay: string;
  readonly keyPattern: string;
  /** Inferred intents: headers the profile does not mention may be sent. */
  readonly profileExact: boolean;
  /** Other roles of the app whose policies reach this bucket (for "the function uses another role"): asked when needed. */
  readonly otherRolesGranting: () => readonly string[];
  readonly registry: PolicyRegistry;
  /** The code for the resource-policy layer when it is not the bucket policy (an access point policy). */
  readonly resourceCode?: CauseCode;
  /** Set when a missing Allow is not conclusive for this evaluation (the reason): implicit denies become unknown. */
  readonly implicitDenyInconclusive?: string;
  /** The role's identity policies, to find the statement that nearly grants a denied action. */
  readonly identityPolicies: readonly Policy[];
  /** The request evaluated (set per evaluation). */
  readonly request?: AuthorizationRequest;
  readonly show: (value: string) => string;
}
