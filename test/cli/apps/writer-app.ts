/**
 * A small CDK app for the command line's end-to-end tests: a Lambda function declared to write `incoming/*` of a
 * bucket, inside a Stage (so its template lives in a nested assembly), next to a top-level stack.
 *
 * `-c variant=read-only` gives the function a read-only role — the "role configuration"
 * cause (S3 User Guide, "Troubleshoot access denied (403 Forbidden) errors in Amazon S3") (no identity policy allows s3:PutObject); `-c variant=fixed` grants the write.
 * `-c acknowledge=true` acknowledges the read-only DENY on the function, the CDK way.
 * The app does not use the Aspect: the command line must work from the synthesized assembly alone.
 */
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { recordWriteIntent } from '../../../src/contract/record-intent';

const app = new App();
const variant = app.node.tryGetContext('variant') ?? 'fixed';
if (variant !== 'read-only' && variant !== 'fixed') throw new Error(`unknown variant ${variant}`);

// A top-level stack with no function: the assembly holds stacks at two levels.
const shared = new Stack(app, 'Shared');
new s3.Bucket(shared, 'Logs');

const stage = new Stage(app, 'Prod', { env: { account: '111111111111', region: 'eu-west-1' } });
const stack = new Stack(stage, 'Ingest');
const bucket = new s3.Bucket(stack, 'Uploads');
const writer = new lambda.Function(stack, 'Writer', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline('exports.handler = async () => {};'),
});

if (variant === 'read-only') {
  bucket.grantRead(writer);
} else {
  bucket.grantPut(writer, 'incoming/*');
}

recordWriteIntent(writer, {
  source: 'declared',
  bucket: { constructPath: bucket.node.defaultChild!.node.path },
  keyPrefix: 'incoming/',
  request: {},
});

if (app.node.tryGetContext('acknowledge') === 'true') {
  Validations.of(writer).acknowledge({ id: 'WriteAccessChecker::NO_IDENTITY_ALLOW', reason: 'the role is extended by the platform team' });
}

app.synth();
