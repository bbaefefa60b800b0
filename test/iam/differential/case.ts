/**
 * One differential case: a policy set and a fully concrete request, as plain JSON, before either evaluator
 * reads it. `to-ours.ts` and `to-simulate.ts` turn it into each side's input.
 */
export type PolicyDocument = Record<string, unknown>;

export type CasePrincipalKind = 'AssumedRole' | 'User' | 'Service';

export interface CasePrincipal {
  readonly kind: CasePrincipalKind;
  /** Session ARN, user ARN, or the service principal name. */
  readonly arn: string;
  readonly roleArn?: string;
  readonly account: string;
  readonly service?: string;
}

export interface DiffCase {
  readonly index: number;
  readonly principal: CasePrincipal;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string;
  /** Concrete values only: every key is present with a value, or absent. */
  readonly context: Record<string, string | string[]>;
  readonly identity: readonly PolicyDocument[];
  readonly resourcePolicy?: PolicyDocument;
  readonly resourceKind: 'default' | 'kms';
  readonly boundary?: PolicyDocument;
  /** Root first, the account last. */
  readonly scps?: readonly (readonly PolicyDocument[])[];
  /** Root first, the account last; RCPFullAWSAccess is implied at every level on both sides. */
  readonly rcps?: readonly (readonly PolicyDocument[])[];
  readonly session?: PolicyDocument;
  readonly vpce?: readonly PolicyDocument[];
}

export type SimOutcome = 'allow' | 'explicit-deny' | 'implicit-deny';
