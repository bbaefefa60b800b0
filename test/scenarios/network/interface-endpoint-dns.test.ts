import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { WriteVerdict } from '../../../src/checker';
import { describeFinding, TWO_AZS_CONTEXT } from '../../support/harness';
import { scenario, verdictAndFirstCode } from '../../support/scenario';

// An S3 interface endpoint WITHOUT private DNS and a bucket policy that accepts writes only through it
// (`Deny … StringNotEquals aws:SourceVpce <interface endpoint>`), the PrivateLink setup of the S3 User Guide,
// "AWS PrivateLink for Amazon S3": the code addresses the endpoint-specific DNS name
// (https://bucket.vpce-….s3.<region>.vpce.amazonaws.com), whose private IPs are in the VPC, so the request enters
// S3 through the interface endpoint whatever other route (NAT, gateway endpoint) the default hostname would take.
// The write works in AWS when the code does that, and fails with the default hostname: CONDITIONAL on the network
// path, exactly what the checker already answers when the interface endpoint is the only way out. A DENY fails
// synth for a working app, and no `expectWrite` option can declare the endpoint name (only an acknowledgement).

type Egress = 'nat' | 'nat+gateway' | 'isolated+gateway' | 'isolated';

function interfaceOnlyPerimeter(egress: Egress) {
  const s = scenario({ app: { context: TWO_AZS_CONTEXT } });
  const isolated = egress.startsWith('isolated');
  const vpc = isolated
    ? new ec2.Vpc(s.stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] })
    : new ec2.Vpc(s.stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  if (egress.endsWith('gateway')) vpc.addGatewayEndpoint('S3Gateway', { service: ec2.GatewayVpcEndpointAwsService.S3 });
  const endpoint = vpc.addInterfaceEndpoint('S3Interface', { service: ec2.InterfaceVpcEndpointAwsService.S3, privateDnsEnabled: false });
  s.withBucket({ enforceSSL: true }).withWriter({
    vpc, vpcSubnets: { subnetType: isolated ? ec2.SubnetType.PRIVATE_ISOLATED : ec2.SubnetType.PRIVATE_WITH_EGRESS },
  });
  return s.grantPut().deny({ sid: 'OnlyThroughPrivateLink', conditions: { StringNotEquals: { 'aws:SourceVpce': endpoint.vpcEndpointId } } }).check().finding;
}

test('control: isolated subnets, the interface endpoint the only way to S3: CONDITIONAL NETWORK_PATH', () => {
  expect(verdictAndFirstCode(interfaceOnlyPerimeter('isolated'))).toBe('CONDITIONAL NETWORK_PATH');
});

// BUG: each of these is DENY [NETWORK_PATH] ("route the function's S3 traffic so that aws:SourceVpce is …").
test.each(['nat', 'nat+gateway', 'isolated+gateway'] as Egress[])('%s as well as the interface endpoint: CONDITIONAL NETWORK_PATH, not DENY', egress => {
  const f = interfaceOnlyPerimeter(egress);
  expect(f.verdict === WriteVerdict.DENY ? describeFinding(f) : `${f.verdict} ${f.causes[0]?.code}`).toBe('CONDITIONAL NETWORK_PATH');
});
