import { Deployment, TemplateResolver } from './resolve-template';
import { AuthorizationRequest, parsePolicy, PolicySet, RequestContext } from '../../../src/iam';
import { buildPutObjectInput, WriterPutObjectInput } from '../../../src/runtime/put-object-input';

/** One authorization S3 or KMS performs for the writer's upload, with the policies that decide it. */
export interface WriterAuthorization {
  readonly name: string;
  readonly request: AuthorizationRequest;
  readonly policies: PolicySet;
}

export interface UploadOptions {
  /** The key the code passes to the helper (under the prefix the helper adds). */
  readonly relativeKey?: string;
  readonly multipart?: boolean;
  /** The VPC endpoint the request comes through, if any (aws:SourceVpce). */
  readonly sourceVpce?: string;
  /** Change the input the helper built, to test that the policies notice (negative controls). */
  readonly tamper?: (input: WriterPutObjectInput) => WriterPutObjectInput;
  /** Override the KMS request context (negative controls). */
  readonly kmsContext?: (context: Record<string, string | string[]>) => Record<string, string | string[]>;
}

/**
 * The authorizations behind one upload by the writer's function, as AWS performs them:
 * - S3: `s3:PutObject` on the object, plus `s3:PutObjectTagging` for `x-amz-tagging` and `s3:PutObjectAcl` for
 *   `x-amz-acl` (PutObject API, "Permissions"), plus `s3:AbortMultipartUpload` for multipart clean-up;
 * - KMS (SSE-KMS): `kms:GenerateDataKey`, and `kms:Decrypt` for multipart parts, called by S3 with the function's
 *   credentials: `kms:ViaService` = s3.<region>.amazonaws.com and the `aws:s3:arn` encryption context (the bucket
 *   ARN with a Bucket Key, the object ARN without).
 * The request is what the runtime helper builds from the function's environment in the template.
 */
export function writerAuthorizations(template: any, deployment: Deployment, options: UploadOptions = {}): WriterAuthorization[] {
  const r = new TemplateResolver(template, deployment);
  const resources: Record<string, any> = template.Resources;
  const fnIds = Object.keys(resources).filter((id) => resources[id].Type === 'AWS::Lambda::Function');
  if (fnIds.length !== 1) throw new Error(`expected one function, found ${fnIds.length}`);
  const fn = resources[fnIds[0]];
  const environment: Record<string, string> = r.resolve(fn.Properties.Environment.Variables);
  const built = buildPutObjectInput(options.relativeKey ?? 'reports/2024-01-01.json', { environment });
  const input = options.tamper ? options.tamper(built) : built;

  const roleId: string = fn.Properties.Role['Fn::GetAtt'][0];
  const role = resources[roleId];
  const roleArn: string = r.resolve(fn.Properties.Role);
  const roleTags: Record<string, string> = Object.fromEntries((role.Properties.Tags ?? []).map((t: any) => [t.Key, t.Value]));
  const principal = {
    kind: 'AssumedRole' as const,
    arn: `arn:${deployment.partition}:sts::${deployment.account}:assumed-role/${r.physicalName(roleId)}/${r.physicalName(fnIds[0])}`,
    roleArn,
    account: deployment.account,
  };
  const identity = identityPolicies(resources, roleId, role, r);

  const bucketId = Object.keys(resources).find((id) => resources[id].Type === 'AWS::S3::Bucket' && r.resolve({ Ref: id }) === input.Bucket);
  const bucketPolicyId = bucketId && Object.keys(resources).find((id) =>
    resources[id].Type === 'AWS::S3::BucketPolicy' && resources[id].Properties.Bucket.Ref === bucketId);
  const bucketPolicy = bucketPolicyId ? parsePolicy(r.resolve(resources[bucketPolicyId].Properties.PolicyDocument), bucketPolicyId) : undefined;

  const bucketArn = `arn:${deployment.partition}:s3:::${input.Bucket}`;
  const objectArn = `${bucketArn}/${input.Key}`;
  const principalContext: RequestContext = {
    'aws:PrincipalArn': roleArn,
    'aws:PrincipalAccount': deployment.account,
    'aws:PrincipalType': 'AssumedRole',
    ...Object.fromEntries(Object.entries(roleTags).map(([k, v]) => [`aws:PrincipalTag/${k}`, v])),
  };
  const s3Context: RequestContext = {
    ...principalContext,
    'aws:SecureTransport': 'true',
    'aws:ViaAWSService': 'false',
    ...(options.sourceVpce ? { 'aws:SourceVpce': options.sourceVpce } : {}),
    ...headerContext(input),
  };
  const s3Policies: PolicySet = { identity, ...(bucketPolicy ? { resource: bucketPolicy } : {}) };
  const s3Request = (action: string, context: RequestContext): WriterAuthorization => ({
    name: action,
    request: { principal, action, resource: objectArn, resourceAccount: deployment.account, context },
    policies: s3Policies,
  });

  const result = [s3Request('s3:PutObject', s3Context)];
  if (input.Tagging) result.push(s3Request('s3:PutObjectTagging', s3Context));
  if (input.ACL) result.push(s3Request('s3:PutObjectAcl', s3Context));
  if (input.ObjectLockMode) result.push(s3Request('s3:PutObjectRetention', s3Context));
  if (input.ObjectLockLegalHoldStatus) result.push(s3Request('s3:PutObjectLegalHold', s3Context));
  if (options.multipart) {
    const { ...abortContext } = s3Context;
    for (const k of Object.keys(abortContext)) if (k.startsWith('s3:')) delete (abortContext as any)[k];
    result.push(s3Request('s3:AbortMultipartUpload', abortContext));
  }

  const keyArn = input.SSEKMSKeyId;
  const keyId = keyArn && Object.keys(resources).find((id) => resources[id].Type === 'AWS::KMS::Key' && r.resolve({ 'Fn::GetAtt': [id, 'Arn'] }) === keyArn);
  // A key outside the template (a tampered request) has no policy to judge here: only the S3 side is returned.
  if (input.ServerSideEncryption === 'aws:kms' && keyArn && keyId) {
    const keyPolicy = parsePolicy(r.resolve(resources[keyId].Properties.KeyPolicy), keyId);
    const baseKmsContext: Record<string, string | string[]> = {
      ...(principalContext as Record<string, string>),
      'aws:SecureTransport': 'true',
      'aws:ViaAWSService': 'true',
      'aws:CalledVia': ['s3.amazonaws.com'],
      'kms:ViaService': `s3.${deployment.region}.amazonaws.com`,
      'kms:CallerAccount': deployment.account,
      'kms:EncryptionContext:aws:s3:arn': input.BucketKeyEnabled ? bucketArn : objectArn,
    };
    const kmsContext = options.kmsContext ? options.kmsContext(baseKmsContext) : baseKmsContext;
    const kmsActions = options.multipart ? ['kms:GenerateDataKey', 'kms:Decrypt'] : ['kms:GenerateDataKey'];
    for (const action of kmsActions) {
      result.push({
        name: action,
        request: { principal, action, resource: keyArn, resourceAccount: deployment.account, context: kmsContext },
        policies: { identity, resource: keyPolicy, resourceKind: 'kms' },
      });
    }
  }
  return result;
}

/** The request headers as S3 condition keys. Tagging is a query string: each tag a key, and the set of tag keys. */
function headerContext(input: WriterPutObjectInput): RequestContext {
  const context: Record<string, string | string[]> = {};
  if (input.ServerSideEncryption) context['s3:x-amz-server-side-encryption'] = input.ServerSideEncryption;
  if (input.SSEKMSKeyId) context['s3:x-amz-server-side-encryption-aws-kms-key-id'] = input.SSEKMSKeyId;
  if (input.ACL) context['s3:x-amz-acl'] = input.ACL;
  if (input.ObjectLockMode) context['s3:object-lock-mode'] = input.ObjectLockMode;
  if (input.ObjectLockRetainUntilDate) {
    context['s3:object-lock-retain-until-date'] = input.ObjectLockRetainUntilDate.toISOString();
    context['s3:object-lock-remaining-retention-days'] = String(Math.ceil((input.ObjectLockRetainUntilDate.getTime() - Date.now()) / 86_400_000));
  }
  if (input.ObjectLockLegalHoldStatus) context['s3:object-lock-legal-hold'] = input.ObjectLockLegalHoldStatus;
  if (input.Tagging) {
    const tags = [...new URLSearchParams(input.Tagging)];
    for (const [k, v] of tags) context[`s3:RequestObjectTag/${k}`] = v;
    context['s3:RequestObjectTagKeys'] = tags.map(([k]) => k);
  }
  return context;
}

function identityPolicies(resources: Record<string, any>, roleId: string, role: any, r: TemplateResolver) {
  const attached = Object.keys(resources).filter((id) => resources[id].Type === 'AWS::IAM::Policy' &&
    (resources[id].Properties.Roles ?? []).some((ref: any) => ref.Ref === roleId));
  const inline = (role.Properties.Policies ?? []).map((p: any, i: number) => parsePolicy(r.resolve(p.PolicyDocument), `${roleId}/inline${i}`));
  return [...attached.map((id) => parsePolicy(r.resolve(resources[id].Properties.PolicyDocument), id)), ...inline];
}
