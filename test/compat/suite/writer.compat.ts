import { App, Aspects } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CDK_VERSION, check, FINAL_API, functionProps, newApp, newStack, synthOutcome } from './support/compat';
import { CannedAcl, SecureLambdaWriter, SecureLambdaWriterProps, ObjectEncryption } from '../../../src';

// SecureLambdaWriter on this run's aws-cdk-lib: each configuration synthesizes, passes the checker (ALLOW), and passes
// cdk-nag's AwsSolutions pack (cdk-nag 2 on CDKs before 2.257, which cdk-nag 3 does not support; cdk-nag 3 after).

const CONFIGURATIONS: Array<[string, Partial<SecureLambdaWriterProps>]> = [
  ['SSE-S3, new bucket', {}],
  ['SSE-KMS with a new key, tags and ABAC', { encryption: ObjectEncryption.KMS, objectTags: { team: 'blue' }, principalTagKeys: ['team'] }],
  ['SSE-KMS without Bucket Key, multipart, header enforced', { encryption: ObjectEncryption.KMS, bucketKeyEnabled: false, multipart: true, enforceEncryptionHeader: true }],
  ['SSE-S3 with the access-denied alarm', { accessDeniedAlarm: { threshold: 2 } }],
  ['ACL, Object Lock retention and legal hold, prefix restricted', {
    acl: CannedAcl.BUCKET_OWNER_FULL_CONTROL,
    objectLockMode: s3.ObjectLockMode.GOVERNANCE,
    objectLockRetentionDays: 30,
    objectLockLegalHold: true,
    restrictPrefixToThisWriter: true,
  }],
];

function writerApp(props: Partial<SecureLambdaWriterProps>): App {
  const app = newApp();
  new SecureLambdaWriter(newStack(app), 'Writer', { functionProps: functionProps(), keyPrefix: 'incoming/', ...props });
  return app;
}

/** cdk-nag's AwsSolutions errors on `app`, through whichever cdk-nag major this run installed. */
function nagErrors(app: App): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nag = require('cdk-nag');
  const pack = new nag.AwsSolutionsChecks(app);
  if (typeof pack.validate === 'function') {
    // cdk-nag 3: a validation plugin; errors fail synth.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('aws-cdk-lib').Validations.of(app).addPlugins(pack);
    const outcome = synthOutcome(app);
    return outcome.failed ? [outcome.output] : [];
  }
  // cdk-nag 2: an Aspect that records its findings as error annotations.
  Aspects.of(app).add(pack);
  synthOutcome(app);
  return app.node.findAll().flatMap(c => c.node.metadata)
    .filter(m => m.type === 'aws:cdk:error' && String(m.data).includes('AwsSolutions-'))
    .map(m => String(m.data));
}

describe(`SecureLambdaWriter on aws-cdk-lib ${CDK_VERSION}`, () => {
  test.each(CONFIGURATIONS)('%s: the checker says ALLOW', (_, props) => {
    const { findings, failed } = check(writerApp(props), { reportFile: false });
    expect(failed).toBe(false);
    expect(findings.filter(f => f.intent === 'construct').map(f => [f.verdict, f.keyPattern])).toEqual([['ALLOW', 'incoming/*']]);
  });

  test.each(CONFIGURATIONS)('%s: cdk-nag AwsSolutions reports no error', (_, props) => {
    expect(nagErrors(writerApp(props))).toEqual([]);
  });

  test('the acknowledgements are narrow: an unrelated AwsSolutions error in the same app is still reported', () => {
    const app = writerApp({});
    new s3.Bucket(newStack(app, 'Other'), 'Unencrypted'); // S1 (no access logs), S10 (no TLS) are reported
    expect(nagErrors(app).join('\n')).toMatch(/AwsSolutions-S10/);
  });

  test('an existing function, an app bucket with its own key, and a function in a VPC behind an S3 endpoint', () => {
    const app = newApp();
    const stack = newStack(app);
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const bucket = new s3.Bucket(stack, 'AppBucket', { encryption: s3.BucketEncryption.KMS, encryptionKey: key, enforceSSL: true });
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'iso', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const vpcEndpoint = vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    new SecureLambdaWriter(stack, 'InVpc', { functionProps: functionProps({ vpc }), bucket, vpcEndpoint, keyPrefix: 'in/', multipart: true });
    const existing = new lambda.Function(stack, 'Existing', functionProps());
    new SecureLambdaWriter(stack, 'ForExisting', { function: existing, bucket, keyPrefix: 'archive/', environmentPrefix: 'ARCHIVE_' });
    const { findings, failed } = check(app, { reportFile: false });
    expect(failed).toBe(false);
    expect(findings.filter(f => f.intent === 'construct').map(f => [f.function, f.verdict]).sort()).toEqual([
      ['Stack/Existing', 'ALLOW'], ['Stack/InVpc/Function', 'ALLOW'],
    ]);
  });

  test('the access-denied alarm: a metric filter on the function\'s log group and an alarm on its metric', () => {
    const app = newApp();
    const stack = newStack(app);
    const writer = new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), keyPrefix: 'in/', accessDeniedAlarm: { threshold: 2 } });
    const resources = Object.values(app.synth().getStackByName(stack.stackName).template.Resources) as any[];
    const filters = resources.filter(r => r.Type === 'AWS::Logs::MetricFilter');
    const alarms = resources.filter(r => r.Type === 'AWS::CloudWatch::Alarm');
    expect(filters).toHaveLength(1);
    expect(filters[0].Properties.LogGroupName).toEqual(stack.resolve((writer.logGroup as any).logGroupName));
    const metricName = filters[0].Properties.MetricTransformations[0].MetricName;
    expect(alarms.map(a => [a.Properties.Threshold, a.Properties.MetricName])).toEqual([[2, metricName]]);
    expect(writer.accessDeniedAlarm).toBeDefined();
  });

  test('functionProps.logGroup: the role may write to that log group only', () => {
    const app = newApp();
    const stack = newStack(app);
    const logGroup = new logs.LogGroup(stack, 'Logs');
    const writer = new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps({ logGroup }), keyPrefix: 'in/' });
    expect(writer.logGroup).toBe(logGroup);
    const policy = JSON.stringify(stack.resolve((writer.policy.node.defaultChild as any).policyDocument));
    expect(policy).toContain(JSON.stringify(stack.resolve(logGroup.logGroupArn)));
  });

  test('an imported bucket: UNKNOWN (its policy is not in the templates), never a crash', () => {
    const app = newApp();
    const stack = newStack(app);
    const bucket = s3.Bucket.fromBucketAttributes(stack, 'Partner', { bucketName: 'partner-drop', account: '222222222222' });
    new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), bucket, keyPrefix: 'in/' });
    const { findings } = check(app, { reportFile: false });
    expect(findings.filter(f => f.intent === 'construct').map(f => f.verdict)).toEqual(['UNKNOWN']);
  });

  test(`the hook in use is the one this CDK has (${FINAL_API ? 'final' : 'older'})`, () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const hasValidations = typeof require('aws-cdk-lib').Validations === 'function';
    expect(FINAL_API).toBe(hasValidations);
  });
});
