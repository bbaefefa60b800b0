import { functionPrincipalContext, lambdaPrincipal } from './principal';
import { PROFILE_HEADER_KEYS } from './request-keys';
import { ownedByTheApp, resourceOwnerContext, vpcEndpointOwnerContext } from './resource-context';
import { RecordedRequestProfile } from '../../contract/intent';
import { AuthorizationRequest, ContextValue } from '../../iam/model';
import { AnalysisEnvironment } from '../input';
import { BucketModel, FunctionModel, RoleModel } from '../model/types';

/**
 * The fields of a bucket a request's context is built from (its account, whether the app owns it, its region); the
 * bucket's ARN only names the object. The least-privilege probes share one context across the buckets alike in these
 * (least-privilege/probe-requests.ts), so the type below and that key both come from this list.
 */
export const S3_CONTEXT_BUCKET_FIELDS = ['account', 'external', 'region'] as const;

/** What of a bucket a request is built from. */
export type S3RequestBucket = Pick<BucketModel, 'arn' | (typeof S3_CONTEXT_BUCKET_FIELDS)[number]>;

export interface S3RequestInput {
  readonly fn: FunctionModel;
  readonly role: RoleModel;
  readonly bucket: S3RequestBucket;
  /** The object key, symbolic (intents/key-pattern.ts). */
  readonly key: string;
  readonly profile: RecordedRequestProfile;
  readonly profileExact: boolean;
  /** The key ARN the request names in `x-amz-server-side-encryption-aws-kms-key-id`, resolved. */
  readonly sseKmsKeyArn?: string;
  /** `s3:RequestObjectTag/<k>` keys the policies test, so an unknown profile can leave them open. */
  readonly requestTagKeysInPolicies: readonly string[];
  readonly environment: AnalysisEnvironment;
  /** The network path's keys (network gate): set these, and remove `absentKeys`. */
  readonly network?: { readonly context: Readonly<Record<string, ContextValue>>; readonly absentKeys: readonly string[] };
  /** Keys added for a write through an access point (s3:DataAccessPointArn…). */
  readonly extraContext?: Readonly<Record<string, ContextValue>>;
  /** The resource and its account when they are not the bucket's object (the access point's object ARN). */
  readonly resourceOverride?: { readonly resource: string; readonly account: string };
  /** `aws:ResourceTag/*` and `s3:BucketTag/*` keys, from the ABAC gate. */
  readonly bucketTagContext?: Readonly<Record<string, ContextValue>>;
  /** The context keys the policies test (policy-clauses.ts), so keys the templates cannot show stay open. */
  readonly keysRead?: readonly string[];
  /** `s3:TlsVersion` as the policies let it be decided (tls-version.ts); unknown when not given. */
  readonly tlsVersion?: ContextValue;
}

export function objectArn(bucket: Pick<BucketModel, 'arn'>, key: string): string {
  return `${bucket.arn}/${key}`;
}

/**
 * The request context of a PutObject (or of one of the extra actions its headers imply) from a Lambda function,
 * per the IAM User Guide, "AWS global condition context keys", and the S3 condition keys of the Service Authorization Reference.
 * A header key is present only when the profile sends the header; for an inexact profile (inferred intent) a
 * header not mentioned may or may not be sent.
 */
export function buildS3Request(input: S3RequestInput, action = 's3:PutObject'): AuthorizationRequest {
  const { fn, role, bucket, profile } = input;
  const resourceAccount = input.resourceOverride?.account ?? bucket.account;
  const owned = input.resourceOverride
    ? resourceAccount === role.account || (resourceAccount === bucket.account && !bucket.external)
    : ownedByTheApp(bucket.account, role.account, bucket.external);
  // Built into one object (the principal's, which is made for this request), not copied from spread to spread: a
  // request has some forty keys and every write builds several.
  const context: Record<string, ContextValue> = Object.assign(
    functionPrincipalContext(fn, role, input.environment, input.keysRead),
    resourceOwnerContext(resourceAccount, owned, input.environment),
    {
      'aws:SecureTransport': profile.secureTransport === false ? 'false' : 'true',
      'aws:ViaAWSService': 'false',
      'aws:RequestedRegion': bucket.region,
      's3:ResourceAccount': resourceAccount,
      's3:authType': 'REST-HEADER',
      's3:signatureversion': 'AWS4-HMAC-SHA256',
      's3:signatureAge': SIGNATURE_AGE,
      's3:TlsVersion': input.tlsVersion ?? TLS_VERSION,
    },
    input.network ? input.network.context : networkContext(fn),
    headerContext(input),
    // Bucket tags (S3 ABAC) as the ABAC gate decides: present only while ABAC is enabled on the bucket.
    input.bucketTagContext,
    input.extraContext,
  );
  for (const k of input.network?.absentKeys ?? []) {
    for (const present of Object.keys(context)) if (present.toLowerCase() === k.toLowerCase()) delete context[present];
  }
  return {
    principal: lambdaPrincipal(fn, role),
    action,
    resource: input.resourceOverride?.resource ?? objectArn(bucket, input.key),
    resourceAccount,
    context: Object.assign(context, vpcEndpointOwnerContext(context, input.environment.organizationId)),
  };
}

const SIGNATURE_AGE: ContextValue = Object.freeze({ unknown: 'signature age is decided at run time' });
const TLS_VERSION: ContextValue = Object.freeze({ unknown: 'the TLS version is negotiated at run time (AWS endpoints require 1.2 or later)' });

/**
 * Network keys before the gates refine them: a function outside a VPC reaches S3 over the internet (no
 * SourceVpc/SourceVpce; a public source IP nobody can name). In a VPC the path is the gates' question.
 */
function networkContext(fn: FunctionModel): Record<string, ContextValue> {
  if (!fn.vpc) {
    return { 'aws:SourceIp': { unknown: 'the public IP address Lambda uses outside a VPC' } };
  }
  const path = 'which network path a function in a VPC takes (gateway endpoint, interface endpoint or NAT)';
  return {
    'aws:SourceIp': { unknown: path, mayBeAbsent: true },
    'aws:SourceVpc': { unknown: path, mayBeAbsent: true },
    'aws:SourceVpce': { unknown: path, mayBeAbsent: true },
    'aws:VpcSourceIp': { unknown: path, mayBeAbsent: true },
  };
}

function headerContext(input: S3RequestInput): Record<string, ContextValue> {
  const { profile } = input;
  const context: Record<string, ContextValue> = {};
  if (!input.profileExact) {
    const open = { unknown: 'the code may or may not send this header (the intent was inferred from a policy)', mayBeAbsent: true };
    for (const k of PROFILE_HEADER_KEYS) context[k] = open;
    for (const k of input.requestTagKeysInPolicies) context[k] = open;
  }
  const set = (key: string, value: string | readonly string[] | undefined) => {
    if (value !== undefined) context[key] = value;
  };
  set('s3:x-amz-server-side-encryption', profile.serverSideEncryption);
  set('s3:x-amz-server-side-encryption-aws-kms-key-id', input.sseKmsKeyArn);
  set('s3:x-amz-acl', profile.acl);
  set('s3:x-amz-storage-class', profile.storageClass);
  set('s3:object-lock-mode', profile.objectLockMode);
  if (profile.objectLockLegalHold !== undefined) set('s3:object-lock-legal-hold', profile.objectLockLegalHold ? 'ON' : 'OFF');
  if (profile.sseCustomerKey) set('s3:x-amz-server-side-encryption-customer-algorithm', 'AES256');
  if (profile.tags) {
    const keys = Object.keys(profile.tags);
    set('s3:RequestObjectTagKeys', keys);
    for (const k of keys) set(`s3:RequestObjectTag/${k}`, profile.tags[k]);
  }
  return context;
}
