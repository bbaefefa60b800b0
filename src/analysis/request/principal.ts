import { ContextValue, RequestPrincipal } from '../../iam/model';
import { opaque } from '../cfn/opaque';
import { roleUniqueId } from '../cfn/resource-attributes';
import { AnalysisEnvironment } from '../input';
import { FunctionModel, RoleModel } from '../model/types';

/**
 * The principal of a Lambda function's AWS calls: a session of its execution role,
 * `arn:aws:sts::<account>:assumed-role/<role name>/<session name>`. The session name is widely observed to be
 * the function name, which AWS does not document, so it is an opaque atom: a bucket policy that names the
 * session ARN is 'unknown', never assumed to match. Lambda passes no session policy.
 */
export function lambdaPrincipal(fn: FunctionModel, role: RoleModel): RequestPrincipal {
  const session = sessionName(fn);
  return {
    kind: 'AssumedRole',
    arn: `arn:${role.partition}:sts::${role.account}:assumed-role/${role.name}/${session}`,
    roleArn: role.arn,
    account: role.account,
  };
}

function sessionName(fn: FunctionModel): string {
  return opaque(`session name of ${fn.display}`);
}

/**
 * `aws:userid` of a role session is `<role unique ID>:<session name>` (IAM global condition keys). For a role of
 * the app the unique ID is the same value `Fn::GetAtt Role.RoleId` resolves to, so the common guard "deny unless
 * aws:userid is like `${RoleId}:*`" is decided; the ID of a role outside the app is unknown.
 */
function userId(fn: FunctionModel, role: RoleModel): ContextValue {
  if (!role.entry || role.external) {
    return { unknown: 'aws:userid holds the unique ID of a role outside the app and the session name' };
  }
  return `${roleUniqueId(role.entry)}:${sessionName(fn)}`;
}

/**
 * Context keys about the principal (IAM global condition keys), shared by the S3 and the KMS request.
 * `keysRead`: the keys the policies test. The tags of a role of the app are all in its template, so a tag it does
 * not carry is absent; a role outside the app may carry any tag, so each `aws:PrincipalTag/*` key a policy tests is
 * unknown for it (absent would make a `StringNotEquals aws:PrincipalTag/team` Deny fire on a guess).
 */
export function principalContext(fn: FunctionModel, role: RoleModel, environment: AnalysisEnvironment,
  keysRead: readonly string[] = []): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {
    'aws:PrincipalArn': role.arn,
    'aws:PrincipalAccount': role.account,
    'aws:PrincipalType': 'AssumedRole',
    'aws:PrincipalIsAWSService': 'false',
    'aws:userid': userId(fn, role),
    'aws:PrincipalOrgID': environment.organizationId ?? { unknown: 'the organization ID is not given: set `organizationId`' },
    'aws:PrincipalOrgPaths': { unknown: 'organization paths are not given (they depend on `organizationId` and the OU tree)' },
    'aws:CurrentTime': requestTime(environment),
    'aws:EpochTime': requestTime(environment),
    'aws:TokenIssueTime': { unknown: 'when the role session was issued' },
    'aws:MultiFactorAuthPresent': 'false',
  };
  if (role.external) {
    const tags = { unknown: `the tags of role ${role.display}, which is not defined in the app`, mayBeAbsent: true };
    for (const k of keysRead) if (k.toLowerCase().startsWith('aws:principaltag/')) context[k] = tags;
  }
  for (const [k, v] of Object.entries(role.tags)) context[`aws:PrincipalTag/${k}`] = v;
  return context;
}

/**
 * The time of a request: not known, but never before the analysis runs (time only grows), so a date condition that
 * holds, or fails, for every later instant is decided (IAM User Guide, "AWS global condition context keys":
 * aws:CurrentTime and aws:EpochTime are the date and time of the request).
 */
function requestTime(environment: AnalysisEnvironment): ContextValue {
  // One instant per analysis (per environment object): every request of it is made after the analysis starts, and
  // building a date per request cost more than the rest of the principal's keys.
  let time = requestTimes.get(environment);
  if (!time) {
    const given = environment.analysisTime;
    const from = typeof given === 'string' && !Number.isNaN(Date.parse(given)) ? new Date(Date.parse(given)) : new Date();
    time = Object.freeze({ unknown: 'the time of the request', notBefore: from.toISOString() });
    requestTimes.set(environment, time);
  }
  return time;
}

const requestTimes = new WeakMap<AnalysisEnvironment, ContextValue>();

/**
 * What the principal side alone decides about any request from the function: the principal keys and
 * `lambda:SourceFunctionArn` (Lambda adds it to every call the function makes with its role; Lambda developer guide,
 * "lambda:SourceFunctionArn"). Used to judge a statement's conditions before the request itself is known.
 */
export function functionPrincipalContext(fn: FunctionModel, role: RoleModel, environment: AnalysisEnvironment,
  keysRead: readonly string[] = []): Record<string, ContextValue> {
  // principalContext makes a new object: added to, not copied.
  const context = principalContext(fn, role, environment, keysRead);
  context['lambda:SourceFunctionArn'] = fn.arn;
  return context;
}
