/**
 * A CDK app that knows nothing of this library — no import of it, no Aspect — for the command line's promise to
 * work on any synthesized assembly. Its write intent is inferred from `grantPut`.
 *
 * `-c variant=sse-required`: the common bucket policy that denies uploads without the
 * `x-amz-server-side-encryption` header; the SDK's default PutObject does not send it (default bucket encryption
 * does not add the header), so every write is denied.
 * `-c variant=fixed`: the twin that relies on default encryption and only denies plain HTTP (`enforceSSL`),
 * which the SDK never uses.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';

const app = new App();
const variant = app.node.tryGetContext('variant') ?? 'fixed';
if (variant !== 'sse-required' && variant !== 'fixed') throw new Error(`unknown variant ${variant}`);

const stack = new Stack(app, 'Plain');
const bucket = new s3.Bucket(stack, 'Reports', { encryption: s3.BucketEncryption.S3_MANAGED, enforceSSL: variant === 'fixed' });
const fn = new lambda.Function(stack, 'Exporter', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline('exports.handler = async () => {};'),
});
bucket.grantPut(fn);

if (variant === 'sse-required') {
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'DenyUnencryptedUploads',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['s3:PutObject'],
    resources: [bucket.arnForObjects('*')],
    conditions: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' } },
  }));
}

app.synth();
