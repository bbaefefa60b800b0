import { expectWellFormed, OPAQUE } from './fixtures';
import { decideNetworkPath, NetworkResource } from '../../../src/analysis/gates';
import { worst } from '../../../src/analysis/step-outcome';
import { atom } from '../../../src/iam/symbolic';

const ref = (id: string) => atom('generated', `Stack/${id}.Ref`);
const REGION = atom('opaque', 'Stack/AWS::Region');
const S3_SERVICE = `com.amazonaws.${REGION}.s3`;
const FN = 'Stack/Fn/Resource';

function res(type: string, id: string, properties: Record<string, unknown>): NetworkResource {
  return { location: `Stack/${id}/Resource`, type: `AWS::EC2::${type}`, properties, ref: ref(id) };
}

/** A VPC with one subnet and its route table, as CDK's ec2.Vpc writes them; `extra` adds routes and endpoints. */
function vpc(...extra: NetworkResource[]): NetworkResource[] {
  return [
    res('VPC', 'Vpc', { CidrBlock: '10.0.0.0/16' }),
    res('Subnet', 'Subnet', { VpcId: ref('Vpc'), CidrBlock: '10.0.0.0/24' }),
    res('RouteTable', 'Rt', { VpcId: ref('Vpc') }),
    res('SubnetRouteTableAssociation', 'Assoc', { SubnetId: ref('Subnet'), RouteTableId: ref('Rt') }),
    res('NatGateway', 'Nat', { SubnetId: ref('PublicSubnet'), AllocationId: ref('Eip') }),
    res('InternetGateway', 'Igw', {}),
    ...extra,
  ];
}
const natRoute = res('Route', 'NatRoute', { RouteTableId: ref('Rt'), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref('Nat') });
const igwRoute = res('Route', 'IgwRoute', { RouteTableId: ref('Rt'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref('Igw') });
const gatewayEndpoint = (props: Record<string, unknown> = {}) =>
  res('VPCEndpoint', 'S3Gw', { ServiceName: S3_SERVICE, VpcId: ref('Vpc'), RouteTableIds: [ref('Rt')], VpcEndpointType: 'Gateway', ...props });
const interfaceEndpoint = (props: Record<string, unknown> = {}) =>
  res('VPCEndpoint', 'S3If', { ServiceName: S3_SERVICE, VpcId: ref('Vpc'), VpcEndpointType: 'Interface', SubnetIds: [ref('Subnet')], PrivateDnsEnabled: true, ...props });
const inSubnet = { SubnetIds: [ref('Subnet')], SecurityGroupIds: [ref('Sg')] };

function decide(resources: NetworkResource[], vpcConfig: unknown = inSubnet, bucketRegion: string | undefined = REGION) {
  const r = decideNetworkPath({ functionLocation: FN, vpcConfig, resources, bucketRegion });
  expectWellFormed(r.outcomes);
  return r;
}

// Lambda Developer Guide, "Giving Lambda functions access to resources in an Amazon VPC" / "internet access for
// VPC-connected functions"; VPC User Guide, "Gateway endpoints for Amazon S3"; IAM global condition keys.
describe('the path a function takes to S3', () => {
  test('not in a VPC: internet, public source IP unknown, VPC keys absent', () => {
    const r = decideNetworkPath({ functionLocation: FN, resources: vpc() });
    expect(r.path).toBe('internet');
    expect(r.context['aws:SourceIp']).toEqual({ unknown: expect.any(String) });
    expect(r.absentKeys).toEqual(expect.arrayContaining(['aws:SourceVpce', 'aws:SourceVpc']));
    expect(worst(r.outcomes)).toBe('pass');
  });

  test('VpcConfig without subnets is not in a VPC', () => {
    expect(decide(vpc(), { SubnetIds: [] }).path).toBe('internet');
  });

  test('default route to a NAT gateway: nat, VPC keys absent', () => {
    const r = decide(vpc(natRoute));
    expect(r.path).toBe('nat');
    expect(r.context['aws:SourceIp']).toEqual({ unknown: expect.stringContaining('Stack/Nat/Resource') });
    expect(r.absentKeys).toContain('aws:SourceVpce');
  });

  test('S3 gateway endpoint on the route table wins over the NAT route: SourceVpce/SourceVpc set, SourceIp absent', () => {
    const policy = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: '*' }] };
    const r = decide(vpc(natRoute, gatewayEndpoint({ PolicyDocument: policy })));
    expect(r.path).toBe('gateway-endpoint');
    expect(r.context['aws:SourceVpce']).toBe(ref('S3Gw'));
    expect(r.context['aws:SourceVpc']).toBe(ref('Vpc'));
    expect(r.absentKeys).toEqual(['aws:SourceIp']);
    expect(r.endpoints).toEqual([{ location: 'Stack/S3Gw/Resource', id: ref('S3Gw'), kind: 'Gateway', vpcId: ref('Vpc'), policyDocument: policy }]);
    expect(r.outcomes[0].reason).toContain('Stack/S3Gw/Resource');
  });

  test('endpoint without a PolicyDocument: the default full-access policy (undefined)', () => {
    expect(decide(vpc(gatewayEndpoint())).endpoints[0].policyDocument).toBeUndefined();
  });
});

describe('NETWORK_PATH: no path to S3 (the call times out), and its twins', () => {
  test.each([
    ['isolated subnet', vpc(), 'deny', 'none'],
    ['isolated subnet + S3 gateway endpoint', vpc(gatewayEndpoint()), 'pass', 'gateway-endpoint'],
    ['internet gateway only (Lambda ENIs get no public IP)', vpc(igwRoute), 'deny', 'none'],
    ['internet gateway replaced by NAT', vpc(natRoute), 'pass', 'nat'],
    ['interface endpoint with private DNS', vpc(interfaceEndpoint()), 'pass', 'interface-endpoint'],
    ['gateway endpoint on another route table', vpc(gatewayEndpoint({ RouteTableIds: [ref('OtherRt')] })), 'deny', 'none'],
    ['private-range route to a transit gateway', vpc(res('Route', 'Tgw', { RouteTableId: ref('Rt'), DestinationCidrBlock: '10.0.0.0/8', TransitGatewayId: 'tgw-1' })), 'deny', 'none'],
  ])('%s', (_name, resources, result, path) => {
    const r = decide(resources);
    expect(r.path).toBe(path);
    expect(worst(r.outcomes)).toBe(result);
  });

  test('the deny names subnet and route table, and the fix names the CDK idiom', () => {
    const r = decide(vpc(igwRoute));
    expect(r.outcomes[0].code).toBe('NETWORK_PATH');
    expect(r.outcomes[0].reason).toContain('Stack/Subnet/Resource');
    expect(r.outcomes[0].reason).toContain('Stack/Rt/Resource');
    expect(r.outcomes[0].reason).toContain('no public IP');
    expect(r.outcomes[0].fix).toContain('addGatewayEndpoint');
  });

  test('an S3 endpoint of another region does not serve the bucket', () => {
    const other = gatewayEndpoint({ ServiceName: 'com.amazonaws.eu-west-1.s3' });
    expect(decide(vpc(other), inSubnet, 'us-east-1').path).toBe('none');
    expect(decide(vpc(other), inSubnet, 'eu-west-1').path).toBe('gateway-endpoint');
  });

  test('an endpoint of another service does not count', () => {
    expect(decide(vpc(gatewayEndpoint({ ServiceName: `com.amazonaws.${REGION}.dynamodb` }))).path).toBe('none');
  });
});

// S3 User Guide, "AWS PrivateLink for Amazon S3": an interface endpoint is always reachable at its own DNS name
// (bucket.vpce-….s3.<region>.vpce.amazonaws.com), private DNS or not. Lambda Developer Guide, IPv6 for VPC
// functions (Ipv6AllowedForDualStack); SDKs and Tools Reference Guide, "Dual-stack and FIPS endpoints".
describe('paths the code must opt into: CONDITIONAL, never a no-path DENY', () => {
  const noDns = interfaceEndpoint({ PrivateDnsEnabled: false });
  const onlyInbound = interfaceEndpoint({ DnsOptions: { PrivateDnsOnlyForInboundResolverEndpoint: 'OnlyInboundResolver' } });
  const eigwRoute = res('Route', 'V6Route', { RouteTableId: ref('Rt'), DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: ref('Eigw') });
  const dualStack = { ...inSubnet, Ipv6AllowedForDualStack: true };

  test.each([
    ['interface endpoint without private DNS', vpc(noDns), inSubnet, 'conditional', 'interface-endpoint'],
    ['… the same VPC without the endpoint', vpc(), inSubnet, 'deny', 'none'],
    ['interface endpoint with private DNS only for inbound resolvers, gateway endpoint elsewhere', vpc(onlyInbound, gatewayEndpoint({ RouteTableIds: [ref('OtherRt')] })), inSubnet, 'conditional', 'interface-endpoint'],
    ['interface endpoint without private DNS beside an IGW-only route table', vpc(igwRoute, noDns), inSubnet, 'conditional', 'interface-endpoint'],
    ['interface endpoint without private DNS but a NAT route: the default request takes the NAT', vpc(natRoute, noDns), inSubnet, 'pass', 'nat'],
    ['IPv6 route to an egress-only internet gateway, Ipv6AllowedForDualStack', vpc(eigwRoute), dualStack, 'conditional', 'ipv6-internet'],
    ['… without Ipv6AllowedForDualStack', vpc(eigwRoute), inSubnet, 'deny', 'none'],
    ['… Ipv6AllowedForDualStack false', vpc(eigwRoute), { ...inSubnet, Ipv6AllowedForDualStack: false }, 'deny', 'none'],
    ['… Ipv6AllowedForDualStack given as the string "true"', vpc(eigwRoute), { ...inSubnet, Ipv6AllowedForDualStack: 'true' }, 'conditional', 'ipv6-internet'],
    ['IPv6 default route to an internet gateway, Ipv6AllowedForDualStack', vpc(res('Route', 'V6Igw', { RouteTableId: ref('Rt'), DestinationIpv6CidrBlock: '::/0', GatewayId: ref('Igw') })), dualStack, 'conditional', 'ipv6-internet'],
    ['Ipv6AllowedForDualStack but no IPv6 route', vpc(), dualStack, 'deny', 'none'],
    ['Ipv6AllowedForDualStack with a NAT route: the default request takes the NAT', vpc(natRoute, eigwRoute), dualStack, 'pass', 'nat'],
  ])('%s', (_name, resources, vpcConfig, result, path) => {
    const r = decide(resources, vpcConfig);
    expect(r.path).toBe(path);
    expect(worst(r.outcomes)).toBe(result);
  });

  test('the endpoint path names the endpoint, says the code must use its DNS name, and carries its context and policy', () => {
    const policy = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: '*' }] };
    const r = decide(vpc(interfaceEndpoint({ PrivateDnsEnabled: false, PolicyDocument: policy })));
    const [o] = r.outcomes;
    expect(r.outcomes).toHaveLength(1);
    expect(o).toMatchObject({ result: 'conditional', code: 'NETWORK_PATH', location: 'Stack/Subnet/Resource' });
    expect(o.reason).toContain('Stack/S3If/Resource');
    expect(o.reason).toContain('vpce.amazonaws.com');
    expect(o.fix).toContain('Stack/S3If/Resource');
    expect(o.fix).toMatch(/endpoint URL https:\/\/bucket\./);
    expect(r.context['aws:SourceVpce']).toBe(ref('S3If'));
    expect(r.absentKeys).toEqual(['aws:SourceIp']);
    expect(r.endpoints).toEqual([{ location: 'Stack/S3If/Resource', id: ref('S3If'), kind: 'Interface', vpcId: ref('Vpc'), policyDocument: policy }]);
    expect(r.subnets[0].requires).toContain('Stack/S3If/Resource');
  });

  test('the dual-stack path says the SDK must use the dual-stack endpoint; SourceIp is the function\'s, VPC keys absent', () => {
    const r = decide(vpc(eigwRoute), dualStack);
    const [o] = r.outcomes;
    expect(o.result).toBe('conditional');
    expect(o.reason).toContain('Stack/V6Route/Resource');
    expect(o.reason).toContain('dual-stack endpoint');
    expect(o.fix).toContain('AWS_USE_DUALSTACK_ENDPOINT=true');
    expect(r.context['aws:SourceIp']).toEqual({ unknown: expect.stringContaining('IPv6') });
    expect(r.absentKeys).toEqual(expect.arrayContaining(['aws:SourceVpce', 'aws:SourceVpc']));
    expect(r.endpoints).toEqual([]);
  });

  test('the no-path DENY with an IPv6 route but no Ipv6AllowedForDualStack suggests allowing it', () => {
    const [o] = decide(vpc(eigwRoute)).outcomes;
    expect(o.result).toBe('deny');
    expect(o.reason).toContain('Ipv6AllowedForDualStack');
    expect(o.fix).toContain('ipv6AllowedForDualStack: true');
  });

  test('both opt-in paths available: the endpoint is chosen, still conditional', () => {
    const r = decide(vpc(eigwRoute, noDns), dualStack);
    expect(r.path).toBe('interface-endpoint');
    expect(worst(r.outcomes)).toBe('conditional');
  });

  test.each([
    ['an endpoint without private DNS whose service is not known', vpc(interfaceEndpoint({ PrivateDnsEnabled: false, ServiceName: OPAQUE })), inSubnet, REGION],
    ['an endpoint without private DNS whose region is not known', vpc(noDns), inSubnet, 'us-east-1'],
    ['Ipv6AllowedForDualStack not known, IPv6 default route', vpc(eigwRoute), { ...inSubnet, Ipv6AllowedForDualStack: OPAQUE }, REGION],
    ['Ipv6AllowedForDualStack, only a partial IPv6 route', vpc(res('Route', 'V6Part', { RouteTableId: ref('Rt'), DestinationIpv6CidrBlock: '2600:1f00::/24', EgressOnlyInternetGatewayId: ref('Eigw') })), dualStack, REGION],
  ])('unknown when the opt-in path may not exist: %s', (_name, resources, vpcConfig, region) => {
    const r = decide(resources, vpcConfig, region);
    expect(r.path).toBe('unknown');
    expect(worst(r.outcomes)).toBe('unknown');
  });

  test('an interface endpoint of another VPC does not count', () => {
    const elsewhere = interfaceEndpoint({ PrivateDnsEnabled: false, VpcId: ref('OtherVpc') });
    expect(decide(vpc(elsewhere)).path).toBe('none');
  });

  test('one subnet needs the endpoint name, the other has NAT: conditional for that subnet only', () => {
    const second = [
      res('Subnet', 'Subnet2', { VpcId: ref('Vpc') }),
      res('RouteTable', 'Rt2', { VpcId: ref('Vpc') }),
      res('SubnetRouteTableAssociation', 'Assoc2', { SubnetId: ref('Subnet2'), RouteTableId: ref('Rt2') }),
      res('Route', 'NatRoute2', { RouteTableId: ref('Rt2'), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref('Nat') }),
    ];
    const r = decide(vpc(noDns, ...second), { SubnetIds: [ref('Subnet'), ref('Subnet2')] });
    expect(r.path).toBe('mixed');
    expect(r.outcomes.map((o) => `${o.result}@${o.location}`)).toEqual(['conditional@Stack/Subnet/Resource']);
  });
});

// S3 User Guide, "AWS PrivateLink for Amazon S3", private DNS only for inbound resolver endpoints.
describe('interface endpoint private DNS options', () => {
  test.each([
    ['AllResolvers beats the gateway', { DnsOptions: { PrivateDnsOnlyForInboundResolverEndpoint: 'AllResolvers' } }, true, 'interface-endpoint'],
    ['OnlyInboundResolver leaves VPC traffic to the gateway', { DnsOptions: { PrivateDnsOnlyForInboundResolverEndpoint: 'OnlyInboundResolver' } }, true, 'gateway-endpoint'],
    ['not stated, no gateway endpoint: interface', {}, false, 'interface-endpoint'],
    ['not stated, with a gateway endpoint: unknown', {}, true, 'unknown'],
  ])('%s', (_name, props, withGateway, path) => {
    const resources = vpc(interfaceEndpoint(props), ...(withGateway ? [gatewayEndpoint()] : []));
    const r = decide(resources);
    expect(r.path).toBe(path);
  });

  test('ambiguous endpoints: SourceIp may be absent, SourceVpce unknown', () => {
    const r = decide(vpc(interfaceEndpoint(), gatewayEndpoint()));
    expect(r.context['aws:SourceVpce']).toEqual({ unknown: expect.stringContaining('Stack/S3If/Resource'), mayBeAbsent: true });
    expect(worst(r.outcomes)).toBe('unknown');
  });
});

describe('several subnets', () => {
  const second = [
    res('Subnet', 'Subnet2', { VpcId: ref('Vpc') }),
    res('RouteTable', 'Rt2', { VpcId: ref('Vpc') }),
    res('SubnetRouteTableAssociation', 'Assoc2', { SubnetId: ref('Subnet2'), RouteTableId: ref('Rt2') }),
  ];
  const both = { SubnetIds: [ref('Subnet'), ref('Subnet2')] };

  test('one subnet isolated, one with NAT: conditional (some invocations time out)', () => {
    const r = decide(vpc(natRoute, ...second), both);
    expect(r.path).toBe('mixed');
    expect(r.outcomes.map((o) => o.result)).toEqual(['conditional']);
    expect(r.outcomes[0].location).toBe('Stack/Subnet2/Resource');
  });

  test('both with NAT: nat', () => {
    const nat2 = res('Route', 'NatRoute2', { RouteTableId: ref('Rt2'), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref('Nat') });
    expect(decide(vpc(natRoute, nat2, ...second), both).path).toBe('nat');
  });

  test('one through the endpoint, one through NAT: keys that differ become unknown and possibly absent', () => {
    const nat2 = res('Route', 'NatRoute2', { RouteTableId: ref('Rt2'), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref('Nat') });
    const r = decide(vpc(gatewayEndpoint(), nat2, ...second), both);
    expect(r.path).toBe('mixed');
    expect(worst(r.outcomes)).toBe('pass');
    expect(r.context['aws:SourceVpce']).toEqual({ unknown: expect.any(String), mayBeAbsent: true });
    expect(r.endpoints.map((e) => e.location)).toEqual(['Stack/S3Gw/Resource']);
  });
});

describe('unknown, never a guessed deny', () => {
  test.each([
    ['imported subnet', vpc(), { SubnetIds: ['subnet-0123'] }],
    ['subnet IDs not known', vpc(), { SubnetIds: OPAQUE }],
    ['VpcConfig not an object', vpc(), 'vpc'],
    ['no route table association (main route table)', vpc().filter((r) => r.location !== 'Stack/Assoc/Resource'), inSubnet],
    ['route whose route table is not known', vpc(res('Route', 'R', { RouteTableId: OPAQUE, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref('Nat') })), inSubnet],
    ['default route to a transit gateway', vpc(res('Route', 'R', { RouteTableId: ref('Rt'), DestinationCidrBlock: '0.0.0.0/0', TransitGatewayId: 'tgw-1' })), inSubnet],
    ['public-range route elsewhere beside NAT', vpc(natRoute, res('Route', 'R', { RouteTableId: ref('Rt'), DestinationCidrBlock: '52.0.0.0/8', TransitGatewayId: 'tgw-1' })), inSubnet],
    ['private NAT gateway', [...vpc(res('Route', 'R', { RouteTableId: ref('Rt'), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref('PNat') })), res('NatGateway', 'PNat', { ConnectivityType: 'private' })], inSubnet],
    ['endpoint whose service is not known', vpc(gatewayEndpoint({ ServiceName: OPAQUE })), inSubnet],
    ['endpoint whose route tables are not known', vpc(gatewayEndpoint({ RouteTableIds: OPAQUE })), inSubnet],
  ])('%s', (_name, resources, vpcConfig) => {
    const r = decide(resources, vpcConfig);
    expect(r.path).toBe('unknown');
    expect(worst(r.outcomes)).toBe('unknown');
    expect(r.outcomes[0].reason.length).toBeGreaterThan(10);
    expect(r.context['aws:SourceIp']).toMatchObject({ mayBeAbsent: true });
  });

  test('isolated subnet of a VPC that is not in the app: unknown (endpoints may be added elsewhere)', () => {
    const resources = vpc().filter((r) => r.type !== 'AWS::EC2::VPC');
    expect(decide(resources).path).toBe('unknown');
    expect(decide(vpc()).path).toBe('none');
  });

  test('garbage never throws', () => {
    expect(decideNetworkPath(undefined as any).path).toBe('unknown');
    expect(decideNetworkPath({ functionLocation: FN, vpcConfig: inSubnet, resources: [null, 5, { type: 'x' }] as any }).path).toBe('unknown');
    const odd = vpc(res('Route', 'R', { RouteTableId: ref('Rt'), DestinationCidrBlock: { 'Fn::If': [] }, NatGatewayId: 5 }));
    expect(() => decideNetworkPath({ functionLocation: FN, vpcConfig: inSubnet, resources: odd })).not.toThrow();
  });
});
