import { Annotations, CfnOutput, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { appResource } from './ownership';
import { featureRequest, WritePlan } from './write-statements';
import { BucketReference, RecordedIntent } from '../contract/intent';
import { literalOrUndefined, recordWriteIntent } from '../contract/record-intent';

export interface IntentSources {
  readonly writer: IConstruct;
  readonly fn: lambda.IFunction;
  readonly bucket: s3.IBucket;
  readonly key?: kms.IKey;
  readonly plan: WritePlan;
  readonly ownerOutput?: CfnOutput;
  /** The checked bucket name (from `validatedReferences`); read from `bucket` when absent. */
  readonly bucketName?: string;
}

/**
 * Record the writer's exact request profile on its function, so the WriteAccessChecker judges the writer like any
 * other write. Only literals: construct paths of the app's resources, literal names or ARNs of imported ones.
 */
export function recordWriterIntent(src: IntentSources): void {
  const keyArn = src.plan.encryption.sse === 'aws:kms' ? src.plan.encryption.keyArn : undefined;
  const bucket = bucketReference(src, keyArn);
  if (!bucket) {
    Annotations.of(src.writer).addWarningV2('cdk-secure-lambda-writer:intent-not-recorded',
      'The imported bucket has no literal name or ARN (it is a token), so the WriteAccessChecker cannot name it and ' +
      'will not check this writer. Import the bucket with a literal name to have it checked.');
    return;
  }
  const { plan } = src;
  const enc = plan.encryption;
  const keyRef = src.key ? keyReference(src.key, keyArn) : undefined;
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
      ...featureRequest(plan),
      secureTransport: true,
    },
    writer: src.writer.node.path,
    ...(src.ownerOutput ? { ownerStatementsOutput: src.ownerOutput.node.path } : {}),
  };
  recordWriteIntent(src.fn, intent);
}

/**
 * The bucket as the checker should name it. The ARN and the key ARN are the plan's, the very strings the policies
 * were built from, so the intent cannot describe another bucket or key than the statements grant on.
 */
function bucketReference(src: IntentSources, keyArn: string | undefined): BucketReference | undefined {
  const { bucket, key, plan } = src;
  const cfn = appResource(bucket, 'AWS::S3::Bucket');
  const keyRef = key ? keyReference(key, keyArn) : undefined;
  const account = literalOrUndefined(cfn ? Stack.of(cfn).account : bucket.env.account);
  const region = literalOrUndefined(cfn ? Stack.of(cfn).region : plan.bucketRegion);
  const common = {
    ...(account ? { account } : {}),
    ...(region ? { region } : {}),
    ...(keyRef ? { encryptionKeyArn: keyRef } : {}),
  };
  if (cfn) return { constructPath: cfn.node.path, ...common };
  const bucketName = literalOrUndefined(src.bucketName ?? bucket.bucketName);
  const bucketArn = literalOrUndefined(plan.bucketArn);
  if (!bucketName && !bucketArn) return undefined;
  return { ...(bucketName ? { bucketName } : {}), ...(bucketArn ? { bucketArn } : {}), ...common };
}

/** A key of the app by the construct path of its CfnKey, an imported key by its literal ARN (the plan's). */
function keyReference(key: kms.IKey, keyArn: string | undefined): string | undefined {
  const cfn = appResource(key, 'AWS::KMS::Key');
  return cfn ? cfn.node.path : literalOrUndefined(keyArn ?? key.keyArn);
}
