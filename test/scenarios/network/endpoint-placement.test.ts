import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { WriteVerdict } from '../../../src/checker';
import { SecureLambdaWriter } from '../../../src/writer';
import { describeFinding, expectNotDeny, TWO_AZS_CONTEXT } from '../../support/harness';
import { expectAllow, scenario, Scenario } from '../../support/scenario';

// Which VPC endpoint a function's S3 requests take decides aws:SourceVpce: an interface endpoint with private DNS
// takes the regional hostname; a gateway endpoint serves only the route tables it is associated with.

/** The bucket denies every put that does not come through `endpoint`; the function in `vpc` (subnets as given). */
function onlyThrough(s: Scenario, endpoint: ec2.IVpcEndpoint, writerProps: Partial<lambda.FunctionProps>) {
  return s.withBucket().deny({ conditions: { StringNotEquals: { 'aws:SourceVpce': endpoint.vpcEndpointId } } }).withWriter(writerProps).grantPut().expectWrite().check();
}

describe('interface endpoints and endpoint placement', () => {
  test('S3 interface endpoint with private DNS in isolated subnets + "Deny unless aws:SourceVpce = it": not DENY', () => {
    // VPC PrivateLink guide, "Amazon S3 interface endpoints": with private DNS, the SDK's regional S3 endpoint resolves
    // to the interface endpoint, so requests carry aws:SourceVpce = its ID.
    const s = scenario();
    const vpc = new ec2.Vpc(s.stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'iso', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const endpoint = vpc.addInterfaceEndpoint('S3', { service: ec2.InterfaceVpcEndpointAwsService.S3, privateDnsEnabled: true });
    const outcome = onlyThrough(s, endpoint, { vpc });
    expectNotDeny(outcome.findingOf('declared'));
    expect(outcome.error).toBeUndefined();
  });

  test('a gateway endpoint on the PUBLIC subnets only, the function in private (NAT) subnets + "Deny unless aws:SourceVpce": DENY', () => {
    // The function's route tables have no prefix-list route: its traffic leaves through the NAT gateway (VPC User
    // Guide, "Gateway endpoints": only the associated route tables get the route).
    for (const placement of ['public', 'all'] as const) {
      const s = scenario();
      const vpc = new ec2.Vpc(s.stack, 'Vpc', { natGateways: 1 });
      const endpoint = vpc.addGatewayEndpoint('S3', {
        service: ec2.GatewayVpcEndpointAwsService.S3,
        subnets: placement === 'public' ? [{ subnetType: ec2.SubnetType.PUBLIC }] : undefined,
      });
      const finding = onlyThrough(s, endpoint, { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } }).findingOf('declared');
      if (placement === 'public') expect(finding.verdict).toBe(WriteVerdict.DENY);
      else expect(describeFinding(finding)).toBe('ALLOW [] ');
    }
  });
});

describe('SecureLambdaWriter with a VPC endpoint', () => {
  test('vpcEndpoint option, function in private subnets with the gateway endpoint: ALLOW', () => {
    const s = scenario({ app: { context: TWO_AZS_CONTEXT } });
    const vpc = new ec2.Vpc(s.stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const endpoint = vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    const writer = new SecureLambdaWriter(s.stack, 'Ingest', {
      functionProps: {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => {};'),
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      },
      keyPrefix: 'incoming/',
      vpcEndpoint: endpoint,
    });
    expectAllow(s.useBucket(writer.bucket).useWriter(writer.function).check());
  });
});
