import { Annotations, CfnOutput, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { appResource } from './ownership';
import { WritePlan } from './write-statements';
import { BucketReference, RecordedIntent, literalOrUndefined, recordWriteIntent } from '../checker/intent-metadata';

export interface IntentSources {
  readonly writer: IConstruct;
  readonly fn: lambda.IFunction;
  readonly bucket: s3.IBucket;
  readonly key?: kms.IKey;
  readonly plan: WritePlan;
  readonly ownerOutput?: CfnOutput;
}

/**
 * Record the writer's exact request profile on its function, so the WriteAccessChecker judges the writer like any
 * other write. Only literals: construct paths of the app's resources, literal names or ARNs of imported ones.
 */
export function recordWriterIntent(src: IntentSources): void {
  const bucket = bucketReference(src.bucket, src.key);
  if (!bucket) {
    Annotations.of(src.writer).addWarningV2('cdk-secure-lambda-writer:intent-not-recorded',
      'The imported bucket has no literal name or ARN (it is a token), so the WriteAccessChecker cannot name it and ' +
      'will not check this writer. Import the bucket with a literal name to have it checked.');
    return;
  }
  const { plan } = src;
  const enc = plan.encryption;
  const keyRef = src.key ? keyReference(src.key) : undefined;
  const intent: RecordedIntent = {
    source: 'construct',
    bucket,
    keyPrefix: plan.keyPrefix,
    request: {
      serverSideEncryption: enc.sse,
      ...(enc.sse === 'aws:kms' ? {
        bucketKeyEnabled: enc.bucketKeyEnabled,
        ...(keyRef ? { sseKmsKeyId: keyRef } : {}),
        ...(src.key && appResource(src.key, 'AWS::KMS::Key') ? { sseKmsKeyPath: keyRef } : {}),
      } : {}),
      ...(plan.acl ? { acl: plan.acl } : {}),
      ...(Object.keys(plan.objectTags).length > 0 ? { tags: { ...plan.objectTags } } : {}),
      multipart: plan.multipart,
      ...(plan.objectLock ? { objectLockMode: plan.objectLock.mode } : {}),
      ...(plan.legalHold ? { objectLockLegalHold: true } : {}),
      secureTransport: true,
    },
    writer: src.writer.node.path,
    ...(src.ownerOutput ? { ownerStatementsOutput: src.ownerOutput.node.path } : {}),
  };
  recordWriteIntent(src.fn, intent);
}

function bucketReference(bucket: s3.IBucket, key?: kms.IKey): BucketReference | undefined {
  const cfn = appResource(bucket, 'AWS::S3::Bucket');
  const keyRef = key ? keyReference(key) : undefined;
  const account = literalOrUndefined(cfn ? Stack.of(cfn).account : bucket.env.account);
  const region = literalOrUndefined(cfn ? Stack.of(cfn).region : bucket.env.region);
  const common = {
    ...(account ? { account } : {}),
    ...(region ? { region } : {}),
    ...(keyRef ? { encryptionKeyArn: keyRef } : {}),
  };
  if (cfn) return { constructPath: cfn.node.path, ...common };
  const bucketName = literalOrUndefined(bucket.bucketName);
  const bucketArn = literalOrUndefined(bucket.bucketArn);
  if (!bucketName && !bucketArn) return undefined;
  return { ...(bucketName ? { bucketName } : {}), ...(bucketArn ? { bucketArn } : {}), ...common };
}

/** A key of the app by the construct path of its CfnKey, an imported key by its literal ARN. */
function keyReference(key: kms.IKey): string | undefined {
  const cfn = appResource(key, 'AWS::KMS::Key');
  return cfn ? cfn.node.path : literalOrUndefined(key.keyArn);
}
