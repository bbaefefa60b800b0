
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteVerdict } from '../../../src/checker';
import { denyEveryone } from '../../support/harness';
import { expectAllow, expectAllowFinding, expectDeny, expectNotDenied, scenario } from '../../support/scenario';

// Lambda functions in a VPC. Sources:
// - Lambda Developer Guide, "Giving Lambda functions access to resources in an Amazon VPC": a function in a VPC reaches
//   AWS services only through a NAT gateway or a VPC endpoint.
// - VPC User Guide, "Gateway endpoints for Amazon S3": the endpoint adds a prefix-list route to the chosen route tables,
//   more specific than 0.0.0.0/0, so S3 traffic from those subnets takes the endpoint; the endpoint policy must allow
//   the request ("Control access using endpoint policies"; the default policy allows everything).
// - IAM User Guide, global condition keys: aws:SourceVpce / aws:SourceVpc are present only for requests through a VPC
//   endpoint, so "Deny if StringNotEquals aws:SourceVpce" denies every request that does not use the endpoint.

const ISOLATED = ec2.SubnetType.PRIVATE_ISOLATED;
const WITH_EGRESS = ec2.SubnetType.PRIVATE_WITH_EGRESS;

function vpcApp(options: {
  subnetType: ec2.SubnetType;
  gatewayEndpoint?: boolean;
  inVpc?: boolean;
  bucketPolicy?: (bucket: s3.Bucket, ids: { vpce?: string; vpc: string }) => iam.PolicyStatement;
  endpointStatements?: (bucket: s3.Bucket) => iam.PolicyStatement[];
}) {
  const s = scenario({ stackId: 'Net' });
  const isolated = options.subnetType === ISOLATED;
  const vpc = isolated
    ? new ec2.Vpc(s.stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'isolated', subnetType: ISOLATED }] })
    : new ec2.Vpc(s.stack, 'Vpc');
  const bucket = s.withBucket({ enforceSSL: true }).bucket;
  const endpoint = options.gatewayEndpoint ? vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 }) : undefined;
  if (endpoint && options.endpointStatements) for (const statement of options.endpointStatements(bucket)) endpoint.addToPolicy(statement);
  if (options.bucketPolicy) s.bucketPolicy(options.bucketPolicy(bucket, { vpce: endpoint?.vpcEndpointId, vpc: vpc.vpcId }));
  return s.withWriter(options.inVpc === false ? {} : { vpc, vpcSubnets: { subnetType: options.subnetType } }).grantPut('in/*').expectWrite({ keyPrefix: 'in/' });
}

const denyUnlessEndpoint = (bucket: s3.Bucket, ids: { vpce?: string }) => denyEveryone(bucket, {
  sid: 'OnlyThroughEndpoint', actions: ['s3:*'], bucketToo: true, conditions: { StringNotEquals: { 'aws:SourceVpce': ids.vpce ?? 'vpce-0123456789abcdef0' } },
});

const denyUnlessVpc = (bucket: s3.Bucket, ids: { vpc: string }) => denyEveryone(bucket, {
  sid: 'OnlyFromVpc', conditions: { StringNotEquals: { 'aws:SourceVpc': ids.vpc } },
});

/** An endpoint policy statement allowing everyone these actions on the bucket's objects. */
const endpointAllows = (...actions: string[]) => (b: s3.Bucket) => [new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions, resources: [b.arnForObjects('*')] })];

describe('ALLOW: a reachable S3', () => {
  test('ec2.Vpc defaults (public + private-with-egress subnets, NAT gateways), function in the private subnets', () => {
    expectAllow(vpcApp({ subnetType: WITH_EGRESS }).check());
  });

  test('ec2.Vpc defaults + an S3 gateway endpoint (default full-access policy)', () => {
    expectAllowFinding(vpcApp({ subnetType: WITH_EGRESS, gatewayEndpoint: true }).check().finding);
  });

  test('PRIVATE_ISOLATED subnets + vpc.addGatewayEndpoint for S3', () => {
    expectAllow(vpcApp({ subnetType: ISOLATED, gatewayEndpoint: true }).check());
  });

  test('PRIVATE_ISOLATED + gateway endpoint + bucket policy "Deny unless aws:SourceVpce = this endpoint"', () => {
    expectAllowFinding(vpcApp({ subnetType: ISOLATED, gatewayEndpoint: true, bucketPolicy: denyUnlessEndpoint }).check().finding);
  });

  test('NAT VPC + gateway endpoint (all subnets) + "Deny unless aws:SourceVpce": the prefix-list route wins over NAT', () => {
    expectAllowFinding(vpcApp({ subnetType: WITH_EGRESS, gatewayEndpoint: true, bucketPolicy: denyUnlessEndpoint }).check().finding);
  });

  test('PRIVATE_ISOLATED + gateway endpoint + "Deny unless aws:SourceVpc = this VPC"', () => {
    expectAllowFinding(vpcApp({ subnetType: ISOLATED, gatewayEndpoint: true, bucketPolicy: denyUnlessVpc }).check().finding);
  });

  test('an endpoint policy that allows PutObject on the bucket', () => {
    expectAllowFinding(vpcApp({ subnetType: ISOLATED, gatewayEndpoint: true, endpointStatements: endpointAllows('s3:PutObject', 's3:GetObject') }).check().finding);
  });
});

describe('DENY: the path or the endpoint refuses', () => {
  test('an endpoint policy that allows only GetObject: DENY (VPC_ENDPOINT_POLICY)', () => {
    expectDeny(vpcApp({ subnetType: ISOLATED, gatewayEndpoint: true, endpointStatements: endpointAllows('s3:GetObject') }).check(), 'VPC_ENDPOINT_POLICY');
  });

  test('function NOT in a VPC + "Deny unless aws:SourceVpce": DENY (the key is absent, StringNotEquals is true)', () => {
    const finding = vpcApp({ subnetType: ISOLATED, gatewayEndpoint: true, inVpc: false, bucketPolicy: denyUnlessEndpoint }).check().finding;
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(finding.causes[0].statement).toBe('OnlyThroughEndpoint');
  });

  test('NAT VPC without an endpoint + "Deny unless aws:SourceVpce": DENY (traffic leaves through the NAT gateway)', () => {
    expect(vpcApp({ subnetType: WITH_EGRESS, bucketPolicy: denyUnlessEndpoint }).check().finding.verdict).toBe(WriteVerdict.DENY);
  });

  test('PRIVATE_ISOLATED without any endpoint: S3 is unreachable; never ALLOW', () => {
    // No route to S3 at all: the SDK call times out (Lambda Developer Guide, VPC networking). Not an AccessDenied, so
    // DENY, CONDITIONAL (NETWORK_PATH) and UNKNOWN (an endpoint could be added outside this template) are all
    // defensible; ALLOW would hide a write that cannot work.
    const finding = vpcApp({ subnetType: ISOLATED }).check().finding;
    expect(finding.verdict).not.toBe(WriteVerdict.ALLOW);
    expect(finding.causes.map(c => c.code)).toContain('NETWORK_PATH');
  });
});

describe('not decidable from the templates: never DENY', () => {
  test('NAT VPC + "Deny unless aws:SourceIp = the NAT gateways\' Elastic IPs"', () => {
    // The function's requests leave through the NAT gateways with their EIPs as source (VPC User Guide, NAT
    // gateways); the policy names them, so AWS allows. The checker may not know which EIP a subnet uses.
    const s = scenario({ stackId: 'Net' });
    const vpc = new ec2.Vpc(s.stack, 'Vpc', { natGateways: 1 });
    const eips = s.stack.node.findAll().filter((c): c is ec2.CfnEIP => c instanceof ec2.CfnEIP);
    s.withBucket().deny({ conditions: { NotIpAddress: { 'aws:SourceIp': eips.map(e => `${e.attrPublicIp}/32`) } } });
    expectNotDenied(s.withWriter({ vpc }).grantPut().check());
  });

  test('a VPC imported with Vpc.fromVpcAttributes (routes unknown) + "Deny unless aws:SourceVpce = vpce-…"', () => {
    const s = scenario({ stackId: 'Net' });
    const vpc = ec2.Vpc.fromVpcAttributes(s.stack, 'Vpc', {
      vpcId: 'vpc-0abc', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-0abc'], privateSubnetRouteTableIds: ['rtb-0abc'],
    });
    s.withBucket().bucketPolicy(denyUnlessEndpoint(s.bucket, { vpce: 'vpce-0123456789abcdef0' }));
    expectNotDenied(s.withWriter({ vpc, vpcSubnets: { subnets: vpc.privateSubnets } }).grantPut().expectWrite().check());
  });
});

