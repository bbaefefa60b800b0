import { App, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SecureLambdaWriter, SecureLambdaWriterProps, ObjectEncryption } from '../../src';
import { validatedReferences } from '../../src/writer/resource-references';
import { ACCOUNT, functionProps, newStack, REGION } from '../writer/support/fixtures';

// Issue #10, item 1: the writer builds every policy ARN from the bucket's and key's references. An imported reference
// whose ARN is a wildcard, or names another bucket than its name, must be refused before any policy is built.

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`;

type Props = (stack: Stack) => Partial<SecureLambdaWriterProps>;

function build(props: Props): () => void {
  return () => {
    const { app, stack } = newStack();
    new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), ...props(stack) });
    app.synth();
  };
}

const attrs = (attributes: s3.BucketAttributes): Props => (s) => ({ bucket: s3.Bucket.fromBucketAttributes(s, 'Imported', attributes) });
const importedKey = (arn: string | ((s: Stack) => string)): Props => (s) => ({
  bucket: s3.Bucket.fromBucketName(s, 'Imported', 'valid-name'),
  encryption: ObjectEncryption.KMS,
  encryptionKey: kms.Key.fromKeyArn(s, 'Key', typeof arn === 'string' ? arn : arn(s)),
});

describe('issue #10 item 1: a bucket whose ARN is not one concrete bucket is refused, naming `bucket`', () => {
  test.each<[string, Props, RegExp]>([
    ['the wildcard ARN of the issue, with a valid name', attrs({ bucketArn: 'arn:aws:s3:::*', bucketName: 'valid-name' }), /bucket: .*'arn:aws:s3:::\*'.*wildcard/],
    ['a partial wildcard in the ARN', attrs({ bucketArn: 'arn:aws:s3:::valid-*', bucketName: 'valid-name' }), /bucket: .*wildcard/],
    ['a ? in the ARN', attrs({ bucketArn: 'arn:aws:s3:::valid-nam?', bucketName: 'valid-name' }), /bucket: .*wildcard/],
    ['a wildcard partition', attrs({ bucketArn: 'arn:*:s3:::valid-name', bucketName: 'valid-name' }), /bucket: .*wildcard/],
    ['an object ARN instead of the bucket ARN', attrs({ bucketArn: 'arn:aws:s3:::valid-name/in/*', bucketName: 'valid-name' }), /bucket: .*not the ARN of one bucket/],
    ['an access point ARN', attrs({ bucketArn: `arn:aws:s3:${REGION}:${ACCOUNT}:accesspoint/ap`, bucketName: 'valid-name' }), /bucket: .*not the ARN of one bucket/],
    ['an unknown partition', attrs({ bucketArn: 'arn:aws-moon:s3:::valid-name', bucketName: 'valid-name' }), /bucket: .*partition/],
    ['an ARN that names another bucket than bucketName', attrs({ bucketArn: 'arn:aws:s3:::valid-name', bucketName: 'other-name' }),
      /bucket: its ARN names the bucket 'valid-name' but its bucketName is 'other-name'/],
    ['a literal ARN with a token after the name', (s) => ({
      bucket: s3.Bucket.fromBucketAttributes(s, 'Imported', { bucketArn: `arn:aws:s3:::valid-name/${new CfnParameter(s, 'P').valueAsString}`, bucketName: 'valid-name' }),
    }), /bucket: .*not the ARN of one bucket/],
    ['a wildcard next to a token in the name', (s) => ({
      bucket: s3.Bucket.fromBucketName(s, 'Imported', `${new CfnParameter(s, 'P').valueAsString}-*`),
    }), /bucket: .*wildcard/],
    ['an access point alias as the bucket name', attrs({ bucketName: 'my-ap-abcdefgh1234-s3alias' }), /bucket: .*access point alias/],
    ['a directory bucket name', attrs({ bucketName: 'landing--euw1-az1--x-s3' }), /bucket: .*directory bucket/],
    ['an ARN naming a bucket formatted as an IP address', attrs({ bucketArn: 'arn:aws:s3:::192.168.5.4', bucketName: 'valid-name' }), /bucket: .*IP address/],
    ['a wildcard region', attrs({ bucketName: 'valid-name', region: '*' }), /bucket: its region '\*' is not an AWS Region/],
    ['a wildcard account', attrs({ bucketName: 'valid-name', account: '*' }), /bucket: its account '\*' is not a 12-digit AWS account ID/],
  ])('%s', (_name, props, message) => {
    expect(build(props)).toThrow(message);
  });
});

describe('issue #10 item 1: a KMS key whose ARN is not one concrete key is refused, naming `encryptionKey`', () => {
  test.each<[string, Props, RegExp]>([
    ['a wildcard key id', importedKey(`arn:aws:kms:${REGION}:${ACCOUNT}:key/*`), /encryptionKey: .*wildcard/],
    ['a wildcard region', importedKey(`arn:aws:kms:*:${ACCOUNT}:key/${KEY_ID}`), /encryptionKey: .*wildcard/],
    ['a wildcard account', importedKey(`arn:aws:kms:${REGION}:*:key/${KEY_ID}`), /encryptionKey: .*wildcard/],
    ['an alias ARN (KMS authorizes on the key ARN only)', importedKey(`arn:aws:kms:${REGION}:${ACCOUNT}:alias/ingest`), /encryptionKey: .*alias/],
    ['a key id that is not a key id', importedKey(`arn:aws:kms:${REGION}:${ACCOUNT}:key/my-key`), /encryptionKey: .*not the ARN of one KMS key/],
    ['a key ARN with a token where the id should end', importedKey((s) => `arn:aws:kms:${REGION}:${ACCOUNT}:key/x/${new CfnParameter(s, 'P').valueAsString}`),
      /encryptionKey: .*not the ARN of one KMS key/],
    ['an alias of the app', (s) => {
      const key = new kms.Key(s, 'AppKey');
      return { encryptionKey: new kms.Alias(s, 'Alias', { aliasName: 'alias/ingest', targetKey: key }) };
    }, /encryptionKey: .*alias/],
    ['an imported alias', (s) => ({ encryptionKey: kms.Alias.fromAliasName(s, 'Alias', 'alias/ingest') }), /encryptionKey: .*alias/],
    ['a wildcard key carried by an imported bucket', (s) => ({
      bucket: s3.Bucket.fromBucketAttributes(s, 'Imported', {
        bucketName: 'valid-name', encryptionKey: kms.Key.fromKeyArn(s, 'Key', `arn:aws:kms:${REGION}:${ACCOUNT}:key/*`),
      }),
    }), /encryptionKey: the key of the bucket .*wildcard/],
    ['a key in another Region than the bucket (SSE-KMS uses a key of the bucket\'s Region)',
      importedKey(`arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY_ID}`),
      /encryptionKey: the given key is in [a-z0-9-]+, the bucket in [a-z0-9-]+: S3 encrypts with a KMS key of the bucket's own Region only/],
  ])('%s', (_name, props, message) => {
    expect(build(props)).toThrow(message);
  });
});

describe('valid twins: concrete references, literal or token, still synthesize', () => {
  test.each<[string, Props]>([
    ['Bucket.fromBucketName with a literal name', (s) => ({ bucket: s3.Bucket.fromBucketName(s, 'Imported', 'valid-name') })],
    ['Bucket.fromBucketArn with a literal ARN', (s) => ({ bucket: s3.Bucket.fromBucketArn(s, 'Imported', 'arn:aws:s3:::valid-name') })],
    ['fromBucketAttributes with an ARN and the same name', attrs({ bucketArn: 'arn:aws:s3:::valid-name', bucketName: 'valid-name' })],
    ...['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'].map(
      (p): [string, Props] => [`partition ${p}`, attrs({ bucketArn: `arn:${p}:s3:::valid-name`, bucketName: 'valid-name' })]),
    ['a legacy us-east-1 name (uppercase, underscore), as CDK imports it', (s) => ({ bucket: s3.Bucket.fromBucketName(s, 'Imported', 'Legacy_Bucket') })],
    ['a name with periods', (s) => ({ bucket: s3.Bucket.fromBucketName(s, 'Imported', 'logs.example.com') })],
    ['an ARN from Fn::ImportValue', (s) => ({ bucket: s3.Bucket.fromBucketArn(s, 'Imported', Fn.importValue('shared-BucketArn')) })],
    ['a name from a CfnParameter', (s) => ({ bucket: s3.Bucket.fromBucketName(s, 'Imported', new CfnParameter(s, 'Name').valueAsString) })],
    ['an ARN from a CfnParameter', (s) => ({ bucket: s3.Bucket.fromBucketArn(s, 'Imported', new CfnParameter(s, 'Arn').valueAsString) })],
    ['a bucket of the app with a name', (s) => ({ bucket: new s3.Bucket(s, 'Own', { bucketName: 'own-bucket' }) })],
    ['attributes with a concrete region and account', attrs({ bucketName: 'valid-name', region: 'us-gov-west-1', account: '222222222222' })],
    ['a key imported by its ARN', importedKey(KEY_ARN)],
    ['a multi-Region key', importedKey(`arn:aws:kms:${REGION}:${ACCOUNT}:key/mrk-1234abcd12ab34cd56ef1234567890ab`)],
    ['a key ARN from Fn::ImportValue', importedKey(() => Fn.importValue('shared-KeyArn'))],
    ['a key id from a CfnParameter', importedKey((s) => `arn:aws:kms:${REGION}:${ACCOUNT}:key/${new CfnParameter(s, 'KeyId').valueAsString}`)],
    ['a key of the app', (s) => ({ encryptionKey: new kms.Key(s, 'AppKey') })],
    ['a key carried by an imported bucket', (s) => ({
      bucket: s3.Bucket.fromBucketAttributes(s, 'Imported', { bucketName: 'valid-name', encryptionKey: kms.Key.fromKeyArn(s, 'Key', KEY_ARN) }),
    })],
  ])('%s', (_name, props) => {
    expect(build(props)).not.toThrow();
  });

  test('a bucket and key of another stack (cross-stack references)', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const env = { account: ACCOUNT, region: REGION };
    const data = new Stack(app, 'Data', { env });
    const compute = new Stack(app, 'Compute', { env });
    const key = new kms.Key(data, 'Key');
    const bucket = new s3.Bucket(data, 'Bucket', { encryptionKey: key });
    new SecureLambdaWriter(compute, 'Direct', { functionProps: functionProps(), bucket });
    new SecureLambdaWriter(compute, 'ByArn', {
      functionProps: functionProps(),
      bucket: s3.Bucket.fromBucketArn(compute, 'BucketByArn', bucket.bucketArn),
      encryptionKey: kms.Key.fromKeyArn(compute, 'KeyByArn', key.keyArn),
    });
    expect(() => app.synth()).not.toThrow();
  });
});

describe('audit: every ARN the writer derives from an imported bucket and key is the validated one', () => {
  test('policies, owner statements, environment and intent name only arn:aws-cn:s3:::valid-name and the key ARN', () => {
    const { stack } = newStack();
    const keyArn = `arn:aws-cn:kms:cn-north-1:${ACCOUNT}:key/${KEY_ID}`;
    const writer = new SecureLambdaWriter(stack, 'Writer', {
      functionProps: functionProps(),
      bucket: s3.Bucket.fromBucketAttributes(stack, 'Imported', { bucketArn: 'arn:aws-cn:s3:::valid-name', bucketName: 'valid-name', region: 'cn-north-1' }),
      encryptionKey: kms.Key.fromKeyArn(stack, 'Key', keyArn),
      keyPrefix: 'in/',
      enforceEncryptionHeader: true,
    });
    const everything = JSON.stringify([
      Template.fromStack(stack).toJSON(),
      stack.resolve(writer.ownerBucketPolicyStatements.map((s) => s.toStatementJson())),
      stack.resolve(writer.ownerKeyPolicyStatements.map((s) => s.toStatementJson())),
      stack.resolve(writer.environment),
    ]);
    const s3Arns = [...everything.matchAll(/arn:[^"\\]*?:s3:::[^"\\]*/g)].map((m) => m[0]);
    expect(s3Arns.length).toBeGreaterThan(0);
    for (const arn of s3Arns) expect(['arn:aws-cn:s3:::valid-name', 'arn:aws-cn:s3:::valid-name/in/*']).toContain(arn);
    const kmsArns = [...everything.matchAll(/arn:[^"\\]*?:kms:[^"\\]*/g)].map((m) => m[0]);
    expect(kmsArns.length).toBeGreaterThan(0);
    for (const arn of kmsArns) expect(arn).toBe(keyArn);
    expect(writer.environment.WRITER_BUCKET_NAME).toBe('valid-name');
  });
});

describe('validatedReferences: the strings the writer builds from are read once and checked', () => {
  /** A bucket whose ARN getter answers a concrete ARN first and a wildcard afterwards (possible from another jsii language). */
  function flippingBucket(stack: Stack, first: string, then: string): s3.IBucket {
    const bucket = s3.Bucket.fromBucketName(stack, 'Flipping', 'valid-name');
    let reads = 0;
    Object.defineProperty(bucket, 'bucketArn', { get: () => (reads++ === 0 ? first : then) });
    return bucket;
  }

  test('a getter that turns into a wildcard after the check cannot change what was returned', () => {
    const { stack } = newStack();
    const bucket = flippingBucket(stack, 'arn:aws:s3:::valid-name', 'arn:aws:s3:::*');
    const key = kms.Key.fromKeyArn(stack, 'Key', KEY_ARN);
    const refs = validatedReferences(stack, bucket, key, { bucket, encryptionKey: key });
    expect(refs).toEqual({ bucketArn: 'arn:aws:s3:::valid-name', bucketName: 'valid-name', bucketRegion: REGION, keyArn: KEY_ARN });
    expect(Object.isFrozen(refs)).toBe(true);
  });

  test('the same checks as at construction: a wildcard ARN read there is refused, naming bucket', () => {
    const { stack } = newStack();
    const bucket = flippingBucket(stack, 'arn:aws:s3:::*', 'arn:aws:s3:::valid-name');
    expect(() => validatedReferences(stack, bucket, undefined, { bucket })).toThrow(/bucket: its ARN 'arn:aws:s3:::\*'/);
  });
});
