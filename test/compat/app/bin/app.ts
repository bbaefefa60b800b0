import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SecureLambdaWriter, WriteAccessChecker } from 'cdk-secure-lambda-writer';

// -c variant=broken: a function whose role may only read the bucket it is declared to write to (DENY).
// -c variant=fixed: the write granted on the prefix, and a SecureLambdaWriter beside it (ALLOW).
const app = new App();
const variant = app.node.tryGetContext('variant');
const stack = new Stack(app, 'Ingest', { env: { account: '111111111111', region: 'eu-west-1' } });
const bucket = new s3.Bucket(stack, 'Uploads', { enforceSSL: true });
const fn = new lambda.Function(stack, 'Handler', {
  runtime: lambda.Runtime.NODEJS_20_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline('exports.handler = async () => {};'),
});
if (variant === 'fixed') {
  bucket.grantPut(fn, 'incoming/*');
  new SecureLambdaWriter(stack, 'Writer', {
    functionProps: { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};') },
    bucket,
    keyPrefix: 'reports/',
  });
} else {
  bucket.grantRead(fn);
}
WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'incoming/' });
Aspects.of(app).add(new WriteAccessChecker());
app.synth();
