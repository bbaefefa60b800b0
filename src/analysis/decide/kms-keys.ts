import { RecordedRequestProfile } from '../../contract/intent';
import { describeSymbolic } from '../../iam/symbolic';
import { AnalysisEnvironment } from '../input';
import { arnFields } from '../model/helpers';
import { appKeyNamed } from '../model/key-lookup';
import { AppModel, BucketModel, KeyModel, PolicyDoc } from '../model/types';

/**
 * Which KMS key(s) encrypt the write (S3 User Guide, "Specifying server-side encryption with AWS KMS"):
 * - the request's `x-amz-server-side-encryption: aws:kms` header with a key ID → that key;
 *   without a key ID → the AWS managed key `aws/s3` (PutObject API) — but when the bucket's default rule names a
 *   customer managed key, which one S3 picks is not something we assert: both are candidates;
 * - `AES256` in the header, or SSE-C → no KMS;
 * - no header → the bucket's default encryption: `aws:kms`/`aws:kms:dsse` with `KMSMasterKeyID` → that key,
 *   without it → `aws/s3`.
 */
export interface KeySelection {
  readonly candidates: readonly KeyModel[];
  readonly notes: readonly string[];
}

export function keysForWrite(bucket: BucketModel, profile: RecordedRequestProfile, sseKmsKeyArn: string | undefined,
  model: AppModel, environment: AnalysisEnvironment): KeySelection {
  const header = profile.serverSideEncryption;
  if (profile.sseCustomerKey || header === 'AES256') return { candidates: [], notes: [] };
  const bucketKeyId = bucket.encryption?.algorithm.startsWith('aws:kms') ? bucket.encryption.kmsMasterKeyId : undefined;
  if (header?.startsWith('aws:kms')) {
    if (sseKmsKeyArn) return { candidates: [findKey(sseKmsKeyArn, bucket, model, environment)], notes: [] };
    if (bucketKeyId) {
      return {
        candidates: [findKey(bucketKeyId, bucket, model, environment), awsManagedKey(bucket)],
        notes: ['the request asks for aws:kms without a key ID while the bucket default names a key: both keys were checked'],
      };
    }
    return { candidates: [awsManagedKey(bucket)], notes: [] };
  }
  if (!bucket.encryption?.algorithm.startsWith('aws:kms')) return { candidates: [], notes: [] };
  return { candidates: [bucketKeyId ? findKey(bucketKeyId, bucket, model, environment) : awsManagedKey(bucket)], notes: [] };
}

/** A key named by ID, ARN, alias name or alias ARN: a key of the app, the `aws/s3` alias, or a key outside the app. */
export function findKey(reference: string, bucket: BucketModel, model: AppModel, environment: AnalysisEnvironment): KeyModel {
  const aliasArn = /:alias\/(.+)$/.exec(reference);
  const aliasName = reference.startsWith('alias/') ? reference : aliasArn ? `alias/${aliasArn[1]}` : undefined;
  if (aliasName === 'alias/aws/s3') return awsManagedKey(bucket);
  const app = appKeyNamed(model.keys, reference, aliasName);
  if (app) return app;
  const fields = arnFields(reference);
  const arn = fields ? reference : `arn:${bucket.partition}:kms:${bucket.region}:${bucket.account}:${aliasName ?? `key/${reference}`}`;
  const account = fields?.account ?? bucket.account;
  const shown = describeSymbolic(arn);
  const given = environment.externalKeyPolicies ?? {};
  const known = Object.prototype.hasOwnProperty.call(given, arn);
  const policy: PolicyDoc = {
    id: `externalKeyPolicies[${shown}]`,
    document: known ? given[arn] : undefined,
    missing: known ? undefined : `key ${shown} is not defined in the app: give its key policy in \`externalKeyPolicies\``,
    source: { description: `key policy of ${shown}`, location: shown, environmentProp: 'externalKeyPolicies' },
  };
  return {
    display: shown,
    arn,
    keyId: reference,
    account,
    region: fields?.region ?? bucket.region,
    policy,
    enabled: true,
    aliases: aliasName ? [aliasName] : [],
    awsManaged: false,
    external: true,
  };
}

/**
 * The AWS managed key `aws/s3` of the bucket's account. Its key policy (which nobody can edit) lets every
 * principal of that account use it through S3 in that region, and nobody else — hence no cross-account use.
 */
export function awsManagedKey(bucket: BucketModel): KeyModel {
  const arn = `arn:${bucket.partition}:kms:${bucket.region}:${bucket.account}:alias/aws/s3`;
  const document = {
    Version: '2012-10-17',
    Statement: [{
      Sid: 'Allow access through S3 for all principals in the account that are authorized to use S3',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:CallerAccount': bucket.account, 'kms:ViaService': `s3.${bucket.region}.amazonaws.com` } },
    }],
  };
  return {
    display: `aws/s3 (the AWS managed key of ${describeSymbolic(bucket.account)})`,
    arn,
    keyId: 'alias/aws/s3',
    account: bucket.account,
    region: bucket.region,
    policy: { id: `aws/s3 key policy of ${arn}`, document, source: { description: 'the key policy of the AWS managed key aws/s3', location: arn } },
    enabled: true,
    aliases: ['alias/aws/s3'],
    awsManaged: true,
    external: true,
  };
}
