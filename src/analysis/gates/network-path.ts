/**
 * Gate 4: the network path a function's S3 request takes, and the context keys that path sets.
 *
 * A function outside a VPC reaches S3 over the internet from a public IP of the Lambda service. In a VPC, its
 * ENI has no public IP (even in a public subnet), so S3 is reached through an S3 VPC endpoint or a NAT gateway,
 * or not at all and the call times out [Lambda Developer Guide, "Giving Lambda functions access to resources in
 * an Amazon VPC" and "Enable internet access for VPC-connected Lambda functions"]. Through an endpoint,
 * `aws:SourceVpce` and `aws:SourceVpc` are present and `aws:SourceIp` is absent [IAM User Guide, global condition
 * keys]; the endpoint's policy is then one more layer (VPC_ENDPOINT_POLICY).
 *
 * Two paths exist only if the code opts in, so they make the write CONDITIONAL, never a "no path" DENY: an S3
 * interface endpoint that does not answer for S3's default hostname is still reached at its own DNS name,
 * `bucket.vpce-….s3.<region>.vpce.amazonaws.com` [S3 User Guide, "AWS PrivateLink for Amazon S3", accessing S3
 * through endpoint-specific DNS names]; and a function with `Ipv6AllowedForDualStack` reaches S3's dual-stack
 * endpoint over an IPv6 route to an (egress-only) internet gateway [Lambda Developer Guide, "IPv6 support for
 * VPC-connected functions"; AWS SDKs and Tools Reference Guide, "Dual-stack and FIPS endpoints"].
 */
import { fromGate, Gate, GateOutcome, guardGate } from './gate';
import { describeRoute, NetworkIndex, NetworkResource, propsOf, RouteFacts, S3Endpoint, s3Endpoints, TYPES } from './network-resources';
import { ContextValue } from '../../iam/model';
import { isRecord } from '../cfn/assembly-index';
import { isUnresolved, readBoolean, readStringList, readSymbolicString, sameValue, show, Unresolved } from '../model/property-values';
import { isNetworkKey } from '../request/request-keys';

export type { NetworkResource } from './network-resources';

export interface NetworkPathInput {
  /** Construct path of the function, for messages. */
  readonly functionLocation: string;
  /**
   * The function's resolved `VpcConfig` property (`SubnetIds`, `SecurityGroupIds`).
   * @default undefined — the function is not in a VPC
   */
  readonly vpcConfig?: unknown;
  /**
   * The resources of the app with their resolved Properties and Ref values; only the EC2 types that route
   * traffic are read (Subnet, VPC, SubnetRouteTableAssociation, Route, NatGateway, InternetGateway, VPNGateway,
   * VPCEndpoint). Passing every resource of the app is fine.
   */
  readonly resources: readonly NetworkResource[];
  /**
   * Region of the bucket written to (literal or atom): an S3 endpoint serves only its own region.
   * @default undefined — assumed to be the endpoints' region
   */
  readonly bucketRegion?: string;
}

export type NetworkPath = 'internet' | 'gateway-endpoint' | 'interface-endpoint' | 'nat' | 'ipv6-internet' | 'none' | 'mixed' | 'unknown';

/** The path from one subnet of the function. */
export interface SubnetPath {
  /** The subnet ID as resolved (may carry an atom). */
  readonly subnetId: string;
  /** Construct path of the subnet, when it is a resource of the app. */
  readonly location?: string;
  readonly path: Exclude<NetworkPath, 'mixed'>;
  readonly reason: string;
  /** The endpoint the request passes through, on an endpoint path. */
  readonly endpoint?: VpcEndpointUse;
  /** Context keys this path sets; keys in `absentKeys` are not sent at all. */
  readonly context: Record<string, ContextValue>;
  readonly absentKeys: string[];
  /**
   * What the function's code must do for its requests to take this path, when the default SDK request does
   * not (the endpoint's own DNS name, the dual-stack endpoint): the path then makes the write conditional.
   * @default undefined — the default SDK request takes this path
   */
  readonly requires?: string;
  /** Where to fix it, when it is 'none' or `requires` something. */
  readonly fix?: string;
  /**
   * A path the code may opt into instead of this one: an S3 interface endpoint without private DNS in the subnet's
   * VPC, reached at its own DNS name (AWS PrivateLink for Amazon S3). A policy that admits only that endpoint
   * then makes the write conditional on the code using it, not denied.
   */
  readonly alternative?: SubnetPath;
}

/** An S3 endpoint the write passes through: its policy is evaluated as the `vpce` layer. */
export interface VpcEndpointUse {
  readonly location: string;
  /** What `aws:SourceVpce` carries. */
  readonly id: string;
  readonly kind: 'Gateway' | 'Interface';
  readonly vpcId: string;
  /** The resolved PolicyDocument; undefined for the default endpoint policy, which allows everything. */
  readonly policyDocument?: unknown;
}

export interface NetworkPathResult {
  readonly path: NetworkPath;
  /** Context keys to set (values may be `{ unknown }`); merged over the subnets for 'mixed'. */
  readonly context: Record<string, ContextValue>;
  /** Keys to remove from the context: the path does not send them. */
  readonly absentKeys: string[];
  /** Every endpoint some subnet's path passes through (for 'mixed', evaluate each subnet's path on its own). */
  readonly endpoints: VpcEndpointUse[];
  readonly subnets: SubnetPath[];
  readonly outcomes: GateOutcome[];
}

const VPC_KEYS = ['aws:SourceVpce', 'aws:SourceVpc', 'aws:SourceVpcArn', 'aws:VpcSourceIp'];
/** The network keys (`isNetworkKey`, request/request-keys.ts) in their documented case: the keys a path sets. */
const PATH_KEYS = ['aws:SourceIp', ...VPC_KEYS];

/**
 * The gate: the network path's own outcomes. When the path is outside the templates entirely (an imported VPC:
 * `Vpc.fromLookup`) and no policy tests a network key, only reachability is open — whether the subnets have a NAT
 * or an S3 endpoint. That is assumed, with a note, as SCPs are: an UNKNOWN on every function of every imported VPC
 * would say nothing the user can act on. Where a policy does test a network key, the path decides it and stays
 * UNKNOWN. (The path's context keys and endpoint policies enter the IAM steps through the context, not here.)
 */
export const networkGate: Gate = {
  name: 'network path to S3',
  outcomes: ({ network, keysRead }) => {
    if (!network) return [];
    if (network.path !== 'unknown' || keysRead.some(isNetworkKey)) return network.outcomes.map(fromGate);
    return network.outcomes.map((o) => fromGate(o.result === 'unknown'
      ? { ...o, result: 'pass' as const, reason: `assumed: the function reaches S3 (${o.reason}); if its subnets have no NAT gateway or S3 endpoint, the call times out` }
      : o));
  },
};

export function decideNetworkPath(input: NetworkPathInput): NetworkPathResult {
  const where = input?.functionLocation;
  return guardGate('network path', 'NETWORK_PATH', where, () => decide(input), (o) => unknownResult(o.reason, where));
}

function decide(input: NetworkPathInput): NetworkPathResult {
  const fn = input.functionLocation;
  if (input.vpcConfig === undefined || input.vpcConfig === null) return single(internet(fn, 'is not in a VPC'), fn);
  if (!isRecord(input.vpcConfig)) return unknownResult(`the VpcConfig of ${fn} is not known (${show(input.vpcConfig)})`, fn);
  const ids = readStringList(input.vpcConfig.SubnetIds, `the SubnetIds of ${fn}`);
  if (isUnresolved(ids)) return unknownResult(`${ids.unresolved}; the path ${fn} takes to S3 is unknown`, fn);
  if (ids === undefined || ids.length === 0) return single(internet(fn, 'has a VpcConfig with no subnets, so it is not in a VPC'), fn);
  const index = new NetworkIndex(input.resources ?? []);
  const endpoints = s3Endpoints(index, input.bucketRegion);
  const dualStack = readBoolean(input.vpcConfig.Ipv6AllowedForDualStack, `the Ipv6AllowedForDualStack of ${fn}`);
  const paths = [...new Set(ids)].map((id) => subnetPath(index, endpoints, id, fn, dualStack));
  return combine(paths, fn);
}

// ---------------------------------------------------------------------------------------------------------
// One subnet
// ---------------------------------------------------------------------------------------------------------

function subnetPath(index: NetworkIndex, endpoints: S3Endpoint[], subnetId: string, fn: string, dualStack: DualStack): SubnetPath {
  const subnets = index.byRef(TYPES.subnet, subnetId);
  const name = show(subnetId);
  if (subnets.sure.length === 0) {
    const why = subnets.maybe.length > 0
      ? `subnet ${name} of ${fn} is not known at synth time`
      : `subnet ${name} of ${fn} is not a subnet of the app (an imported VPC): its route tables and endpoints are not in the templates`;
    return unknownPath(subnetId, undefined, why);
  }
  const subnet = subnets.sure[0];
  const at = subnet.location;
  const vpcId = readSymbolicString(propsOf(subnet).VpcId, `the VpcId of ${at}`);
  if (typeof vpcId !== 'string') return unknownPath(subnetId, at, `the VpcId of subnet ${at} is not known`);
  const assoc = index.byProp(TYPES.association, 'SubnetId', subnetId);
  if (assoc.maybe.length > 0) return unknownPath(subnetId, at, `a route table association whose subnet is not known may apply to ${at}`);
  if (assoc.sure.length !== 1) {
    const why = assoc.sure.length === 0
      ? `subnet ${at} has no route table association in the app, so it uses its VPC's main route table, which the templates do not show`
      : `subnet ${at} has ${assoc.sure.length} route table associations`;
    return unknownPath(subnetId, at, why);
  }
  const rtId = readSymbolicString(propsOf(assoc.sure[0]).RouteTableId, 'RouteTableId');
  if (typeof rtId !== 'string') return unknownPath(subnetId, at, `the route table of ${at} (${assoc.sure[0].location}) is not known`);
  const rtName = index.byRef(TYPES.routeTable, rtId).sure[0]?.location ?? show(rtId);
  const vpcs = index.byRef(TYPES.vpc, vpcId).sure;
  const vpcInApp = vpcs.length > 0;
  const facts: SubnetFacts = { subnetId, at, vpcId, rtId, rtName, fn, dualStack, vpcArn: vpcArnOf(vpcs[0], vpcId) };
  const main = endpointPath(endpoints, facts) ?? routePath(index, endpoints, facts, vpcInApp);
  if (main.path !== 'nat' && main.path !== 'gateway-endpoint') return main;
  const dnsless = endpoints.find((e) => e.kind === 'Interface' && e.servesVpcDns === false && surelyServes(e, facts));
  return dnsless ? { ...main, alternative: endpointNamePath(dnsless, facts) } : main;
}

/** The function's `Ipv6AllowedForDualStack`: undefined when not set (Lambda's default, false). */
type DualStack = boolean | Unresolved | undefined;

interface SubnetFacts {
  readonly subnetId: string;
  readonly at: string;
  readonly vpcId: string;
  readonly rtId: string;
  readonly rtName: string;
  readonly fn: string;
  readonly dualStack: DualStack;
  /** The VPC's ARN, when the VPC is a resource of the app (what `aws:SourceVpcArn` carries). */
  readonly vpcArn?: string;
}

/**
 * `arn:<partition>:ec2:<region>:<account>:vpc/<vpc-id>` for a VPC of the app, built from its stack's account and
 * region (Service Authorization Reference, Amazon EC2 resource types: vpc); undefined for a VPC outside the app,
 * whose owner (a shared VPC's) the templates do not show.
 */
function vpcArnOf(vpc: NetworkResource | undefined, vpcId: string): string | undefined {
  if (!vpc || vpc.account === undefined || vpc.region === undefined) return undefined;
  return `arn:${vpc.partition ?? 'aws'}:ec2:${vpc.region}:${vpc.account}:vpc/${vpcId}`;
}

/** Whether the endpoint is surely an S3 endpoint of the bucket's region in the subnet's VPC. */
function surelyServes(e: S3Endpoint, s: SubnetFacts): boolean {
  return e.certainty === 'sure' && e.regionMatch === 'true' && typeof e.vpcId === 'string' && sameValue(e.vpcId, s.vpcId) === 'true';
}

/** Whether the endpoint may be in the subnet's VPC. */
function mayBeInVpc(e: S3Endpoint, s: SubnetFacts): boolean {
  return typeof e.vpcId !== 'string' || sameValue(e.vpcId, s.vpcId) !== 'false';
}

function use(ep: S3Endpoint, vpcId: string): VpcEndpointUse {
  return { location: ep.location, id: ep.id, kind: ep.kind, vpcId, policyDocument: ep.policyDocument };
}

/** The endpoint path, if an S3 endpoint surely or possibly takes the subnet's traffic; undefined otherwise. */
function endpointPath(endpoints: S3Endpoint[], s: SubnetFacts): SubnetPath | undefined {
  const inVpc = endpoints.filter((e) => mayBeInVpc(e, s));
  const sureInVpc = (e: S3Endpoint) => surelyServes(e, s);
  const interfaces = inVpc.filter((e) => e.kind === 'Interface' && e.servesVpcDns !== false);
  const gateways = inVpc.filter((e) => e.kind === 'Gateway' && onRouteTable(e, s.rtId) !== 'false');
  const gatewayOnTable = gateways.find((e) => sureInVpc(e) && onRouteTable(e, s.rtId) === 'true');
  const anyGatewayInVpc = endpoints.some((e) => e.kind === 'Gateway' && typeof e.vpcId === 'string' && mayBeInVpc(e, s));

  const interfaceSure = interfaces.find((e) => sureInVpc(e) && e.servesVpcDns === true);
  if (interfaceSure) return viaEndpoint(interfaceSure, s, `interface endpoint ${interfaceSure.location} with private DNS for all resolvers`);
  const interfaceUnspecified = interfaces.find((e) => sureInVpc(e) && e.servesVpcDns === 'unspecified');
  if (interfaceUnspecified && !anyGatewayInVpc) {
    return viaEndpoint(interfaceUnspecified, s, `interface endpoint ${interfaceUnspecified.location} with private DNS (the VPC has no S3 gateway endpoint)`);
  }
  // Past the two sure cases above, any interface endpoint left is one that may or may not take the traffic.
  const doubtfulInterface = interfaces[0];
  if (doubtfulInterface) {
    const candidates = [doubtfulInterface, ...(gatewayOnTable ? [gatewayOnTable] : [])];
    return endpointUnknown(s, candidates, `interface endpoint ${doubtfulInterface.location} may take the requests of ${s.at} ` +
      '(its VPC, region, service or private DNS setting is not known, or private DNS may be limited to inbound resolvers because the VPC has a gateway endpoint)');
  }
  if (gatewayOnTable) return viaEndpoint(gatewayOnTable, s, `gateway endpoint ${gatewayOnTable.location} on route table ${s.rtName}`);
  const doubtfulGateway = gateways[0];
  if (doubtfulGateway) {
    return unknownPath(s.subnetId, s.at, `gateway endpoint ${doubtfulGateway.location} may be on route table ${s.rtName} of ${s.at} ` +
      '(its route tables, VPC, region or service are not known)');
  }
  return undefined;
}

function onRouteTable(e: S3Endpoint, rtId: string): 'true' | 'false' | 'unknown' {
  if (!Array.isArray(e.routeTableIds)) return 'unknown';
  let result: 'false' | 'unknown' = 'false';
  for (const id of e.routeTableIds) {
    const same = sameValue(id, rtId);
    if (same === 'true') return 'true';
    if (same === 'unknown') result = 'unknown';
  }
  return result;
}

function viaEndpoint(ep: S3Endpoint, s: SubnetFacts, how: string): SubnetPath {
  const endpoint = use(ep, s.vpcId);
  const kind = ep.kind === 'Gateway' ? 'gateway-endpoint' : 'interface-endpoint';
  return {
    subnetId: s.subnetId,
    location: s.at,
    path: kind,
    endpoint,
    reason: `${s.fn} in subnet ${s.at} reaches S3 through ${how}: ${endpointKeysText(ep, s)}`,
    context: {
      'aws:SourceVpce': ep.id,
      'aws:SourceVpc': s.vpcId,
      'aws:SourceVpcArn': s.vpcArn ?? { unknown: `the ARN of VPC ${show(s.vpcId)}, which is not a resource of the app` },
      'aws:VpcSourceIp': { unknown: `the private IP of ${s.fn}'s network interface` },
      // The endpoint's owner: the account of the stack that creates it (IAM User Guide, "AWS global condition
      // context keys": aws:VpceAccount is the account that owns the VPC endpoint the request passes through).
      ...(ep.account !== undefined ? { 'aws:VpceAccount': ep.account } : {}),
    },
    absentKeys: ['aws:SourceIp'],
  };
}

/** The context keys and policy an endpoint path brings, for messages. */
function endpointKeysText(ep: S3Endpoint, s: SubnetFacts): string {
  return `aws:SourceVpce is ${show(ep.id)}, aws:SourceVpc is ${show(s.vpcId)}, aws:SourceIp is absent; ` +
    `${ep.location}'s ${ep.policyDocument === undefined ? 'default policy (full access)' : 'policy'} is evaluated too`;
}

function endpointUnknown(s: SubnetFacts, candidates: S3Endpoint[], why: string): SubnetPath {
  return {
    subnetId: s.subnetId,
    location: s.at,
    path: 'unknown',
    reason: why,
    context: {
      'aws:SourceVpce': { unknown: `one of ${candidates.map((c) => c.location).join(', ')}`, mayBeAbsent: true },
      'aws:SourceVpc': { unknown: `VPC ${show(s.vpcId)}, if an endpoint is used`, mayBeAbsent: true },
      'aws:SourceVpcArn': { unknown: `the ARN of VPC ${show(s.vpcId)}`, mayBeAbsent: true },
      'aws:VpcSourceIp': { unknown: `the private IP of ${s.fn}'s network interface`, mayBeAbsent: true },
      'aws:SourceIp': { unknown: 'a NAT gateway\'s public IP, if no endpoint is used', mayBeAbsent: true },
    },
    absentKeys: [],
  };
}

/** No endpoint: the subnet's route table decides whether S3's public addresses are reachable. */
function routePath(index: NetworkIndex, endpoints: S3Endpoint[], s: SubnetFacts, vpcInApp: boolean): SubnetPath {
  const routes = index.byProp(TYPES.route, 'RouteTableId', s.rtId);
  if (routes.maybe.length > 0) {
    return unknownPath(s.subnetId, s.at, `route ${routes.maybe[0].location} may belong to route table ${s.rtName} of ${s.at} (its route table is not known)`);
  }
  const facts = routes.sure.map((r) => describeRoute(index, r));
  const defaults = facts.filter((f) => f.scope === 'default' && f.target !== 'ignored');
  const target = defaults[0]?.target ?? 'none';
  const stray = facts.find((f) => f.scope === 'partial' && f.target !== 'ignored' && f.target !== target);
  if (stray) {
    return unknownPath(s.subnetId, s.at, `route ${stray.location} (${stray.description}) on ${s.rtName} may carry some of S3's addresses`);
  }
  if (target === 'nat') {
    const nat = defaults[0];
    return {
      subnetId: s.subnetId,
      location: s.at,
      path: 'nat',
      reason: `${s.fn} in subnet ${s.at} reaches S3 through ${nat.description} (route table ${s.rtName}): aws:SourceIp is the NAT's ` +
        'public IP, unknown at synth time; aws:SourceVpce and aws:SourceVpc are absent',
      context: { 'aws:SourceIp': { unknown: `the Elastic IP of ${nat.natLocation ?? 'the NAT gateway'}` } },
      absentKeys: [...VPC_KEYS],
    };
  }
  if (target === 'other') {
    return unknownPath(s.subnetId, s.at, `route table ${s.rtName} of ${s.at} sends ${defaults[0].description}: whether that reaches S3, and from which IP, is not in the templates`);
  }
  if (!vpcInApp) {
    return unknownPath(s.subnetId, s.at, `route table ${s.rtName} of ${s.at} has no route to S3 in the app, but its VPC ${show(s.vpcId)} is ` +
      'not a resource of the app, so endpoints or routes may be added elsewhere');
  }
  const optIn = optInPath(endpoints, facts, s);
  if (optIn) return optIn;
  const igwNote = target === 'internet-gateway'
    ? ` Its default route goes to an internet gateway (${defaults[0].description}), but a Lambda function's network interface has no public IP, so that route does not reach S3.`
    : '';
  const endpointNote = endpoints.length > 0 ? ` (the app's S3 endpoints ${endpoints.map((e) => e.location).join(', ')} are not on it)` : '';
  const ipv6Route = ipv6DefaultRoute(facts);
  const ipv6Note = ipv6Route
    ? ` Route ${ipv6Route.location} (${ipv6Route.description}) carries IPv6, but ${s.fn} does not set Ipv6AllowedForDualStack, so its traffic stays on IPv4.`
    : '';
  const ipv6Fix = ipv6Route
    ? ', or allow IPv6 (CDK: ipv6AllowedForDualStack: true) and have the SDK use S3\'s dual-stack endpoint (environment variable AWS_USE_DUALSTACK_ENDPOINT=true)'
    : '';
  return {
    subnetId: s.subnetId,
    location: s.at,
    path: 'none',
    reason: `${s.fn} in subnet ${s.at} has no path to S3: route table ${s.rtName} has no S3 gateway endpoint${endpointNote}, the VPC has no S3 ` +
      `interface endpoint, and there is no route to a NAT gateway; the PutObject call times out.${igwNote}${ipv6Note}`,
    fix: `Add an S3 gateway endpoint on route table ${s.rtName} (CDK: vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 })), ` +
      `or place the function in subnets with a NAT route (vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS })${ipv6Fix}.`,
    context: {},
    absentKeys: [],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Paths the code must opt into (the default S3 hostname does not take them)
// ---------------------------------------------------------------------------------------------------------

/**
 * When the subnet has no path the default SDK request takes: a path the code can opt into (conditional), or an
 * unknown one when such a path may exist; undefined when there is none.
 */
function optInPath(endpoints: S3Endpoint[], facts: RouteFacts[], s: SubnetFacts): SubnetPath | undefined {
  // An interface endpoint that serves the VPC's DNS was already taken (or left unknown) by endpointPath.
  const dnsless = endpoints.filter((e) => e.kind === 'Interface' && e.servesVpcDns === false && mayBeInVpc(e, s));
  const sureEndpoint = dnsless.find((e) => surelyServes(e, s));
  if (sureEndpoint) return endpointNamePath(sureEndpoint, s);
  const ipv6Route = ipv6DefaultRoute(facts);
  if (ipv6Route && s.dualStack === true) return dualStackPath(ipv6Route, s);
  if (dnsless.length > 0) {
    return unknownPath(s.subnetId, s.at, `interface endpoint ${dnsless[0].location} does not serve the VPC's DNS, so ${s.fn} could reach S3 only at ` +
      'its own DNS name, and it may not be an S3 endpoint of the bucket\'s region in the VPC of ' + `${s.at} (its VPC, region or service is not known)`);
  }
  if (ipv6Route && isUnresolved(s.dualStack)) {
    return unknownPath(s.subnetId, s.at, `${s.dualStack.unresolved}: route ${ipv6Route.location} (${ipv6Route.description}) reaches S3's dual-stack endpoint only if it is true`);
  }
  const partialIpv6 = s.dualStack === true ? facts.find((f) => f.ipv6Scope === 'partial' && isIpv6Egress(f)) : undefined;
  if (partialIpv6) {
    return unknownPath(s.subnetId, s.at, `route ${partialIpv6.location} (${partialIpv6.description}) on ${s.rtName} may carry S3's IPv6 addresses`);
  }
  return undefined;
}

function isIpv6Egress(f: RouteFacts): boolean {
  return f.target === 'egress-only-internet-gateway' || f.target === 'internet-gateway';
}

/** A `::/0` route to an egress-only or plain internet gateway: IPv6 needs no NAT, the ENI's address is global. */
function ipv6DefaultRoute(facts: RouteFacts[]): RouteFacts | undefined {
  return facts.find((f) => f.ipv6Scope === 'default' && isIpv6Egress(f));
}

/** Through an S3 interface endpoint addressed by its own DNS name: the endpoint's context and policy apply. */
function endpointNamePath(ep: S3Endpoint, s: SubnetFacts): SubnetPath {
  return {
    ...viaEndpoint(ep, s, `interface endpoint ${ep.location}`),
    requires: `the code sends its S3 requests to the DNS name of interface endpoint ${ep.location}`,
    reason: `${s.fn} in subnet ${s.at} reaches S3 only through interface endpoint ${ep.location}, which does not answer for S3's default ` +
      `hostname in the VPC (private DNS is off, or only for inbound resolvers) and route table ${s.rtName} has no other way to S3: the write ` +
      'works only if the code sends it to the endpoint\'s own DNS name (bucket.vpce-….s3.<region>.vpce.amazonaws.com); with the default ' +
      `hostname the PutObject call times out. Through the endpoint, ${endpointKeysText(ep, s)}`,
    fix: `Create the S3 client with the endpoint URL https://bucket.<DNS name of ${ep.location}> (its DnsEntries attribute; CDK: ` +
      'endpoint.vpcEndpointDnsEntries), e.g. passed to the function in an environment variable; or turn on private DNS for all resolvers ' +
      `on ${ep.location}, or add an S3 gateway endpoint on route table ${s.rtName}.`,
  };
}

/** Over IPv6 to S3's dual-stack endpoint: from the function's own IPv6 address, no VPC keys. */
function dualStackPath(route: RouteFacts, s: SubnetFacts): SubnetPath {
  return {
    subnetId: s.subnetId,
    location: s.at,
    path: 'ipv6-internet',
    requires: 'the SDK uses S3\'s dual-stack endpoint',
    reason: `${s.fn} in subnet ${s.at} (Ipv6AllowedForDualStack) reaches S3 only over IPv6, through route ${route.location} (${route.description}) ` +
      `on ${s.rtName}: the write works only if the SDK uses S3's dual-stack endpoint (s3.dualstack.<region>.amazonaws.com) and the subnet is ` +
      'dual-stack; the default endpoint is IPv4 only and the PutObject call times out. aws:SourceIp is the function\'s IPv6 address, ' +
      'unknown at synth time; aws:SourceVpce and aws:SourceVpc are absent',
    fix: 'Have the SDK use S3\'s dual-stack endpoint: set the function\'s environment variable AWS_USE_DUALSTACK_ENDPOINT=true (or ' +
      `useDualstackEndpoint: true on the S3 client); or add an S3 gateway endpoint on route table ${s.rtName}.`,
    context: { 'aws:SourceIp': { unknown: `the IPv6 address of ${s.fn}'s network interface` } },
    absentKeys: [...VPC_KEYS],
  };
}

function internet(fn: string, why: string): SubnetPath {
  return {
    subnetId: '',
    path: 'internet',
    reason: `${fn} ${why}: it reaches S3 over the internet from a public IP of AWS Lambda (aws:SourceIp, unknown at synth time); ` +
      'aws:SourceVpce and aws:SourceVpc are absent, so a condition requiring them is not met',
    context: { 'aws:SourceIp': { unknown: 'a public IP of the AWS Lambda service' } },
    absentKeys: [...VPC_KEYS],
  };
}

function unknownPath(subnetId: string, location: string | undefined, reason: string): SubnetPath {
  const context: Record<string, ContextValue> = {};
  for (const key of PATH_KEYS) context[key] = { unknown: reason, mayBeAbsent: true };
  return { subnetId, location, path: 'unknown', reason, context, absentKeys: [] };
}

// ---------------------------------------------------------------------------------------------------------
// All subnets
// ---------------------------------------------------------------------------------------------------------

function single(p: SubnetPath, fn: string): NetworkPathResult {
  return combine([p], fn);
}

function unknownResult(reason: string, fn: string | undefined): NetworkPathResult {
  return combine([unknownPath('', undefined, reason)], fn ?? 'the function');
}

function combine(paths: SubnetPath[], fn: string): NetworkPathResult {
  const endpoints: VpcEndpointUse[] = [];
  for (const p of paths) if (p.endpoint && !endpoints.some((e) => e.id === p.endpoint!.id)) endpoints.push(p.endpoint);
  const first = paths[0];
  const uniform = paths.every((p) => p.path === first.path && p.endpoint?.id === first.endpoint?.id);
  const base = { endpoints, subnets: paths };
  if (uniform) {
    return { ...base, path: first.path, context: first.context, absentKeys: first.absentKeys, outcomes: outcomesOf(paths, first.path, fn) };
  }
  const merged = mergeContexts(paths);
  const path: NetworkPath = paths.some((p) => p.path === 'unknown') ? 'unknown' : 'mixed';
  return { ...base, path, ...merged, outcomes: outcomesOf(paths, path, fn) };
}

/** Keys every subnet's path agrees on keep their value; the rest become unknown and possibly absent. */
function mergeContexts(paths: SubnetPath[]): { context: Record<string, ContextValue>; absentKeys: string[] } {
  const context: Record<string, ContextValue> = {};
  const absentKeys: string[] = [];
  for (const key of PATH_KEYS) {
    const states = paths.map((p) => (p.absentKeys.includes(key) ? 'absent' : JSON.stringify(p.context[key] ?? null)));
    if (states.every((st) => st === states[0])) {
      if (states[0] === 'absent') absentKeys.push(key);
      else if (paths[0].context[key] !== undefined) context[key] = paths[0].context[key];
    } else {
      context[key] = { unknown: 'the function\'s subnets reach S3 by different paths', mayBeAbsent: true };
    }
  }
  return { context, absentKeys };
}

function outcomesOf(paths: SubnetPath[], path: NetworkPath, fn: string): GateOutcome[] {
  const at = (p: SubnetPath) => p.location ?? fn;
  if (path === 'unknown') {
    return paths.filter((p) => p.path === 'unknown').map((p) => ({
      result: 'unknown' as const,
      code: 'NETWORK_PATH' as const,
      reason: p.reason,
      location: at(p),
      fix: 'Define the VPC, its route tables and its S3 endpoints in the app, or declare the path the function takes to S3.',
    }));
  }
  if (path === 'none') {
    return paths.map((p) => ({ result: 'deny' as const, code: 'NETWORK_PATH' as const, reason: p.reason, fix: p.fix, location: at(p) }));
  }
  const optIn = paths.filter((p) => p.requires !== undefined).map((p) => ({
    result: 'conditional' as const,
    code: 'NETWORK_PATH' as const,
    reason: p.reason,
    fix: p.fix,
    location: at(p),
  }));
  if (path === 'mixed') {
    const blocked = paths.filter((p) => p.path === 'none');
    if (blocked.length > 0 || optIn.length > 0) {
      return [...blocked.map((p) => ({
        result: 'conditional' as const,
        code: 'NETWORK_PATH' as const,
        reason: `${p.reason} Other subnets of ${fn} do reach S3, so only invocations placed in ${at(p)} fail.`,
        fix: p.fix,
        location: at(p),
      })), ...optIn];
    }
    return [{
      result: 'pass',
      code: 'NETWORK_PATH',
      reason: `${fn}'s subnets reach S3 by different paths (${paths.map((p) => `${at(p)}: ${p.path}`).join('; ')}); network condition keys differ between invocations`,
      location: fn,
    }];
  }
  if (optIn.length > 0) return optIn;
  return [{ result: 'pass', code: 'NETWORK_PATH', reason: paths[0].reason, location: paths[0].location ?? fn }];
}
