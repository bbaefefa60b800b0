/**
 * A CDK app whose writes cross CloudFormation nested stacks (`NestedStack`), for the command line's end-to-end tests.
 * Three writes, each across the boundary a different way:
 * - `Parent/Writer` is declared to write `incoming/*` of `Parent/Bucket`; its permission is an `iam.Policy` in the
 *   nested stack `Parent/Permissions`, attached to the parent's role (a nested parameter carries the role's name);
 * - `Parent/Compute/Worker`, in a nested stack, is granted `Parent/Reports` (a nested parameter carries its ARN);
 * - `Prod/Store/Uploader`, in a Stage, is granted a bucket two nested stacks down (`Prod/Store/Data/Archive`), read
 *   through nested outputs.
 *
 * `-c variant=broken`: the nested policy grants only s3:GetObject (NO_IDENTITY_ALLOW), and the other two buckets
 * deny every PutObject (BUCKET_POLICY_DENY). `-c variant=fixed`: the grants hold and no bucket denies: every write is ALLOW.
 */
import { App, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { recordWriteIntent } from '../../../src/contract/record-intent';

const app = new App();
const variant = app.node.tryGetContext('variant') ?? 'fixed';
if (variant !== 'broken' && variant !== 'fixed') throw new Error(`unknown variant ${variant}`);
const broken = variant === 'broken';
const env = { account: '111111111111', region: 'eu-west-1' };

function writer(scope: Construct, id: string): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
  });
}

function bucketIn(scope: Construct, id: string): s3.Bucket {
  const bucket = new s3.Bucket(scope, id);
  if (broken) {
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'NoWrites', effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')],
    }));
  }
  return bucket;
}

const parent = new Stack(app, 'Parent', { env });
// The first write's bucket denies nothing: its story is the permission in the nested stack.
const bucket = new s3.Bucket(parent, 'Bucket');
const declaredWriter = writer(parent, 'Writer');
new iam.Policy(new NestedStack(parent, 'Permissions'), 'WriterPolicy', {
  roles: [declaredWriter.role!],
  statements: [new iam.PolicyStatement({ actions: [broken ? 's3:GetObject' : 's3:PutObject'], resources: [bucket.arnForObjects('incoming/*')] })],
});
recordWriteIntent(declaredWriter, {
  source: 'declared', bucket: { constructPath: bucket.node.defaultChild!.node.path }, keyPrefix: 'incoming/', request: {},
});

bucketIn(parent, 'Reports').grantPut(writer(new NestedStack(parent, 'Compute'), 'Worker'));

const store = new Stack(new Stage(app, 'Prod'), 'Store', { env });
const archive = new NestedStack(new NestedStack(store, 'Data'), 'Archive');
bucketIn(archive, 'Bucket').grantPut(writer(store, 'Uploader'));

app.synth();
