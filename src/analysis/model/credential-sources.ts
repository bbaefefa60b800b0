import { sourceOf, stringList } from './helpers';
import { withDoubt } from './in-force';
import { managedPolicyByArn } from './managed-policy-lookup';
import { PolicyResources } from './roles';
import { PolicyDoc } from './types';
import { describeSymbolic } from '../../iam/symbolic';
import { isRecord, ResourceEntry, StackInfo } from '../cfn/assembly-index';
import { opaque } from '../cfn/opaque';
import { AssemblyResolver } from '../cfn/resolve';
import { AnalysisEnvironment } from '../input';

/**
 * Resources of the app that can hand a function credentials other than its execution role's, with which it may
 * write to a bucket by a path the analysis does not evaluate (decide/other-write-paths.ts). Only their facts are
 * read here; which of them reach a given write is decided per intent.
 *
 * - S3 Access Grants (`AWS::S3::AccessGrant`, `AccessGrantsLocation`): the grantee calls `s3:GetDataAccess` and
 *   writes with the temporary credentials S3 Access Grants vends (S3 User Guide, "Request access to Amazon S3 data
 *   through S3 Access Grants", https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-grants-credentials.html).
 * - Lake Formation registered locations (`AWS::LakeFormation::Resource`): Lake Formation vends credentials for
 *   the registered Amazon S3 location (Lake Formation Developer Guide, "Accessing Amazon S3 locations",
 *   https://docs.aws.amazon.com/lake-formation/latest/dg/accessing-s3-locations.html).
 * - Roles of the app another principal may obtain: by `sts:AssumeRole` (role chaining; IAM User Guide, "Methods to
 *   assume a role", https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage-assume.html) or from a Cognito
 *   identity pool (`AWS::Cognito::IdentityPoolRoleAttachment`; Cognito Developer Guide, "Identity pools
 *   authentication flow", https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html).
 * - Access keys of IAM users (`AWS::IAM::AccessKey`) whose secret the app passes on (`Fn::GetAtt … SecretAccessKey`
 *   is the only way to read it; IAM User Guide, "Manage access keys for IAM users",
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html).
 */

/** An `AWS::S3::AccessGrant`, its properties resolved (any of them may be an atom or missing). */
export interface AccessGrantSource {
  readonly display: string;
  readonly granteeType: unknown;
  readonly granteeIdentifier: unknown;
  readonly permission: unknown;
  readonly locationId: unknown;
  /** Region, account and partition of its stack: the Access Grants instance is `access-grants/default` there. */
  readonly region: string;
  readonly account: string;
  readonly partition: string;
}

/** An `AWS::S3::AccessGrantsLocation`: the ID a grant names it by, and its scope (`s3://`, `s3://bucket/prefix`). */
export interface AccessGrantsLocationSource {
  readonly display: string;
  readonly id: string;
  readonly scope: unknown;
}

/** An `AWS::LakeFormation::Resource`: the Amazon S3 location it registers. */
export interface LakeFormationLocationSource {
  readonly display: string;
  readonly resourceArn: unknown;
}

/** The role ARNs an `AWS::Cognito::IdentityPoolRoleAttachment` hands out (`Roles`, and the roles of `RoleMappings`). */
export interface IdentityPoolRolesSource {
  readonly display: string;
  readonly roleArns: readonly string[];
  /** Some role of the attachment is not a plain string (unresolved): it may be any role. */
  readonly unreadable: boolean;
}

/** An IAM user of the app: what its access keys are allowed to do. */
export interface UserModel {
  readonly display: string;
  readonly arn: string;
  readonly account: string;
  readonly identity: readonly PolicyDoc[];
  readonly boundary?: PolicyDoc;
}

/** An `AWS::IAM::AccessKey` whose secret the app references; `user` undefined when the user is not of the app. */
export interface ExposedAccessKeySource {
  readonly display: string;
  readonly userName: unknown;
  readonly user?: UserModel;
}

export interface CredentialSources {
  readonly accessGrants: readonly AccessGrantSource[];
  readonly accessGrantsLocations: readonly AccessGrantsLocationSource[];
  readonly lakeFormationLocations: readonly LakeFormationLocationSource[];
  readonly identityPoolRoles: readonly IdentityPoolRolesSource[];
  readonly exposedAccessKeys: readonly ExposedAccessKeySource[];
}

export function buildCredentialSources(entries: readonly ResourceEntry[], resolver: AssemblyResolver, policies: PolicyResources,
  environment: AnalysisEnvironment): CredentialSources {
  const ofType = (type: string) => entries.filter((e) => e.type === type);
  const props = (e: ResourceEntry) => resolver.forStack(e.stack).properties(e);
  return {
    accessGrants: ofType('AWS::S3::AccessGrant').map((e) => accessGrant(e, props(e), resolver)),
    accessGrantsLocations: ofType('AWS::S3::AccessGrantsLocation').map((e) => ({
      display: e.display,
      id: resolver.forStack(e.stack).resolveString({ 'Fn::GetAtt': [e.logicalId, 'AccessGrantsLocationId'] }) ?? opaque(`ID of ${e.display}`),
      scope: props(e).LocationScope,
    })),
    lakeFormationLocations: ofType('AWS::LakeFormation::Resource').map((e) => ({ display: e.display, resourceArn: props(e).ResourceArn })),
    identityPoolRoles: ofType('AWS::Cognito::IdentityPoolRoleAttachment').map((e) => identityPoolRoles(e, props(e))),
    exposedAccessKeys: ofType('AWS::IAM::AccessKey')
      .filter((e) => !isInactive(props(e).Status) && secretIsReferenced(e))
      .map((e) => {
        const userName = props(e).UserName;
        return { display: e.display, userName, user: userOfApp(userName, entries, resolver, policies, environment) };
      }),
  };
}

function accessGrant(entry: ResourceEntry, p: Record<string, unknown>, resolver: AssemblyResolver): AccessGrantSource {
  const env = resolver.forStack(entry.stack).env;
  const grantee = isRecord(p.Grantee) ? p.Grantee : {};
  return {
    display: entry.display,
    granteeType: p.Grantee === undefined ? undefined : isRecord(p.Grantee) ? grantee.GranteeType : opaque(`Grantee of ${entry.display}`),
    granteeIdentifier: isRecord(p.Grantee) ? grantee.GranteeIdentifier : opaque(`Grantee of ${entry.display}`),
    permission: p.Permission,
    locationId: p.AccessGrantsLocationId,
    region: env.region,
    account: env.account,
    partition: env.partition,
  };
}

/** Every string under `Roles` and `RoleMappings` is a role ARN the pool may hand out; anything else is unreadable. */
function identityPoolRoles(entry: ResourceEntry, p: Record<string, unknown>): IdentityPoolRolesSource {
  const roleArns: string[] = [];
  let unreadable = false;
  const walk = (value: unknown, depth: number): void => {
    if (depth > 8) {
      unreadable = true;
    } else if (typeof value === 'string') {
      roleArns.push(value);
    } else if (Array.isArray(value)) {
      value.forEach((v) => walk(v, depth + 1));
    } else if (isRecord(value)) {
      Object.values(value).forEach((v) => walk(v, depth + 1));
    } else if (value !== undefined && value !== null && typeof value !== 'boolean' && typeof value !== 'number') {
      unreadable = true;
    }
  };
  walk(p.Roles, 0);
  if (isRecord(p.RoleMappings)) walk(collectRoleArns(p.RoleMappings), 0);
  else if (p.RoleMappings !== undefined) unreadable = true;
  return { display: entry.display, roleArns, unreadable };
}

/** The `RoleARN` values of `RoleMappings` rules (its other strings are claims and match types, not roles). */
function collectRoleArns(mappings: Record<string, unknown>): unknown[] {
  const found: unknown[] = [];
  for (const mapping of Object.values(mappings)) {
    const rules = isRecord(mapping) && isRecord(mapping.RulesConfiguration) ? mapping.RulesConfiguration.Rules : undefined;
    if (!Array.isArray(rules)) continue;
    for (const rule of rules) if (isRecord(rule)) found.push(rule.RoleARN);
  }
  return found;
}

function isInactive(status: unknown): boolean {
  return typeof status === 'string' && status === 'Inactive';
}

/** Whether any template of the assembly reads the key's secret (`Fn::GetAtt [Key, SecretAccessKey]`, or in `Fn::Sub`). */
function secretIsReferenced(key: ResourceEntry): boolean {
  const id = escapeRegExp(key.logicalId);
  const pattern = new RegExp(`"Fn::GetAtt":\\s*\\[\\s*"${id}"\\s*,\\s*"SecretAccessKey"|"${id}\\.SecretAccessKey"|\\$\\{${id}\\.SecretAccessKey\\}`);
  return pattern.test(stackText(key.stack));
}

const stackTexts = new WeakMap<StackInfo, string>();

function stackText(stack: StackInfo): string {
  let text = stackTexts.get(stack);
  if (text === undefined) {
    try {
      text = JSON.stringify({ resources: stack.resources, outputs: stack.outputs }) ?? '';
    } catch {
      text = '';
    }
    stackTexts.set(stack, text);
  }
  return text;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The user an access key belongs to, when it is a user of the app: its inline, attached and managed policies and
 * its boundary. A user in groups gets an unknown document for them (group policies are not read), so what it may
 * do stays open rather than guessed.
 */
function userOfApp(userName: unknown, entries: readonly ResourceEntry[], resolver: AssemblyResolver, resources: PolicyResources,
  environment: AnalysisEnvironment): UserModel | undefined {
  if (typeof userName !== 'string') return undefined;
  const entry = entries.find((e) => e.type === 'AWS::IAM::User' && resolver.forStack(e.stack).resolveString({ Ref: e.logicalId }) === userName);
  if (!entry) return undefined;
  const r = resolver.forStack(entry.stack);
  const props = r.properties(entry);
  const identity: PolicyDoc[] = [];
  (Array.isArray(props.Policies) ? props.Policies : []).forEach((p, i) => identity.push({
    id: `${entry.display}#inline:${i}`,
    document: isRecord(p) ? p.PolicyDocument : undefined,
    missing: isRecord(p) ? undefined : 'the inline policy is not an object',
    source: sourceOf(entry, `inline policy #${i} of user ${entry.display}`, `Properties/Policies/${i}/PolicyDocument`),
  }));
  const managedArns = stringList(props.ManagedPolicyArns);
  for (const arn of managedArns) identity.push(managedPolicyByArn(arn, resources.managed, environment, 'managed policy'));
  for (const p of resources.attachedByUser.get(userName) ?? []) {
    identity.push(withDoubt({ id: p.entry.display, document: p.document, source: sourceOf(p.entry, `policy ${p.entry.display}`, 'Properties/PolicyDocument') }, p.doubt));
  }
  for (const p of resources.managedByUser.get(userName) ?? []) {
    if (managedArns.includes(p.arn)) continue;
    identity.push(withDoubt({ id: p.entry.display, document: p.document, source: sourceOf(p.entry, `managed policy ${p.entry.display}`, 'Properties/PolicyDocument') }, p.doubt));
  }
  if (props.Groups !== undefined && !(Array.isArray(props.Groups) && props.Groups.length === 0)) {
    identity.push({
      id: `${entry.display}#groups`,
      missing: `the policies of the groups of user ${entry.display} are not read`,
      source: { description: `the groups of user ${entry.display}`, location: entry.display },
    });
  }
  const boundary = typeof props.PermissionsBoundary === 'string' ? props.PermissionsBoundary : undefined;
  return {
    display: entry.display,
    arn: r.resolveString({ 'Fn::GetAtt': [entry.logicalId, 'Arn'] }) ?? opaque(`ARN of ${entry.display}`),
    account: r.env.account,
    identity,
    boundary: boundary ? managedPolicyByArn(boundary, resources.managed, environment, 'permissions boundary') : undefined,
  };
}

/** For messages: a resolved value as a person reads it. */
export function shown(value: unknown): string {
  return typeof value === 'string' ? describeSymbolic(value) : JSON.stringify(value) ?? String(value);
}
