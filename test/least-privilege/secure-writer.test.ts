import { Aspects, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LeastPrivilegeRule, WriteAccessChecker } from '../../src/checker';
import { SecureLambdaWriter, SecureLambdaWriterProps } from '../../src/writer';
import { newApp } from '../support/harness';
import { COMBINATIONS } from '../writer/support/combinations';
import { ACCOUNT, functionProps, REGION } from '../writer/support/fixtures';

/** The checker's least-privilege report for an app, after a synth that must not fail. */
function leastPrivilege(build: (stack: Stack) => void) {
  const app = newApp();
  build(new Stack(app, 'Stack', { env: { account: ACCOUNT, region: REGION } }));
  const checker = new WriteAccessChecker({ reportFile: false });
  Aspects.of(app).add(checker);
  app.synth();
  return checker.leastPrivilege;
}

function writer(props: Partial<SecureLambdaWriterProps>) {
  return (stack: Stack) => new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), ...props });
}

describe('SecureLambdaWriter\'s own output grants exactly its writes: no excess, for every configuration', () => {
  test.each(COMBINATIONS)('$name', ({ props }) => {
    const lp = leastPrivilege(writer(props));
    const roles = lp.roles.filter((r) => r.intents.some((i) => i.intent === 'construct'));
    expect(roles).toHaveLength(1);
    expect(roles[0].excess).toEqual([]);
    expect(lp.issues.filter((i) => i.rule !== LeastPrivilegeRule.EXCESS_PERMISSION || i.role === roles[0].role)).toEqual([]);
    // Its least-privilege policy is what it grants: PutObject under its prefix, and the key when it encrypts with one.
    const statements = roles[0].leastPrivilegePolicy.Statement as { Action: string[]; Resource: string }[];
    expect(statements[0].Resource).toMatch(/\/incoming\/\*$/);
    expect(statements.some((s) => s.Action.includes('kms:GenerateDataKey'))).toBe(props.encryption !== undefined);
  });

  test('an existing bucket of the app with its own key, a VPC function through its endpoint, multipart', () => {
    const lp = leastPrivilege((stack) => {
      const bucket = new s3.Bucket(stack, 'AppBucket', { encryption: s3.BucketEncryption.KMS, encryptionKey: new kms.Key(stack, 'K') });
      const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'iso', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      const endpoint = vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
      new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps({ vpc }), bucket, vpcEndpoint: endpoint, keyPrefix: 'in/', multipart: true });
    });
    const own = lp.roles.filter((r) => r.intents.some((i) => i.intent === 'construct'));
    expect(own.map((r) => r.excess)).toEqual([[]]);
  });

  test('twin: the same writer whose role is also given grantReadWrite has the excess, traced to that grant', () => {
    const lp = leastPrivilege((stack) => {
      const w = new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), keyPrefix: 'incoming/' });
      w.bucket.grantReadWrite(w.function);
    });
    const own = lp.roles.find((r) => r.intents.some((i) => i.intent === 'construct'))!;
    expect(own.excess.flatMap((e) => e.actions)).toEqual(expect.arrayContaining(['s3:GetObject', 's3:DeleteObject', 's3:PutObject']));
    expect(own.excess.find((e) => e.actions.includes('s3:PutObject'))!.kind).toBe('outside-prefix');
  });
});
