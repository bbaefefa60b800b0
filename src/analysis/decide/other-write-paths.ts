import { decideOpenRequest, mayBeAllowed } from './may-be-allowed';
import { organizationPolicies } from './organization-policies';
import { s3PolicySet } from './policy-sets';
import { globMatch } from '../../iam/match/glob';
import { ContextValue, PolicySet, RequestPrincipal } from '../../iam/model';
import { describeSymbolic, isSymbolic } from '../../iam/symbolic';
import { FALSE, or, TRUE, Tri, UNKNOWN } from '../../iam/tri';
import { isRecord } from '../cfn/assembly-index';
import { hasOpaque, opaque } from '../cfn/opaque';
import { AnalysisEnvironment } from '../input';
import { AccessGrantSource, AccessGrantsLocationSource, shown, UserModel } from '../model/credential-sources';
import { PolicyRegistry } from '../model/policy-registry';
import { reservedBucketName } from '../model/reserved-names';
import { AppModel, BucketModel, FunctionModel, RoleModel } from '../model/types';
import { functionPrincipalContext, lambdaPrincipal } from '../request/principal';
import { StepOutcome } from '../step-outcome';

/**
 * Other ways the app lets a function write to a bucket than signing with its execution role: credentials vended by
 * S3 Access Grants or Lake Formation, a role of the app it can assume or get from a Cognito identity pool, an IAM
 * user's access key the app passes on (model/credential-sources.ts says where each comes from). The analysis does
 * not evaluate those paths, so a DENY that rests on the execution role's own credentials is not conclusive when
 * one of them is open: it becomes UNKNOWN naming the resource (a false DENY fails a build that works).
 *
 * Resources that give no other way to write a general purpose bucket's objects, and are therefore not listed:
 * Object Lambda access points (they transform GET, LIST and HEAD requests only; S3 User Guide, "Best practices and
 * guidelines for S3 Object Lambda", https://docs.aws.amazon.com/AmazonS3/latest/userguide/olap-best-practices.html),
 * access points and Multi-Region Access Points (a request through one is a different request, declared with
 * `request.accessPoint`, and a direct request is not evaluated against their policies), directory buckets, S3 on
 * Outposts and S3 Tables (other resources and actions: `s3express:`, `s3-outposts:`, `s3tables:`), and IAM Identity
 * Center permission sets (they give roles that IAM Identity Center creates, never a function's execution role).
 */
export interface OtherWritePath {
  /** The resource that opens the path (construct path). */
  readonly location: string;
  /** What it lets the function do, and the AWS page that says so. */
  readonly reason: string;
}

export interface OtherPathInput {
  readonly fn: FunctionModel;
  readonly role: RoleModel;
  readonly bucket: BucketModel;
  readonly objectArn: string;
  readonly model: AppModel;
  readonly environment: AnalysisEnvironment;
  readonly registry: PolicyRegistry;
}

/**
 * The step outcomes of a write, with the DENYs that another way to write makes not conclusive turned UNKNOWN: those
 * resting on the role's own credentials when the app gives it others, and all of them when the target is not a
 * general purpose bucket. The other paths are looked for only when such a DENY exists.
 */
export function unlessAnotherWay(outcomes: readonly StepOutcome[], input: OtherPathInput): StepOutcome[] {
  const paths = outcomes.some((o) => o.result === 'deny' && o.credentialBound) ? withOtherWritePaths(outcomes, otherWritePaths(input)) : [...outcomes];
  return withReservedTarget(paths, input.bucket.external ? reservedBucketName(input.bucket.name) : undefined);
}

export function otherWritePaths(input: OtherPathInput): OtherWritePath[] {
  return [
    ...accessGrantPaths(input),
    ...lakeFormationPaths(input),
    ...assumableRolePaths(input),
    ...identityPoolPaths(input),
    ...accessKeyPaths(input),
  ];
}

/**
 * The outcomes with every DENY that rests on the function's own credentials made UNKNOWN, naming the paths. A
 * DENY no other principal escapes (a bucket-policy Deny of everyone, a gate: ACLs, Object Lock, the network) stays.
 */
export function withOtherWritePaths(outcomes: readonly StepOutcome[], paths: readonly OtherWritePath[]): StepOutcome[] {
  if (paths.length === 0) return [...outcomes];
  const notes = paths.map((p) => `another write path the checker does not evaluate: ${p.reason}`);
  return notConclusive(outcomes, paths.map((p) => p.reason).join('; '), notes, (o) => o.credentialBound === true);
}

/**
 * The outcomes with every DENY made UNKNOWN when the write's target is not a general purpose bucket at all (a name
 * S3 reserves for an access point alias, a directory bucket…: model/reserved-names.ts): none of the analysed
 * authorizations is the one AWS runs.
 */
export function withReservedTarget(outcomes: readonly StepOutcome[], why: string | undefined): StepOutcome[] {
  return why === undefined ? [...outcomes] : notConclusive(outcomes, why, [], () => true);
}

function notConclusive(outcomes: readonly StepOutcome[], why: string, notes: readonly string[], applies: (o: StepOutcome) => boolean): StepOutcome[] {
  return outcomes.map((o) => (o.result !== 'deny' || !o.cause || !applies(o) ? o : {
    ...o,
    result: 'unknown',
    cause: { ...o.cause, message: `${o.cause.message} (Not conclusive: ${why}.)` },
    notes: [...(o.notes ?? []), ...notes],
  }));
}

// ---------------------------------------------------------------------------------------------------------
// S3 Access Grants
// ---------------------------------------------------------------------------------------------------------

const ACCESS_GRANTS_PAGE = 'S3 User Guide, "Request access to Amazon S3 data through S3 Access Grants", '
  + 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-grants-credentials.html';

/**
 * A grant opens a path when each of its parts may hold: its grantee is the role (GranteeType IAM), its permission
 * includes WRITE, a location it names may cover the bucket, and the role may call `s3:GetDataAccess` ("You must
 * have the s3:GetDataAccess permission to use this operation", S3 API Reference, "GetDataAccess",
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetDataAccess.html).
 */
function accessGrantPaths(input: OtherPathInput): OtherWritePath[] {
  const { role, bucket, model } = input;
  return model.credentialSources.accessGrants.filter((g) => grantsTo(g, role) !== FALSE && grantsWrite(g) !== FALSE
    && locationCovers(g, model.credentialSources.accessGrantsLocations, bucket) !== FALSE && mayGetDataAccess(g, input)).map((g) => ({
    location: g.display,
    reason: `S3 Access Grant ${g.display} gives role ${role.display} ${describe(g.permission)} access to a location that may hold `
      + `${bucket.display}, and the role may call s3:GetDataAccess: the function can write with the credentials S3 Access Grants `
      + `vends, which this checker does not evaluate (${ACCESS_GRANTS_PAGE})`,
  }));
}

function grantsTo(grant: AccessGrantSource, role: RoleModel): Tri {
  if (typeof grant.granteeType === 'string' && !isOpen(grant.granteeType) && grant.granteeType !== 'IAM') return FALSE;
  if (typeof grant.granteeIdentifier !== 'string') return UNKNOWN;
  return globMatch(grant.granteeIdentifier, role.arn, { wildcards: false });
}

function grantsWrite(grant: AccessGrantSource): Tri {
  if (typeof grant.permission !== 'string' || isOpen(grant.permission)) return UNKNOWN;
  return grant.permission === 'WRITE' || grant.permission === 'READWRITE' ? TRUE : FALSE;
}

/**
 * The locations the grant may name (by the ID S3 Access Grants assigns: `default` for `s3://`), and whether one
 * may cover the bucket. A location that is not in the app has an unknown scope.
 */
function locationCovers(grant: AccessGrantSource, locations: readonly AccessGrantsLocationSource[], bucket: BucketModel): Tri {
  if (typeof grant.locationId !== 'string') return UNKNOWN;
  const id = grant.locationId;
  const sure = locations.filter((l) => globMatch(l.id, id, { wildcards: false }) === TRUE);
  const named = sure.length > 0 ? sure : locations.filter((l) => globMatch(l.id, id, { wildcards: false }) === UNKNOWN
    || (id === 'default' && l.scope === 's3://'));
  if (named.length === 0) return id === 'default' ? TRUE : UNKNOWN;
  return or(...named.map((l) => scopeCovers(l.scope, bucket)));
}

/** `s3://` covers every bucket; `s3://<bucket>[/<prefix>]` that bucket (the prefix is not compared: it may hold the keys). */
function scopeCovers(scope: unknown, bucket: BucketModel): Tri {
  if (typeof scope !== 'string' || !/^s3:\/\//i.test(scope)) return UNKNOWN;
  const path = scope.slice('s3://'.length);
  return path === '' ? TRUE : namesBucket(path, bucket);
}

/** Whether `<bucket>[/<prefix>]` names the bucket (a generated name holds `/` in its atom: compare whole). */
function namesBucket(path: string, bucket: BucketModel): Tri {
  if (path === bucket.name || path.startsWith(`${bucket.name}/`)) return TRUE;
  if (isSymbolic(path)) return hasOpaque(path) ? UNKNOWN : FALSE;
  return globMatch(path.split('/')[0], bucket.name, { wildcards: false });
}

function mayGetDataAccess(grant: AccessGrantSource, input: OtherPathInput): boolean {
  const { fn, role, environment, registry } = input;
  const instance = `arn:${grant.partition}:s3:${grant.region}:${grant.account}:access-grants/default`;
  const sameAccount = globMatch(role.account, grant.account, { wildcards: false });
  return mayBeAllowed(decideOpenRequest({
    principal: lambdaPrincipal(fn, role),
    principalContext: functionPrincipalContext(fn, role, environment),
    action: 's3:GetDataAccess',
    resource: instance,
    resourceAccount: grant.account,
  }, {
    ...principalSide(role, environment, registry),
    // An Access Grants instance's resource policy is set through the API, never in a template: across accounts
    // (where only it could grant) it is unknown.
    resource: sameAccount === TRUE ? undefined : { unknownPolicy: `the resource policy of the S3 Access Grants instance ${describeSymbolic(instance)}` },
  }));
}

// ---------------------------------------------------------------------------------------------------------
// Lake Formation
// ---------------------------------------------------------------------------------------------------------

function lakeFormationPaths(input: OtherPathInput): OtherWritePath[] {
  const { fn, role, bucket, model, environment, registry } = input;
  const locations = model.credentialSources.lakeFormationLocations.filter((l) => arnCoversBucket(l.resourceArn, bucket) !== FALSE);
  if (locations.length === 0) return [];
  const may = mayBeAllowed(decideOpenRequest({
    principal: lambdaPrincipal(fn, role),
    principalContext: functionPrincipalContext(fn, role, environment),
    action: 'lakeformation:GetDataAccess',
    resource: '*',
    resourceAccount: role.account,
  }, principalSide(role, environment, registry)));
  if (!may) return [];
  return locations.map((l) => ({
    location: l.display,
    reason: `${l.display} registers ${shown(l.resourceArn)} with Lake Formation, and role ${role.display} may call `
      + 'lakeformation:GetDataAccess: Lake Formation can vend it credentials for that location, which this checker does not evaluate '
      + '(Lake Formation Developer Guide, "Accessing Amazon S3 locations", https://docs.aws.amazon.com/lake-formation/latest/dg/accessing-s3-locations.html)',
  }));
}

/** Whether an S3 ARN (`arn:aws:s3:::bucket[/prefix]`) names the bucket or a part of it. */
function arnCoversBucket(arn: unknown, bucket: BucketModel): Tri {
  if (typeof arn !== 'string') return UNKNOWN;
  const m = /^arn:[^:]*:s3:::(.*)$/s.exec(arn);
  if (!m) return hasOpaque(arn) ? UNKNOWN : FALSE;
  return namesBucket(m[1], bucket);
}

// ---------------------------------------------------------------------------------------------------------
// Roles the function can obtain, and access keys
// ---------------------------------------------------------------------------------------------------------

const ASSUME_ROLE_PAGE = 'IAM User Guide, "Methods to assume a role", https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage-assume.html';
const IDENTITY_POOL_PAGE = 'Cognito Developer Guide, "Identity pools authentication flow", '
  + 'https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html';
const ACCESS_KEY_PAGE = 'IAM User Guide, "Manage access keys for IAM users", https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html';

/**
 * Another role of the app whose trust policy and the function role's own policies may let it `sts:AssumeRole`, and
 * that may write. Roles that trust only service principals (every Lambda execution role) are passed over unevaluated.
 */
function assumableRolePaths(input: OtherPathInput): OtherWritePath[] {
  const { fn, role, model, environment, registry } = input;
  return rolesTrustingAccounts(model).filter((other) => other.role !== role).filter(({ role: other, trust }) => {
    const assume = decideOpenRequest({
      principal: lambdaPrincipal(fn, role),
      principalContext: functionPrincipalContext(fn, role, environment),
      action: 'sts:AssumeRole',
      resource: other.arn,
      resourceAccount: other.account,
    }, {
      ...principalSide(role, environment, registry),
      resource: registry.policy({
        id: `trust policy of ${other.display}`,
        document: onTheRole(trust, other.arn),
        missing: trust === undefined ? 'the role has no AssumeRolePolicyDocument' : undefined,
        source: { description: `the trust policy of role ${other.display}`, location: other.display, documentPath: 'Properties/AssumeRolePolicyDocument' },
      }),
    });
    return mayBeAllowed(assume) && roleMayWrite(other, input);
  }).map(({ role: other }) => ({
    location: other.display,
    reason: `role ${role.display} may assume role ${other.display} (its trust policy and the role's policies may allow sts:AssumeRole), `
      + `which may write to ${input.bucket.display}: the function can write with that role's credentials (${ASSUME_ROLE_PAGE})`,
  }));
}

/** A trust policy names no Resource: it is the policy of the role itself, which its statements are read as naming. */
function onTheRole(trust: unknown, roleArn: string): unknown {
  if (!isRecord(trust)) return trust;
  const withResource = (s: unknown) => (isRecord(s) && s.Resource === undefined && s.NotResource === undefined ? { ...s, Resource: roleArn } : s);
  const statements = trust.Statement;
  return { ...trust, Statement: Array.isArray(statements) ? statements.map(withResource) : withResource(statements) };
}

const trusting = new WeakMap<AppModel, { role: RoleModel; trust: unknown }[]>();

/** The roles of the app whose trust policy may name an AWS principal (an account, a role, a user, `*`), once per app. */
function rolesTrustingAccounts(model: AppModel): { role: RoleModel; trust: unknown }[] {
  let found = trusting.get(model);
  if (!found) {
    found = model.roles.filter((r) => r.entry && !r.external).map((r) => ({
      role: r, trust: model.resolverFor(r.entry!).properties(r.entry!).AssumeRolePolicyDocument,
    })).filter(({ trust }) => mayNameAwsPrincipal(trust));
    trusting.set(model, found);
  }
  return found;
}

/** Whether a trust policy may name an AWS principal: only statements whose Principal is plainly `{Service: …}` or `{Federated: …}` do not. */
function mayNameAwsPrincipal(trust: unknown): boolean {
  if (!isRecord(trust)) return true;
  const statements = Array.isArray(trust.Statement) ? trust.Statement : [trust.Statement];
  return statements.some((s) => {
    if (!isRecord(s) || s.NotPrincipal !== undefined) return true;
    const principal = s.Principal;
    if (!isRecord(principal)) return true;
    return Object.keys(principal).some((k) => k !== 'Service' && k !== 'Federated');
  });
}

/** A role a Cognito identity pool of the app hands out (anyone its pool admits gets its credentials), that may write. */
function identityPoolPaths(input: OtherPathInput): OtherWritePath[] {
  const { model } = input;
  return model.credentialSources.identityPoolRoles.flatMap((pool) => {
    const appRoles = (arn: string) => model.roles.filter((r) => r.entry && globMatch(arn, r.arn, { wildcards: false }) !== FALSE);
    const open = pool.unreadable || pool.roleArns.some((arn) => {
      const roles = appRoles(arn);
      // A role outside the app may be allowed anything.
      return roles.length === 0 || roles.some((r) => roleMayWrite(r, input));
    });
    return open ? [{
      location: pool.display,
      reason: `identity pool role attachment ${pool.display} hands out the credentials of ${pool.roleArns.map(describeSymbolic).join(', ') || 'roles it does not name plainly'}, `
        + `which may write to ${input.bucket.display}: the function can obtain them from the identity pool (${IDENTITY_POOL_PAGE})`,
    }] : [];
  });
}

/** An access key whose secret the app passes on, of a user that may write (a user outside the app may). */
function accessKeyPaths(input: OtherPathInput): OtherWritePath[] {
  return input.model.credentialSources.exposedAccessKeys.filter((k) => !k.user || userMayWrite(k.user, input)).map((k) => ({
    location: k.display,
    reason: `the app passes on the secret of access key ${k.display} of user ${k.user?.display ?? shown(k.userName)}, who may write to `
      + `${input.bucket.display}: the function can sign with that key (${ACCESS_KEY_PAGE})`,
  }));
}

function roleMayWrite(other: RoleModel, input: OtherPathInput): boolean {
  const principal: RequestPrincipal = {
    kind: 'AssumedRole',
    arn: `arn:${other.partition}:sts::${other.account}:assumed-role/${other.name}/${opaque(`a session name of ${other.display}`)}`,
    roleArn: other.arn,
    account: other.account,
  };
  const context: Record<string, ContextValue> = {
    'aws:PrincipalArn': other.arn, 'aws:PrincipalAccount': other.account, 'aws:PrincipalType': 'AssumedRole',
  };
  for (const [k, v] of Object.entries(other.tags)) context[`aws:PrincipalTag/${k}`] = v;
  return principalMayWrite(principal, context, s3PolicySet(other, input.bucket, input.environment, input.registry), input);
}

function userMayWrite(user: UserModel, input: OtherPathInput): boolean {
  const { bucket, environment, registry } = input;
  const principal: RequestPrincipal = { kind: 'User', arn: user.arn, account: user.account };
  const policies = s3PolicySet(user, bucket, environment, registry);
  return principalMayWrite(principal, { 'aws:PrincipalArn': user.arn, 'aws:PrincipalAccount': user.account, 'aws:PrincipalType': 'User' }, policies, input);
}

function principalMayWrite(principal: RequestPrincipal, context: Record<string, ContextValue>, policies: PolicySet, input: OtherPathInput): boolean {
  return mayBeAllowed(decideOpenRequest({
    principal,
    principalContext: context,
    action: 's3:PutObject',
    resource: input.objectArn,
    resourceAccount: input.bucket.account,
  }, policies));
}

/** The function role's side of any call it makes: its identity policies, boundary and SCPs (no resource policy). */
function principalSide(role: RoleModel, environment: AnalysisEnvironment, registry: PolicyRegistry): PolicySet {
  return {
    identity: role.identity.map((d) => registry.policy(d)),
    permissionsBoundary: role.boundary ? registry.policy(role.boundary) : undefined,
    serviceControlPolicies: organizationPolicies(environment.serviceControlPolicies, 'SCP', registry),
  };
}

function isOpen(value: string): boolean {
  return value !== describeSymbolic(value);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? describeSymbolic(value) : 'some';
}
