
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteAccessChecker, WriteVerdict } from '../../../src/checker';
import { denyPutObjectUnless, describeFinding, expectNotDeny, newApp, stackIn, synthWithChecker, verdictFor, writerFunction } from '../../support/harness';

// Lambda functions in a VPC. Sources:
// - Lambda Developer Guide, "Giving Lambda functions access to resources in an Amazon VPC": a function in a VPC reaches
//   AWS services only through a NAT gateway or a VPC endpoint.
// - VPC User Guide, "Gateway endpoints for Amazon S3": the endpoint adds a prefix-list route to the chosen route tables,
//   more specific than 0.0.0.0/0, so S3 traffic from those subnets takes the endpoint; the endpoint policy must allow
//   the request ("Control access using endpoint policies"; the default policy allows everything).
// - IAM User Guide, global condition keys: aws:SourceVpce / aws:SourceVpc are present only for requests through a VPC
//   endpoint, so "Deny if StringNotEquals aws:SourceVpce" denies every request that does not use the endpoint.

function vpcApp(options: {
  subnetType: ec2.SubnetType;
  gatewayEndpoint?: boolean;
  inVpc?: boolean;
  bucketPolicy?: (bucket: s3.Bucket, ids: { vpce?: string; vpc: string }) => iam.PolicyStatement;
  endpointStatements?: (bucket: s3.Bucket) => iam.PolicyStatement[];
}) {
  const app = newApp();
  const stack = stackIn(app, 'Net');
  const isolated = options.subnetType === ec2.SubnetType.PRIVATE_ISOLATED;
  const vpc = isolated
    ? new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] })
    : new ec2.Vpc(stack, 'Vpc');
  const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
  const endpoint = options.gatewayEndpoint ? vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 }) : undefined;
  if (endpoint && options.endpointStatements) for (const s of options.endpointStatements(bucket)) endpoint.addToPolicy(s);
  if (options.bucketPolicy) bucket.addToResourcePolicy(options.bucketPolicy(bucket, { vpce: endpoint?.vpcEndpointId, vpc: vpc.vpcId }));
  const fn = writerFunction(stack, 'Writer', options.inVpc === false ? {} : { vpc, vpcSubnets: { subnetType: options.subnetType } });
  bucket.grantPut(fn, 'in/*');
  WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'in/' });
  return { app, stack, fn, bucket };
}

const denyUnlessEndpoint = (bucket: s3.Bucket, ids: { vpce?: string }) => new iam.PolicyStatement({
  sid: 'OnlyThroughEndpoint',
  effect: iam.Effect.DENY,
  principals: [new iam.AnyPrincipal()],
  actions: ['s3:*'],
  resources: [bucket.bucketArn, bucket.arnForObjects('*')],
  conditions: { StringNotEquals: { 'aws:SourceVpce': ids.vpce ?? 'vpce-0123456789abcdef0' } },
});

const denyUnlessVpc = (bucket: s3.Bucket, ids: { vpc: string }) => new iam.PolicyStatement({
  sid: 'OnlyFromVpc',
  effect: iam.Effect.DENY,
  principals: [new iam.AnyPrincipal()],
  actions: ['s3:PutObject'],
  resources: [bucket.arnForObjects('*')],
  conditions: { StringNotEquals: { 'aws:SourceVpc': ids.vpc } },
});

describe('ALLOW: a reachable S3', () => {
  test('ec2.Vpc defaults (public + private-with-egress subnets, NAT gateways), function in the private subnets', () => {
    const { app, fn, bucket } = vpcApp({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS });
    const { checker, error } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test('ec2.Vpc defaults + an S3 gateway endpoint (default full-access policy)', () => {
    const { app, fn, bucket } = vpcApp({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, gatewayEndpoint: true });
    expect(describeFinding(verdictFor(synthWithChecker(app).checker, fn, bucket))).toBe('ALLOW [] ');
  });

  test('PRIVATE_ISOLATED subnets + vpc.addGatewayEndpoint for S3', () => {
    const { app, fn, bucket } = vpcApp({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED, gatewayEndpoint: true });
    const { checker, error } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test('PRIVATE_ISOLATED + gateway endpoint + bucket policy "Deny unless aws:SourceVpce = this endpoint"', () => {
    const { app, fn, bucket } = vpcApp({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED, gatewayEndpoint: true, bucketPolicy: denyUnlessEndpoint });
    expect(describeFinding(verdictFor(synthWithChecker(app).checker, fn, bucket))).toBe('ALLOW [] ');
  });

  test('NAT VPC + gateway endpoint (all subnets) + "Deny unless aws:SourceVpce": the prefix-list route wins over NAT', () => {
    const { app, fn, bucket } = vpcApp({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, gatewayEndpoint: true, bucketPolicy: denyUnlessEndpoint });
    expect(describeFinding(verdictFor(synthWithChecker(app).checker, fn, bucket))).toBe('ALLOW [] ');
  });

  test('PRIVATE_ISOLATED + gateway endpoint + "Deny unless aws:SourceVpc = this VPC"', () => {
    const { app, fn, bucket } = vpcApp({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED, gatewayEndpoint: true, bucketPolicy: denyUnlessVpc });
    expect(describeFinding(verdictFor(synthWithChecker(app).checker, fn, bucket))).toBe('ALLOW [] ');
  });

  test('an endpoint policy that allows PutObject on the bucket', () => {
    const { app, fn, bucket } = vpcApp({
      subnetType: ec2.SubnetType.PRIVATE_ISOLATED,
      gatewayEndpoint: true,
      endpointStatements: b => [new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject', 's3:GetObject'], resources: [b.arnForObjects('*')] })],
    });
    expect(describeFinding(verdictFor(synthWithChecker(app).checker, fn, bucket))).toBe('ALLOW [] ');
  });
});

describe('DENY: the path or the endpoint refuses', () => {
  test('an endpoint policy that allows only GetObject: DENY (VPC_ENDPOINT_POLICY)', () => {
    const { app, fn, bucket } = vpcApp({
      subnetType: ec2.SubnetType.PRIVATE_ISOLATED,
      gatewayEndpoint: true,
      endpointStatements: b => [new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['s3:GetObject'], resources: [b.arnForObjects('*')] })],
    });
    const { checker, error } = synthWithChecker(app);
    const finding = verdictFor(checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(finding.causes.map(c => c.code)).toContain('VPC_ENDPOINT_POLICY');
    expect(error?.message).toContain('VPC_ENDPOINT_POLICY');
  });

  test('function NOT in a VPC + "Deny unless aws:SourceVpce": DENY (the key is absent, StringNotEquals is true)', () => {
    const { app, fn, bucket } = vpcApp({
      subnetType: ec2.SubnetType.PRIVATE_ISOLATED, gatewayEndpoint: true, inVpc: false, bucketPolicy: denyUnlessEndpoint,
    });
    const finding = verdictFor(synthWithChecker(app).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(finding.causes[0].statement).toBe('OnlyThroughEndpoint');
  });

  test('NAT VPC without an endpoint + "Deny unless aws:SourceVpce": DENY (traffic leaves through the NAT gateway)', () => {
    const { app, fn, bucket } = vpcApp({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, bucketPolicy: denyUnlessEndpoint });
    const finding = verdictFor(synthWithChecker(app).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
  });

  test('PRIVATE_ISOLATED without any endpoint: S3 is unreachable; never ALLOW', () => {
    // No route to S3 at all: the SDK call times out (Lambda Developer Guide, VPC networking). Not an AccessDenied, so
    // DENY, CONDITIONAL (NETWORK_PATH) and UNKNOWN (an endpoint could be added outside this template) are all
    // defensible; ALLOW would hide a write that cannot work.
    const { app, fn, bucket } = vpcApp({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED });
    const finding = verdictFor(synthWithChecker(app).checker, fn, bucket);
    expect(finding.verdict).not.toBe(WriteVerdict.ALLOW);
    expect(finding.causes.map(c => c.code)).toContain('NETWORK_PATH');
  });
});

describe('not decidable from the templates: never DENY', () => {
  test('NAT VPC + "Deny unless aws:SourceIp = the NAT gateways\' Elastic IPs"', () => {
    // The function's requests leave through the NAT gateways with their EIPs as source (VPC User Guide, NAT
    // gateways); the policy names them, so AWS allows. The checker may not know which EIP a subnet uses.
    const app = newApp();
    const stack = stackIn(app, 'Net');
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 1 });
    const eips = stack.node.findAll().filter((c): c is ec2.CfnEIP => c instanceof ec2.CfnEIP);
    const bucket = new s3.Bucket(stack, 'Bucket');
    denyPutObjectUnless(bucket, { NotIpAddress: { 'aws:SourceIp': eips.map(e => `${e.attrPublicIp}/32`) } });
    const fn = writerFunction(stack, 'Writer', { vpc });
    bucket.grantPut(fn);
    const { checker, error } = synthWithChecker(app);
    expectNotDeny(verdictFor(checker, fn, bucket));
    expect(error).toBeUndefined();
  });

  test('a VPC imported with Vpc.fromVpcAttributes (routes unknown) + "Deny unless aws:SourceVpce = vpce-…"', () => {
    const app = newApp();
    const stack = stackIn(app, 'Net');
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
      vpcId: 'vpc-0abc', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-0abc'], privateSubnetRouteTableIds: ['rtb-0abc'],
    });
    const bucket = new s3.Bucket(stack, 'Bucket');
    bucket.addToResourcePolicy(denyUnlessEndpoint(bucket, { vpce: 'vpce-0123456789abcdef0' }));
    const fn = writerFunction(stack, 'Writer', { vpc, vpcSubnets: { subnets: vpc.privateSubnets } });
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket);
    const { checker, error } = synthWithChecker(app);
    expectNotDeny(verdictFor(checker, fn, bucket));
    expect(error).toBeUndefined();
  });
});

