import { analyze, app, bucketPolicy, codes, declared, fn, objects, only, resource, stack, statement } from '../support/app';

// A function in an isolated subnet whose only way to S3 is one the code must opt into — an S3 interface endpoint
// addressed by its own DNS name [S3 User Guide, "AWS PrivateLink for Amazon S3"], or S3's dual-stack endpoint over
// IPv6 [Lambda Developer Guide, IPv6 for VPC functions] — is CONDITIONAL in the finding, never a NETWORK_PATH DENY.

const vpc = (extra: Record<string, unknown> = {}) => ({
  Vpc: resource('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' }, 'Stack/Vpc/Resource'),
  Subnet: resource('AWS::EC2::Subnet', { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24' }, 'Stack/Vpc/Isolated/Subnet'),
  Rt: resource('AWS::EC2::RouteTable', { VpcId: { Ref: 'Vpc' } }, 'Stack/Vpc/Isolated/RouteTable'),
  Assoc: resource('AWS::EC2::SubnetRouteTableAssociation', { SubnetId: { Ref: 'Subnet' }, RouteTableId: { Ref: 'Rt' } }, 'Stack/Vpc/Isolated/Assoc'),
  ...extra,
});
const interfaceEndpoint = resource('AWS::EC2::VPCEndpoint', {
  VpcId: { Ref: 'Vpc' },
  ServiceName: 'com.amazonaws.eu-west-1.s3',
  VpcEndpointType: 'Interface',
  SubnetIds: [{ Ref: 'Subnet' }],
  PrivateDnsEnabled: false,
}, 'Stack/Vpc/S3Interface/Resource');
const eigw = resource('AWS::EC2::EgressOnlyInternetGateway', { VpcId: { Ref: 'Vpc' } }, 'Stack/Vpc/Eigw');
const ipv6Route = resource('AWS::EC2::Route', { RouteTableId: { Ref: 'Rt' }, DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: { Ref: 'Eigw' } }, 'Stack/Vpc/Isolated/V6Route');
const vpcConfig = (more = {}) => ({ VpcConfig: { SubnetIds: [{ Ref: 'Subnet' }], SecurityGroupIds: [], ...more } });
const inVpc = (more = {}) => fn('FnRole', vpcConfig(more), [declared()]);

describe('S3 interface endpoint without private DNS', () => {
  test('CONDITIONAL NETWORK_PATH naming the endpoint; without the endpoint, DENY', () => {
    const f = only(analyze(stack(app({ ...vpc({ S3If: interfaceEndpoint }), Fn: inVpc() }))));
    expect(f.verdict).toBe('CONDITIONAL');
    expect(codes(f)).toEqual(['NETWORK_PATH']);
    expect(f.causes[0].message).toContain('interface endpoint Stack/Vpc/S3Interface');
    expect(f.causes[0].message).toContain('vpce.amazonaws.com');
    expect(f.fix).toContain('Stack/Vpc/S3Interface');

    const none = only(analyze(stack(app({ ...vpc(), Fn: inVpc() }))));
    expect(none.verdict).toBe('DENY');
    expect(codes(none)).toEqual(['NETWORK_PATH']);
  });

  test('the request through the endpoint carries its aws:SourceVpce: a bucket policy admitting only it stays CONDITIONAL', () => {
    const onlyThroughIt = bucketPolicy([statement('Deny', 's3:PutObject', objects(), {
      Principal: '*', Sid: 'OnlyViaInterface', Condition: { StringNotEquals: { 'aws:SourceVpce': { Ref: 'S3If' } } },
    })]);
    const f = only(analyze(stack(app({ ...vpc({ S3If: interfaceEndpoint }), BucketPolicy: onlyThroughIt, Fn: inVpc() }))));
    expect(f.verdict).toBe('CONDITIONAL');
    expect(codes(f)).toEqual(['NETWORK_PATH']);
  });
});

describe('IPv6 egress with Ipv6AllowedForDualStack', () => {
  test('CONDITIONAL (the SDK must use the dual-stack endpoint); without the flag, DENY', () => {
    const resources = vpc({ Eigw: eigw, V6Route: ipv6Route });
    const f = only(analyze(stack(app({ ...resources, Fn: inVpc({ Ipv6AllowedForDualStack: true }) }))));
    expect(f.verdict).toBe('CONDITIONAL');
    expect(codes(f)).toEqual(['NETWORK_PATH']);
    expect(f.fix).toContain('AWS_USE_DUALSTACK_ENDPOINT');

    const v4Only = only(analyze(stack(app({ ...resources, Fn: inVpc() }))));
    expect(v4Only.verdict).toBe('DENY');
    expect(codes(v4Only)).toEqual(['NETWORK_PATH']);
  });
});
