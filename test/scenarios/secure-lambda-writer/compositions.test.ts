import { NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ObjectEncryption, SecureLambdaWriter, SecureLambdaWriterProps } from '../../../src';
import { WriteAccessChecker, WriteVerdict } from '../../../src/checker';
import { describeFinding, ENV, findingsOf, newApp, OTHER_ENV, stackIn, synthWithChecker, writerFunction } from '../../support/harness';

// SecureLambdaWriter composed the way teams grow an app: several writers on one bucket, an existing bucket and key
// from other stacks, the writer inside a NestedStack inside a Stage. The construct must pass its own checker.

const code = lambda.Code.fromInline('exports.handler = async () => {};');
const functionProps = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code };

function writerVerdicts(checker: WriteAccessChecker, writers: SecureLambdaWriter[]): string[] {
  return writers.flatMap(w => findingsOf(checker, w.function).map(describeFinding));
}

test('three writers on one existing KMS bucket, each restricted to its own prefix, with ABAC and tags: all ALLOW', () => {
  const app = newApp();
  const security = stackIn(app, 'Security');
  const key = new kms.Key(security, 'Key', { enableKeyRotation: true });
  const data = stackIn(app, 'Data');
  const bucket = new s3.Bucket(data, 'Bucket', { encryptionKey: key, enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  const common: Partial<SecureLambdaWriterProps> = {
    bucket,
    encryption: ObjectEncryption.KMS,
    restrictPrefixToThisWriter: true,
    enforceEncryptionHeader: true,
  };
  const writers = [
    new SecureLambdaWriter(data, 'Orders', { ...common, functionProps, keyPrefix: 'orders/', objectTags: { team: 'orders' }, principalTagKeys: ['team'], tags: { team: 'orders' } }),
    new SecureLambdaWriter(data, 'Invoices', { ...common, functionProps, keyPrefix: 'invoices/', multipart: true }),
    new SecureLambdaWriter(data, 'Audit', { ...common, functionProps, keyPrefix: 'audit/', environmentPrefix: 'AUDIT_' }),
  ];
  const { checker, error } = synthWithChecker(app);
  expect(writerVerdicts(checker, writers)).toEqual(['ALLOW [] ', 'ALLOW [] ', 'ALLOW [] ']);
  expect(error).toBeUndefined();
});

test('a plain grantPut writer on the same bucket, under a prefix one SecureLambdaWriter restricts to itself: DENY', () => {
  const app = newApp();
  const stack = stackIn(app, 'App');
  const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
  const writer = new SecureLambdaWriter(stack, 'Orders', { functionProps, bucket, keyPrefix: 'orders/', restrictPrefixToThisWriter: true });
  const intruder = writerFunction(stack, 'Intruder');
  bucket.grantPut(intruder, 'orders/*');
  const other = writerFunction(stack, 'Other');
  bucket.grantPut(other, 'other/*');
  const { checker } = synthWithChecker(app);
  expect(writerVerdicts(checker, [writer])).toEqual(['ALLOW [] ']);
  expect(findingsOf(checker, intruder).map(f => f.verdict)).toEqual([WriteVerdict.DENY]);
  expect(findingsOf(checker, other).map(describeFinding)).toEqual(['ALLOW [] ']);
});

test('writer in a NestedStack of a Stage, writing to a bucket of another account (imported, owner statements): not DENY', () => {
  const app = newApp();
  const stage = new Stage(app, 'Prod', { env: ENV });
  const parent = new Stack(stage, 'Ingest');
  const nested = new NestedStack(parent, 'Writers');
  const bucket = s3.Bucket.fromBucketAttributes(nested, 'Partner', { bucketName: 'partner-bucket-222', account: OTHER_ENV.account });
  const writer = new SecureLambdaWriter(nested, 'Writer', { functionProps, bucket, keyPrefix: 'from-us/', encryption: ObjectEncryption.S3_MANAGED });
  const { checker, error } = synthWithChecker(app);
  const verdicts = findingsOf(checker, writer.function).map(f => f.verdict);
  expect(verdicts.length).toBeGreaterThan(0);
  expect(verdicts.filter(v => v === WriteVerdict.DENY)).toEqual([]);
  expect(error).toBeUndefined();
});
