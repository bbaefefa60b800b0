import { isRecord } from '../cfn/assembly-index';
import { AnalysisEnvironment } from '../input';
import { externalBucket } from './external-bucket';
import { keyPatternOf } from './key-pattern';
import { WriteIntent } from './types';
import { BucketReference, readRequestProfile, RecordedIntent } from '../../contract/intent';
import { keyArnOfReference } from '../model/key-lookup';
import { AppModel, BucketModel, FunctionModel } from '../model/types';

/**
 * Intents recorded on a function's metadata by `SecureLambdaWriter` ('construct') or `expectWrite` ('declared').
 * Their request profile is exact. Malformed entries become intents with a `problem` (an UNKNOWN finding).
 */
export function declaredIntents(fn: FunctionModel, model: AppModel, environment: AnalysisEnvironment): WriteIntent[] {
  const recorded = fn.recordedIntents;
  if (recorded === undefined) return [];
  if (!Array.isArray(recorded)) {
    return [malformed(fn, 'the write-intent metadata is not a list')];
  }
  return recorded.map((raw, i) => {
    if (!isRecord(raw) || !isRecord(raw.bucket)) return malformed(fn, `write intent #${i} has no bucket reference`);
    const intent = raw as unknown as RecordedIntent;
    const keyPrefix = typeof intent.keyPrefix === 'string' ? intent.keyPrefix : '';
    // Older assemblies may hold earlier field names; read them in today's.
    const profile = isRecord(intent.request) ? readRequestProfile(intent.request) : {};
    const bucketLabel = labelOf(intent.bucket);
    const ownerOutput = typeof intent.ownerStatementsOutput === 'string' ? intent.ownerStatementsOutput : undefined;
    const bucket = findBucket(intent.bucket, model, fn, environment, ownerOutput);
    return {
      source: intent.source === 'construct' ? 'construct' : 'declared',
      fn,
      bucket,
      bucketLabel,
      keyPattern: keyPatternOf(keyPrefix),
      profile,
      profileExact: true,
      problem: bucket ? undefined : `the bucket ${bucketLabel} named by the write intent is not in the app and has no literal name or ARN`,
      writer: typeof intent.writer === 'string' ? intent.writer : undefined,
    };
  });
}

function malformed(fn: FunctionModel, problem: string): WriteIntent {
  return { source: 'declared', fn, bucketLabel: '(unreadable)', keyPattern: '*', profile: {}, profileExact: true, problem };
}

function labelOf(ref: BucketReference): string {
  return ref.constructPath ?? ref.bucketName ?? ref.bucketArn ?? '(no bucket)';
}

/** Find the bucket by construct path, then literal name, then ARN; else a bucket outside the app. */
function findBucket(ref: BucketReference, model: AppModel, fn: FunctionModel, environment: AnalysisEnvironment,
  ownerOutput: string | undefined): BucketModel | undefined {
  if (typeof ref.constructPath === 'string') {
    const byPath = model.buckets.find((b) => b.display === ref.constructPath || b.entry?.cdkPath === ref.constructPath)
      ?? model.buckets.find((b) => b.display.endsWith(`/${ref.constructPath}`));
    if (byPath) return byPath;
  }
  if (typeof ref.bucketName === 'string') {
    const byName = model.buckets.find((b) => b.name === ref.bucketName);
    if (byName) return byName;
  }
  if (typeof ref.bucketArn === 'string') {
    const byArn = model.buckets.find((b) => b.arn === ref.bucketArn);
    if (byArn) return byArn;
  }
  const name = typeof ref.bucketName === 'string' ? ref.bucketName
    : typeof ref.bucketArn === 'string' ? ref.bucketArn.replace(/^arn:[^:]*:s3:::/, '').split('/')[0] : undefined;
  if (!name) return undefined;
  return externalBucket(ref, name, fn.partition, environment, keyArnOf(ref, model), ownerOutput);
}

/** The intent's `encryptionKeyArn`: a key of the app by construct path, or a literal ARN. */
function keyArnOf(ref: BucketReference, model: AppModel): string | undefined {
  if (typeof ref.encryptionKeyArn !== 'string') return undefined;
  return keyArnOfReference(model.keys, ref.encryptionKeyArn);
}
