import { App, Aspects, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { COMBINATIONS } from './support/combinations';
import { ACCOUNT, functionProps, REGION } from './support/fixtures';
import { WriteAccessChecker } from '../../src/checker';
import { SecureLambdaWriter, SecureLambdaWriterProps } from '../../src/writer';

function appWith(build: (stack: Stack) => void): App {
  const app = new App({ builtinCloudFormationValidation: false });
  build(new Stack(app, 'Stack', { env: { account: ACCOUNT, region: REGION } }));
  return app;
}

function writerApp(props: Partial<SecureLambdaWriterProps>): App {
  return appWith((stack) => new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), ...props }));
}

/** The checker's findings for the writer's own (construct) intent, after a synth that must not fail. */
function checkerFindings(app: App) {
  const checker = new WriteAccessChecker({ reportFile: false });
  Aspects.of(app).add(checker);
  app.synth();
  return checker.findings;
}

describe('the writer passes its own checker: every option combination is ALLOW', () => {
  test.each(COMBINATIONS)('$name', ({ props }) => {
    const findings = checkerFindings(writerApp(props));
    const own = findings.filter((f) => f.intent === 'construct');
    expect(own).toHaveLength(1);
    expect({ verdict: own[0].verdict, causes: own[0].causes }).toEqual({ verdict: 'ALLOW', causes: [] });
    expect(own[0].keyPattern).toBe('incoming/*');
    // No other intent for the writer's function may fail synth either.
    expect(findings.filter((f) => f.verdict === 'DENY')).toEqual([]);
  });

  test('an existing bucket of the app with its own key, and a VPC function through its endpoint', () => {
    const app = appWith((stack) => {
      const bucket = new s3.Bucket(stack, 'AppBucket', { encryption: s3.BucketEncryption.KMS, encryptionKey: new kms.Key(stack, 'K', { enableKeyRotation: true }), enforceSSL: true });
      const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'iso', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      const endpoint = vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
      new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps({ vpc }), bucket, vpcEndpoint: endpoint, keyPrefix: 'in/', multipart: true });
    });
    const own = checkerFindings(app).filter((f) => f.intent === 'construct');
    expect(own.map((f) => f.verdict)).toEqual(['ALLOW']);
  });

  test('an existing function of the app with its own role', () => {
    const app = appWith((stack) => {
      const fn = new lambda.Function(stack, 'Fn', functionProps());
      new SecureLambdaWriter(stack, 'Writer', { function: fn, keyPrefix: 'in/', objectTags: { team: 'a' }, principalTagKeys: ['team'] });
    });
    const own = checkerFindings(app).filter((f) => f.intent === 'construct');
    expect(own.map((f) => [f.function, f.verdict])).toEqual([['Stack/Fn', 'ALLOW']]);
  });

  test('a bucket of the app in another stack: the identity policy alone allows the write (same account)', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const env = { account: ACCOUNT, region: REGION };
    const bucket = new s3.Bucket(new Stack(app, 'Data', { env }), 'Bucket', { enforceSSL: true });
    new SecureLambdaWriter(new Stack(app, 'Compute', { env }), 'Writer', { functionProps: functionProps(), bucket, keyPrefix: 'in/' });
    const own = checkerFindings(app).filter((f) => f.intent === 'construct');
    expect(own.map((f) => f.verdict)).toEqual(['ALLOW']);
  });

  // The owner statements are reported by the writer (ownerBucketPolicyStatements, CfnOutput); the checker cannot see
  // the imported bucket's policy, so it must not claim ALLOW.
  test('an imported bucket is not ALLOW: UNKNOWN, naming the bucket and the output with the owner\'s statements', () => {
    const app = appWith((stack) => {
      const bucket = s3.Bucket.fromBucketAttributes(stack, 'Partner', { bucketName: 'partner-drop', account: '222222222222' });
      new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), bucket, keyPrefix: 'in/' });
    });
    const own = checkerFindings(app).filter((f) => f.intent === 'construct');
    expect(own).toHaveLength(1);
    expect(own[0].verdict).toBe('UNKNOWN');
    expect(own[0].bucket).toBe('partner-drop');
    expect(own[0].causes.map((c) => c.message).join('\n')).toMatch(/statements its owner must add for this writer are in output \S*Writer\/OwnerPolicyStatements/);
  });
});

describe('cdk-nag 3 AwsSolutions reports no error, only acknowledged findings with a written reason', () => {
  function nagErrors(app: App): string[] {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    try {
      app.synth();
      return [];
    } catch (e) {
      return [String((e as Error).message)];
    }
  }

  test.each(COMBINATIONS.filter((_, i) => i % 3 === 0))('$name', ({ props }) => {
    expect(nagErrors(writerApp(props))).toEqual([]);
  });

  test('a VPC function and an existing bucket with server access logs', () => {
    const app = appWith((stack) => {
      const logs = new s3.Bucket(stack, 'Logs', { enforceSSL: true });
      Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This is the access-log bucket itself.' });
      const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'iso', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      Validations.of(vpc).acknowledge({ id: 'AwsSolutions-VPC7', reason: 'Test VPC without flow logs; not part of the writer.' });
      new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps({ vpc }), bucketProps: { serverAccessLogsBucket: logs } });
    });
    expect(nagErrors(app)).toEqual([]);
  });

  test('an imported bucket and key', () => {
    const app = appWith((stack) => {
      const bucket = s3.Bucket.fromBucketAttributes(stack, 'Partner', { bucketName: 'partner-drop', account: '222222222222' });
      const encryptionKey = kms.Key.fromKeyArn(stack, 'PartnerKey', `arn:aws:kms:${REGION}:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab`);
      new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), bucket, encryptionKey, keyPrefix: 'in/', multipart: true });
    });
    expect(nagErrors(app)).toEqual([]);
  });

  test('the acknowledgements are narrow: an extra wildcard statement on the writer role is still reported', () => {
    const app = appWith((stack) => {
      const writer = new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), keyPrefix: 'in/' });
      writer.policy.addStatements(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    });
    expect(nagErrors(app).join('\n')).toMatch(/AwsSolutions-IAM5\[Resource::\*\]/);
  });

  test('every acknowledgement the writer makes carries a reason', () => {
    const app = writerApp({ keyPrefix: 'in/' });
    app.synth();
    const acknowledged = app.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY));
    const entries = acknowledged.flatMap((m) => Object.entries(m.data as Record<string, any>));
    expect(entries.length).toBeGreaterThanOrEqual(2);
    for (const [, value] of entries) expect(JSON.stringify(value)).toMatch(/[a-z]{4,} [a-z]{2,}/);
  });
});
