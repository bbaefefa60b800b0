import { ContextValue, RequestPrincipal } from '../../iam/model';
import { opaque } from '../cfn/opaque';
import { AnalysisEnvironment } from '../input';
import { FunctionModel, RoleModel } from '../model/types';

/**
 * The principal of a Lambda function's AWS calls: a session of its execution role,
 * `arn:aws:sts::<account>:assumed-role/<role name>/<session name>`. The session name is widely observed to be
 * the function name, which AWS does not document, so it is an opaque atom: a bucket policy that names the
 * session ARN is 'unknown', never assumed to match. Lambda passes no session policy.
 */
export function lambdaPrincipal(fn: FunctionModel, role: RoleModel): RequestPrincipal {
  const session = opaque(`session name of ${fn.display}`);
  return {
    kind: 'AssumedRole',
    arn: `arn:${role.partition}:sts::${role.account}:assumed-role/${role.name}/${session}`,
    roleArn: role.arn,
    account: role.account,
  };
}

/** Context keys about the principal (IAM global condition keys), shared by the S3 and the KMS request. */
export function principalContext(role: RoleModel, environment: AnalysisEnvironment): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {
    'aws:PrincipalArn': role.arn,
    'aws:PrincipalAccount': role.account,
    'aws:PrincipalType': 'AssumedRole',
    'aws:PrincipalIsAWSService': 'false',
    'aws:userid': { unknown: 'aws:userid holds the role unique ID and the session name, known only at run time' },
    'aws:PrincipalOrgID': environment.organizationId ?? { unknown: 'the organization ID is not given: set `organizationId`' },
    'aws:PrincipalOrgPaths': { unknown: 'organization paths are not given (they depend on `organizationId` and the OU tree)' },
    'aws:CurrentTime': { unknown: 'the time of the request' },
    'aws:EpochTime': { unknown: 'the time of the request' },
    'aws:TokenIssueTime': { unknown: 'when the role session was issued' },
    'aws:MultiFactorAuthPresent': 'false',
  };
  for (const [k, v] of Object.entries(role.tags)) context[`aws:PrincipalTag/${k}`] = v;
  return context;
}
