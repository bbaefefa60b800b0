import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ObjectEncryption, WriteAccessChecker } from '../../src';
import { StoryProps, writerFunction } from './story';

/**
 * "Bucket policies": the bucket denies every PutObject that does not carry the SSE-KMS header. Default bucket
 * encryption does not add the header, so code that relies on it is denied. The fix: the code sends
 * `ServerSideEncryption: 'aws:kms'`, and says so with expectWrite.
 */
export class EncryptionHeaderStack extends Stack {
  constructor(scope: Construct, id: string, props: StoryProps) {
    super(scope, id, props);
    const bucket = new s3.Bucket(this, 'Uploads', { encryption: s3.BucketEncryption.KMS, enforceSSL: true });
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'DenyUploadsWithoutKmsHeader',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects('*')],
      conditions: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
    }));
    const fn = writerFunction(this, 'Ingest');
    bucket.grantPut(fn, 'incoming/*');
    WriteAccessChecker.expectWrite(fn, bucket, {
      keyPrefix: 'incoming/',
      request: { encryption: props.fixed ? ObjectEncryption.KMS : ObjectEncryption.NONE },
    });
  }
}
