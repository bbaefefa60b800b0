import { App, NestedStack, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';

// An app as users write it, synthesized both by the real `cdk synth` (run as a script) and in-process with the
// checker's Aspect (through `buildPerimeterApp`), so the command line and the Aspect can be compared on one template.
// Imports only aws-cdk-lib: the test transpiles this one file and runs it with the CDK command line.

const ENV = { account: '111111111111', region: 'us-east-1' };

function fn(scope: Stack, id: string, props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};'), ...props,
  });
}

/** Four writes: two ALLOW across a nested-stack boundary and a default-policy key, two DENY. */
export function buildPerimeterApp(app: App): void {
  const parent = new Stack(app, 'Perimeter', { env: ENV });
  const storage = new NestedStack(parent, 'Storage');
  const bucket = new s3.Bucket(storage, 'Bucket', { enforceSSL: true, minimumTLSVersion: 1.2 });
  const denyPuts = (sid: string, keys: string, conditions?: Record<string, unknown>) => bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid, effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [bucket.arnForObjects(keys)], conditions,
  }));
  denyPuts('OnlyOurAccountPrincipals', '*', { StringNotEquals: { 'aws:PrincipalAccount': ENV.account } });
  denyPuts('NoWritesToArchive', 'archive/*');

  const writers = new NestedStack(parent, 'Writers');
  const good = fn(writers, 'Good');
  bucket.grantPut(good, 'incoming/*');
  const archiver = fn(writers, 'Archiver');
  bucket.grantPut(archiver, 'archive/*');

  // A key without KeyPolicy: CloudFormation gives it the default policy (the account root may use it, so IAM decides).
  const key = new kms.CfnKey(parent, 'Key', {});
  const encrypted = new s3.CfnBucket(parent, 'Encrypted', {
    bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.attrArn } }] },
  });
  const keyed = fn(parent, 'Keyed');
  keyed.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [`${encrypted.attrArn}/*`] }));
  keyed.addToRolePolicy(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey'], resources: [key.attrArn] }));
  const unkeyed = fn(parent, 'Unkeyed');
  unkeyed.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [`${encrypted.attrArn}/*`] }));
}

if (require.main === module) {
  const app = new App();
  buildPerimeterApp(app);
  app.synth();
}
