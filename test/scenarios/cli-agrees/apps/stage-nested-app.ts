import { App, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';

// A CDK Pipelines shape: a Stage (its own nested cloud assembly) holding a stack with a NestedStack (its template an
// asset of the stack). One write ALLOW, one DENY, both inside the nested stack. Imports only aws-cdk-lib.

export function buildStageNestedApp(app: App): void {
  const stage = new Stage(app, 'Prod', { env: { account: '111111111111', region: 'us-east-1' } });
  const stack = new Stack(stage, 'Service');
  const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'ReadOnlyReports', effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('reports/*')],
  }));
  const nested = new NestedStack(stack, 'Workers');
  const make = (id: string) => new lambda.Function(nested, id, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};'),
  });
  bucket.grantPut(make('Ingest'), 'incoming/*');
  bucket.grantPut(make('Reporter'), 'reports/*');
}

if (require.main === module) {
  const app = new App();
  buildStageNestedApp(app);
  app.synth();
}
