import { App, Aspects, Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { WriteAccessCauseCode, WriteAccessChecker, ObjectEncryption } from '../../../src';

/**
 * The README's story for the end-to-end tests: the bucket denies every upload without the SSE-KMS header, and the
 * code does not send it. Context `variant` picks the app:
 *   broken        the code sends no header: DENY, `cdk synth` fails
 *   fixed         the code sends `ServerSideEncryption: 'aws:kms'`: ALLOW
 *   staged        the broken stack inside a Stage (as CDK Pipelines deploys it), next to a fixed top-level stack
 *   acknowledged  broken, with the finding acknowledged on the function
 */
class IngestStack extends Stack {
  constructor(scope: Construct, id: string, sendsKmsHeader: boolean) {
    super(scope, id);
    const bucket = new s3.Bucket(this, 'Uploads', { encryption: s3.BucketEncryption.KMS, enforceSSL: true });
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'DenyUploadsWithoutKmsHeader',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects('*')],
      conditions: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
    }));
    const fn = new lambda.Function(this, 'Ingest', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
    bucket.grantPut(fn, 'incoming/*');
    WriteAccessChecker.expectWrite(fn, bucket, {
      keyPrefix: 'incoming/',
      request: { encryption: sendsKmsHeader ? ObjectEncryption.KMS : ObjectEncryption.NONE },
    });
    if (scope.node.tryGetContext('variant') === 'acknowledged') {
      WriteAccessChecker.acknowledge(fn, WriteAccessCauseCode.REQUEST_CONDITION, 'e2e: the header is added by a proxy');
    }
  }
}

const app = new App();
const variant = app.node.tryGetContext('variant') ?? 'broken';
if (variant === 'staged') {
  new IngestStack(app, 'TopLevel', true);
  new IngestStack(new Stage(app, 'Prod'), 'Ingest', false);
} else {
  new IngestStack(app, 'Ingest', variant === 'fixed');
}
// -c quiet=true: the checker prints no summary line.
Aspects.of(app).add(new WriteAccessChecker({ quiet: app.node.tryGetContext('quiet') === 'true' }));
app.synth();
