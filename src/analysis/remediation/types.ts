import { ConditionClause, Effect } from '../../iam/model';
import { StatementOrigin } from '../model/policy-registry';

/**
 * Remediation as data: the steps that together make a denied (or conditional) write ALLOW, and whether the
 * analysis, re-run on the templates with the steps applied, found it so.
 */

/** The policy a statement step changes. */
export type PolicyKind = 'identity' | 'boundary' | 'bucket' | 'key' | 'endpoint' | 'access-point';

/** The resource whose policy (or property) a step changes. */
export interface StepTarget {
  /** Construct path (or `Stack/LogicalId`). */
  readonly path: string;
  /** Template file, relative to the cloud assembly. */
  readonly templatePath?: string;
  /** Logical ID of the resource whose policy receives the statement (or whose property is set). */
  readonly logicalId?: string;
  /** JSON path of the policy document inside the resource, when it is not the type's only one (a role's inline policies). */
  readonly documentPath?: string;
}

/** A CloudFormation policy statement, intrinsics allowed (the ones the target's template uses). */
export type StatementJson = Record<string, unknown>;

export interface AddStatementStep {
  readonly kind: 'ADD_STATEMENT';
  readonly policy: PolicyKind;
  readonly target: StepTarget;
  readonly statement: StatementJson;
  /** TypeScript (CDK) that does it. */
  readonly cdk?: string;
  /** One sentence: why. */
  readonly why: string;
}

export interface ReplaceStatementStep {
  readonly kind: 'REPLACE_STATEMENT';
  readonly policy: PolicyKind;
  readonly target: StepTarget;
  readonly sid?: string;
  /** Index in the resource's Statement list. */
  readonly index?: number;
  /** The statement to put in its place; null removes it. */
  readonly statement: StatementJson | null;
  readonly cdk?: string;
  readonly why: string;
}

export interface RequestStep {
  readonly kind: 'REQUEST';
  /** The WriteRequestProfile fields to set (null: do not send). */
  readonly set: Record<string, unknown>;
  /** The SDK parameter(s) the code must send. */
  readonly code: string;
  /** The declaration that states it, so the checker sees what the code sends. */
  readonly cdk: string;
  readonly why: string;
}

export interface SettingStep {
  readonly kind: 'SETTING';
  readonly target: StepTarget;
  /** CloudFormation property path, e.g. `Properties/Enabled`. */
  readonly property: string;
  readonly value: unknown;
  readonly cdk?: string;
  readonly why: string;
}

/**
 * A resource the app does not have yet (an S3 gateway endpoint on the function's route tables): the
 * CloudFormation resource, with the intrinsics its template uses, to create under `target.logicalId`.
 */
export interface AddResourceStep {
  readonly kind: 'ADD_RESOURCE';
  /** The template to add it to, and the logical ID to create (`path`: the construct path it would have). */
  readonly target: StepTarget;
  /** `{ Type, Properties }` as it would stand in the template's Resources. */
  readonly resource: Record<string, unknown>;
  readonly cdk?: string;
  readonly why: string;
}

export interface ExternalStep {
  readonly kind: 'EXTERNAL';
  /** The SCP/RCP/external policy and the statement its owner must change. */
  readonly what: string;
}

export type RemediationStep = AddStatementStep | ReplaceStatementStep | RequestStep | SettingStep | AddResourceStep | ExternalStep;

export interface Remediation {
  readonly steps: readonly RemediationStep[];
  /** True only when the analysis re-run on the templates with the steps applied gives ALLOW for this write. */
  readonly verified: boolean;
  /** Why it is not verified, or why no steps can make the write pass (and what to change instead). */
  readonly reason?: string;
}

/**
 * What one deciding outcome needs for the write to pass, as the findings stage knows it (policies by origin, raw
 * values). The remediation builder turns needs into steps against the templates.
 */
export type Need =
  /** An Allow of `action` on `resource` (raw, may hold atoms) in a policy of kind `policy`. */
  | {
    readonly kind: 'grant';
    readonly policy: PolicyKind;
    readonly action: string;
    readonly resource: string;
    /** The policy that lacks it, when known (a boundary, an endpoint policy). */
    readonly policyId?: string;
  }
  /** Make the request meet one condition clause of a statement (send or do not send a header). */
  | { readonly kind: 'meet'; readonly clause: ConditionClause; readonly effect: Effect; readonly origin?: StatementOrigin }
  /** Send these request fields (profile form). */
  | { readonly kind: 'send'; readonly set: Record<string, unknown>; readonly why: string }
  /** An explicit Deny to lift (no request can avoid it). */
  | { readonly kind: 'lift'; readonly policy: PolicyKind; readonly origin: StatementOrigin; readonly notPrincipalSession?: boolean }
  /** Set a property of a resource of the app. */
  | { readonly kind: 'setting'; readonly target: StepTarget; readonly property: string; readonly value: unknown; readonly cdk?: string; readonly why: string }
  /** Create a resource in a template of the app. */
  | { readonly kind: 'resource'; readonly target: StepTarget; readonly resource: Record<string, unknown>; readonly cdk?: string; readonly why: string }
  /** Only someone outside the app can change it. */
  | { readonly kind: 'external'; readonly what: string };
