import { AuthorizationRequest, Policy, PolicySet, RequestPrincipal } from '../../../src/iam/model';
import { parsePolicy } from '../../../src/iam/policy';

/** A Lambda function's execution-role session writing one object: the request every evaluator test starts from. */
export const ACCOUNT = '111111111111';
export const OTHER_ACCOUNT = '222222222222';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/FnRole`;
export const SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/FnRole/Fn`;
export const BUCKET_ARN = 'arn:aws:s3:::amzn-s3-demo-bucket';
export const OBJECT_ARN = `${BUCKET_ARN}/incoming/a.json`;
export const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

export const lambdaPrincipal: RequestPrincipal = { kind: 'AssumedRole', arn: SESSION_ARN, roleArn: ROLE_ARN, account: ACCOUNT };

export function putObject(overrides: Partial<AuthorizationRequest> = {}): AuthorizationRequest {
  return {
    principal: lambdaPrincipal,
    action: 's3:PutObject',
    resource: OBJECT_ARN,
    resourceAccount: ACCOUNT,
    context: { 'aws:SecureTransport': 'true', 'aws:PrincipalArn': ROLE_ARN, 'aws:PrincipalAccount': ACCOUNT },
    ...overrides,
  };
}

/** The same function's second authorization for SSE-KMS: kms:GenerateDataKey on the bucket's key. */
export function generateDataKey(overrides: Partial<AuthorizationRequest> = {}): AuthorizationRequest {
  return putObject({ action: 'kms:GenerateDataKey', resource: KEY_ARN, ...overrides });
}

export function policy(id: string, ...statements: object[]): Policy {
  return parsePolicy({ Version: '2012-10-17', Statement: statements }, id);
}

/** An identity-policy statement granting the write. */
export const ALLOW_PUT = { Sid: 'AllowPut', Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET_ARN}/*` };
export const DENY_PUT = { Sid: 'DenyPut', Effect: 'Deny', Action: 's3:PutObject', Resource: `${BUCKET_ARN}/*` };
export const ALLOW_ALL = { Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' };

/** A resource-policy statement granting the write to `principal`. */
export function grantTo(principal: unknown, effect: 'Allow' | 'Deny' = 'Allow', sid = 'Grant'): object {
  return { Sid: sid, Effect: effect, Principal: principal, Action: 's3:PutObject', Resource: `${BUCKET_ARN}/*` };
}

export const identityAllows = (): Policy => policy('Fn/ServiceRole/DefaultPolicy', ALLOW_PUT);

export function policies(set: Partial<PolicySet> = {}): PolicySet {
  return { identity: [], ...set };
}
