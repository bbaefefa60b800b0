import * as iam from 'aws-cdk-lib/aws-iam';
import { RecordedRequestProfile } from '../contract/intent';
import { actionFor, featureActions, kmsActionsFor, RequestFeature } from '../contract/request-features';

/**
 * The policy statements of one writer, built once from its plan and used on every side: the identity policy
 * (no principal), the bucket policy and key policy (the role as principal), and the statements reported to the
 * owner of an imported bucket or key. One builder for all sides is what keeps them agreeing.
 */

/** SSE-S3: the `x-amz-server-side-encryption` value `AES256`, no key. */
export interface S3ManagedEncryptionPlan {
  readonly sse: 'AES256';
}

/** SSE-KMS with one key; the Bucket Key setting decides the encryption context S3 sends to KMS. */
export interface KmsEncryptionPlan {
  readonly sse: 'aws:kms';
  readonly keyArn: string;
  readonly bucketKeyEnabled: boolean;
}

export type EncryptionPlan = S3ManagedEncryptionPlan | KmsEncryptionPlan;

export interface WritePlan {
  readonly bucketArn: string;
  readonly keyPrefix: string;
  /** Region of the bucket, for `kms:ViaService` (`s3.<region>.amazonaws.com`). */
  readonly bucketRegion: string;
  readonly encryption: EncryptionPlan;
  readonly objectTags: Readonly<Record<string, string>>;
  /** Keys of `objectTags` whose value is matched against the principal's tag of the same key. */
  readonly principalTagKeys: readonly string[];
  readonly acl?: string;
  readonly multipart: boolean;
  /** Object Lock retention sent with each write: mode and days from the write. */
  readonly objectLock?: { readonly mode: string; readonly retentionDays: number };
  /** Whether each write puts a legal hold on the object. */
  readonly legalHold: boolean;
  /** Appended to every Sid, so two writers on one bucket never produce duplicate Sids in its policy. */
  readonly sidSuffix: string;
}

/** `bucket/<prefix>*`: the only objects the writer may write. */
export function objectsArn(plan: WritePlan): string {
  return `${plan.bucketArn}/${plan.keyPrefix}*`;
}

/**
 * The request features every write of the plan carries (ACL, tags, Object Lock headers, multipart), as the intent
 * records them for the checker. The statements below grant from the same profile, through the contract's table of
 * the actions each feature implies.
 */
export function featureRequest(plan: WritePlan): RecordedRequestProfile {
  return {
    ...(plan.acl ? { acl: plan.acl } : {}),
    ...(Object.keys(plan.objectTags).length > 0 ? { tags: { ...plan.objectTags } } : {}),
    multipart: plan.multipart,
    ...(plan.objectLock ? { objectLockMode: plan.objectLock.mode } : {}),
    ...(plan.legalHold ? { objectLockLegalHold: true } : {}),
  };
}

/** S3 object actions granted: s3:PutObject, and the action of each feature the writes carry, each with its condition. */
export function objectWriteStatements(plan: WritePlan, principal?: iam.IPrincipal): iam.PolicyStatement[] {
  const principals = principal ? [principal] : undefined;
  const resources = [objectsArn(plan)];
  const sent = new Set(featureActions(featureRequest(plan)).map((row) => row.feature));
  const hasTags = sent.has('tags');
  const statements = [
    new iam.PolicyStatement({
      sid: `WriterPutObject${plan.sidSuffix}`,
      principals,
      // The tags travel with the PutObject itself, so their action shares its statement and its tag conditions.
      actions: hasTags ? ['s3:PutObject', actionFor('tags')] : ['s3:PutObject'],
      resources,
      conditions: hasTags ? tagConditions(plan) : undefined,
    }),
  ];
  const own = (feature: RequestFeature, sid: string, conditions?: Record<string, Record<string, unknown>>) => {
    if (!sent.has(feature)) return;
    statements.push(new iam.PolicyStatement({ sid: `${sid}${plan.sidSuffix}`, principals, actions: [actionFor(feature)], resources, conditions }));
  };
  own('acl', 'WriterPutObjectAcl', { StringEquals: { 's3:x-amz-acl': plan.acl } });
  own('objectLockRetention', 'WriterPutObjectRetention', { StringEquals: { 's3:object-lock-mode': plan.objectLock?.mode } });
  own('objectLockLegalHold', 'WriterPutObjectLegalHold', { StringEquals: { 's3:object-lock-legal-hold': 'ON' } });
  own('multipart', 'WriterAbortMultipartUpload');
  return statements;
}

/**
 * Required tags: each `s3:RequestObjectTag/<k>` equals its value (or the principal's tag of that key), and no
 * other tag key is sent. https://docs.aws.amazon.com/AmazonS3/latest/userguide/tagging-and-policies.html
 */
function tagConditions(plan: WritePlan): Record<string, Record<string, unknown>> {
  const equals: Record<string, string> = {};
  for (const [key, value] of Object.entries(plan.objectTags)) {
    equals[`s3:RequestObjectTag/${key}`] = plan.principalTagKeys.includes(key) ? principalTagVariable(key) : value;
  }
  return {
    'StringEquals': equals,
    'ForAllValues:StringEquals': { 's3:RequestObjectTagKeys': Object.keys(plan.objectTags).sort() },
  };
}

/** `${aws:PrincipalTag/<key>}`: the writer role's own tag. */
export function principalTagVariable(key: string): string {
  return '${aws:PrincipalTag/' + key + '}';
}

/**
 * KMS actions on the one key, only through S3 and only for this bucket's objects. S3 calls KMS with the caller's
 * credentials: GenerateDataKey for a PUT, Decrypt as well for multipart parts. With a Bucket Key the encryption
 * context is the bucket ARN, without it the object ARN.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html
 */
export function keyUseStatements(plan: WritePlan, principal?: iam.IPrincipal, options: KeyUseOptions = {}): iam.PolicyStatement[] {
  const enc = plan.encryption;
  if (enc.sse !== 'aws:kms') return [];
  const contextKey = 'kms:EncryptionContext:aws:s3:arn';
  const conditions: Record<string, Record<string, string>> = {
    StringEquals: { 'kms:ViaService': `s3.${plan.bucketRegion}.amazonaws.com` },
  };
  if (options.encryptionContext ?? true) {
    if (enc.bucketKeyEnabled) {
      conditions.StringEquals[contextKey] = plan.bucketArn;
    } else {
      conditions.StringLike = { [contextKey]: objectsArn(plan) };
    }
  }
  return [new iam.PolicyStatement({
    sid: `WriterUseKeyViaS3${plan.sidSuffix}`,
    principals: principal ? [principal] : undefined,
    actions: kmsActions(plan),
    // In a key policy the resource is always the key itself, written '*'.
    resources: [principal ? '*' : enc.keyArn],
    conditions,
  })];
}

export interface KeyUseOptions {
  /**
   * Include the `kms:EncryptionContext:aws:s3:arn` condition (default true). A key policy the writer edits leaves it
   * out: the bucket names the key as its default, so a key policy naming the bucket would make the two resources
   * depend on each other. The identity policy still carries it, and both must allow (same account).
   */
  readonly encryptionContext?: boolean;
}

export function kmsActions(plan: WritePlan): string[] {
  if (plan.encryption.sse !== 'aws:kms') return [];
  return kmsActionsFor(plan.multipart);
}

/** The optional denies of the bucket policy, each satisfied by the writer's own requests by construction. */
export interface BucketGuards {
  readonly roleArn: string;
  readonly enforceEncryptionHeader: boolean;
  readonly restrictPrefixToThisWriter: boolean;
  readonly vpcEndpointId?: string;
}

export function bucketGuardStatements(plan: WritePlan, guards: BucketGuards): iam.PolicyStatement[] {
  const deny = (sid: string, conditions: Record<string, Record<string, unknown>>) => new iam.PolicyStatement({
    sid: `${sid}${plan.sidSuffix}`,
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['s3:PutObject'],
    resources: [objectsArn(plan)],
    conditions,
  });
  const statements: iam.PolicyStatement[] = [];
  const enc = plan.encryption;
  if (guards.enforceEncryptionHeader) {
    // Default bucket encryption does not populate the header key, so a missing header is denied too
    // (negated operator, key absent => true). https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
    statements.push(deny('WriterDenyMissingEncryptionHeader', { StringNotEquals: { 's3:x-amz-server-side-encryption': enc.sse } }));
    if (enc.sse === 'aws:kms') {
      statements.push(deny('WriterDenyOtherKmsKey', { StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': enc.keyArn } }));
    }
  }
  if (guards.restrictPrefixToThisWriter) {
    statements.push(deny('WriterDenyOtherPrincipals', { ArnNotEquals: { 'aws:PrincipalArn': guards.roleArn } }));
  }
  if (guards.vpcEndpointId) {
    statements.push(deny('WriterDenyOutsideVpcEndpoint', {
      ArnEquals: { 'aws:PrincipalArn': guards.roleArn },
      StringNotEquals: { 'aws:SourceVpce': guards.vpcEndpointId },
    }));
  }
  // One statement per key: several keys under one negated operator are ANDed, which would deny only when every
  // tag differs. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
  plan.principalTagKeys.forEach((key, i) => {
    statements.push(deny(`WriterDenyPrincipalTagMismatch${i}`, {
      StringNotEquals: { [`s3:RequestObjectTag/${key}`]: principalTagVariable(key) },
    }));
  });
  return statements;
}
