import { AuthorizationRequest, ContextValue } from '../../iam/model';
import { AnalysisEnvironment } from '../input';
import { functionPrincipalContext, lambdaPrincipal } from './principal';
import { ownedByTheApp, resourceOwnerContext } from './resource-context';
import { BucketModel, FunctionModel, RoleModel } from '../model/types';

export interface KmsRequestInput {
  readonly fn: FunctionModel;
  readonly role: RoleModel;
  readonly bucket: BucketModel;
  readonly objectArn: string;
  readonly keyArn: string;
  readonly keyAccount: string;
  /** S3 Bucket Key on: the encryption context is the bucket ARN, not the object ARN (S3 User Guide, bucket-key). */
  readonly bucketKey: boolean;
  readonly aliases: readonly string[];
  readonly environment: AnalysisEnvironment;
  /** The context keys the policies test (policy-clauses.ts), so keys the templates cannot show stay open. */
  readonly keysRead?: readonly string[];
  /** The key is not a resource of the app (its organisation is then unknown unless it shares the role's account). */
  readonly keyExternal?: boolean;
}

/**
 * The KMS call S3 makes with the function's credentials to encrypt an SSE-KMS object (a forward access session):
 * `kms:ViaService = s3.<region>.amazonaws.com`, `kms:CallerAccount` = the function's account,
 * `kms:EncryptionContext:aws:s3:arn` = the object ARN (the bucket ARN with an S3 Bucket Key),
 * `aws:ViaAWSService = true`, `aws:CalledVia = s3.amazonaws.com` (KMS developer guide, condition keys;
 * S3 User Guide, UsingKMSEncryption).
 */
export function buildKmsRequest(input: KmsRequestInput, action: string): AuthorizationRequest {
  const { fn, role, bucket } = input;
  const encryptionContext = input.bucketKey ? bucket.arn : input.objectArn;
  const context: Record<string, ContextValue> = {
    ...functionPrincipalContext(fn, role, input.environment, input.keysRead),
    ...resourceOwnerContext(input.keyAccount, ownedByTheApp(input.keyAccount, role.account, input.keyExternal ?? true), input.environment),
    'aws:SecureTransport': 'true',
    'aws:ViaAWSService': 'true',
    'aws:CalledVia': ['s3.amazonaws.com'],
    'aws:CalledViaFirst': 's3.amazonaws.com',
    'aws:CalledViaLast': 's3.amazonaws.com',
    'aws:RequestedRegion': bucket.region,
    'aws:SourceIp': { unknown: 'network keys on the forward call from S3 to KMS', mayBeAbsent: true },
    'kms:ViaService': `s3.${bucket.region}.amazonaws.com`,
    'kms:CallerAccount': role.account,
    ['kms:EncryptionContext:aws:s3:arn']: encryptionContext,
    'kms:EncryptionContextKeys': ['aws:s3:arn'],
    'kms:KeyOrigin': 'AWS_KMS',
    'kms:KeySpec': 'SYMMETRIC_DEFAULT',
    'kms:KeyUsage': 'ENCRYPT_DECRYPT',
    'kms:ResourceAliases': [...input.aliases],
  };
  if (action === 'kms:Decrypt') context['kms:EncryptionAlgorithm'] = 'SYMMETRIC_DEFAULT';
  return {
    principal: lambdaPrincipal(fn, role),
    action,
    resource: input.keyArn,
    resourceAccount: input.keyAccount,
    context,
  };
}
