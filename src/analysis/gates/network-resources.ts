/**
 * Reading the EC2 resources of the app that decide how a function in a VPC reaches S3: subnets, route table
 * associations, routes, NAT gateways, internet gateways and S3 VPC endpoints. Every lookup by ID answers with
 * the resources that surely match and those that might (an ID that is not known at synth time).
 */
import { parseSymbolic } from '../../iam/symbolic';
import { isRecord } from '../cfn/assembly-index';
import { NetworkResource, TYPES } from '../model/network-resource';
import { findMatches, isUnresolved, readBoolean, readLiteralString, readStringList, readSymbolicString, sameValue, show, Unresolved } from '../model/property-values';

export type { NetworkResource };
export { TYPES };

export function propsOf(resource: NetworkResource): Record<string, unknown> {
  return isRecord(resource.properties) ? resource.properties : {};
}

function prop(resource: NetworkResource, name: string): string | undefined {
  const value = readSymbolicString(propsOf(resource)[name], name);
  return typeof value === 'string' ? value : undefined;
}

export class NetworkIndex {
  private readonly byType = new Map<string, NetworkResource[]>();

  constructor(resources: readonly NetworkResource[]) {
    for (const r of resources ?? []) {
      if (!isRecord(r) || typeof r.type !== 'string' || typeof r.ref !== 'string') continue;
      const list = this.byType.get(r.type) ?? [];
      list.push(r);
      this.byType.set(r.type, list);
    }
  }

  of(type: string): NetworkResource[] {
    return this.byType.get(type) ?? [];
  }

  /** Resources of `type` whose Ref is `id`. */
  byRef(type: string, id: string) {
    return findMatches(this.of(type), (r) => r.ref, id);
  }

  /** Resources of `type` whose property `name` is `id`. */
  byProp(type: string, name: string, id: string) {
    return findMatches(this.of(type), (r) => prop(r, name) ?? OPAQUE_UNREADABLE, id);
  }
}

/** Stands for a property the resolver left as something other than a string: it may equal anything. */
const OPAQUE_UNREADABLE = '\uE000opaque:unreadable property\uE001';

// ---------------------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------------------

/** Where a route sends traffic, as far as reaching S3's public addresses goes. */
export type RouteTarget = 'nat' | 'internet-gateway' | 'egress-only-internet-gateway' | 'other' | 'ignored';

/** Which S3 traffic a route's destination can carry. */
export type RouteScope = 'default' | 'partial' | 'none';

export interface RouteFacts {
  readonly location: string;
  /** Which of S3's IPv4 addresses (the SDK's default endpoint) the route can carry. */
  readonly scope: RouteScope;
  /** Which of S3's IPv6 addresses (its dual-stack endpoint) the route can carry. */
  readonly ipv6Scope: RouteScope;
  readonly target: RouteTarget;
  /** For messages: the destination and target as written. */
  readonly description: string;
  /** The NAT gateway's construct path, for a NAT route. */
  readonly natLocation?: string;
}

const PRIVATE_CIDRS: readonly [number, number][] = [
  [ipv4('10.0.0.0'), 8], [ipv4('172.16.0.0'), 12], [ipv4('192.168.0.0'), 16], [ipv4('100.64.0.0'), 10], [ipv4('127.0.0.0'), 8],
];

function ipv4(text: string): number {
  const parts = text.split('.').map((p) => Number(p));
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return NaN;
  return ((parts[0] * 256 + parts[1]) * 256 + parts[2]) * 256 + parts[3];
}

/** Whether an IPv4 CIDR lies inside address space S3 never uses (private, shared, loopback). */
function isPrivateCidr(cidr: string): boolean {
  const [addr, lenText] = cidr.split('/');
  const ip = ipv4(addr);
  const len = Number(lenText);
  if (Number.isNaN(ip) || !Number.isInteger(len) || len < 0 || len > 32) return false;
  return PRIVATE_CIDRS.some(([base, bits]) => {
    if (len < bits) return false;
    const block = 2 ** (32 - bits);
    return Math.floor(ip / block) === Math.floor(base / block);
  });
}

function scopeOf(route: NetworkResource): RouteScope {
  const p = propsOf(route);
  if (p.DestinationPrefixListId !== undefined) return 'partial';
  if (p.DestinationCidrBlock === undefined) return 'none'; // IPv6-only route: the SDK's default S3 endpoint is IPv4
  const cidr = readLiteralString(p.DestinationCidrBlock, 'DestinationCidrBlock');
  if (cidr === undefined || isUnresolved(cidr)) return 'partial';
  if (cidr === '0.0.0.0/0') return 'default';
  return isPrivateCidr(cidr) ? 'none' : 'partial';
}

/** IPv6 has no private ranges S3 could be ruled out of cheaply: only `::/0` is sure to carry S3's addresses. */
function ipv6ScopeOf(route: NetworkResource): RouteScope {
  const p = propsOf(route);
  if (p.DestinationIpv6CidrBlock === undefined || p.DestinationIpv6CidrBlock === null) return 'none';
  const cidr = readLiteralString(p.DestinationIpv6CidrBlock, 'DestinationIpv6CidrBlock');
  return cidr === '::/0' ? 'default' : 'partial';
}

export function describeRoute(index: NetworkIndex, route: NetworkResource): RouteFacts {
  const p = propsOf(route);
  const scope = scopeOf(route);
  const dest = show(p.DestinationCidrBlock ?? p.DestinationPrefixListId ?? p.DestinationIpv6CidrBlock ?? '?');
  const base = { location: route.location, scope, ipv6Scope: ipv6ScopeOf(route) };
  if (p.NatGatewayId !== undefined) {
    const natId = readSymbolicString(p.NatGatewayId, 'NatGatewayId');
    const nat = typeof natId === 'string' ? index.byRef(TYPES.natGateway, natId).sure[0] : undefined;
    const connectivity = nat ? readLiteralString(propsOf(nat).ConnectivityType, 'ConnectivityType') : undefined;
    // A private NAT gateway has no Elastic IP: it only reaches other networks, not S3's public addresses.
    const target: RouteTarget = connectivity === 'private' ? 'other' : 'nat';
    return { ...base, target, natLocation: nat?.location, description: `${dest} → NAT gateway ${nat?.location ?? show(p.NatGatewayId)}` };
  }
  if (p.GatewayId !== undefined) {
    const gw = readSymbolicString(p.GatewayId, 'GatewayId');
    if (typeof gw !== 'string') return { ...base, target: 'other', description: `${dest} → gateway ${show(p.GatewayId)}` };
    const igw = index.byRef(TYPES.internetGateway, gw).sure[0];
    if (igw || /^igw-/.test(gw)) return { ...base, target: 'internet-gateway', description: `${dest} → internet gateway ${igw?.location ?? gw}` };
    if (gw === 'local') return { ...base, target: 'ignored', description: `${dest} → local` };
    return { ...base, target: 'other', description: `${dest} → gateway ${index.byRef(TYPES.vpnGateway, gw).sure[0]?.location ?? show(gw)}` };
  }
  // IPv6 only: it never carries the IPv4 traffic of the SDK's default S3 endpoint.
  if (p.EgressOnlyInternetGatewayId !== undefined) {
    return { ...base, scope: 'none', target: 'egress-only-internet-gateway', description: `${dest} → egress-only internet gateway ${show(p.EgressOnlyInternetGatewayId)}` };
  }
  const other = ['TransitGatewayId', 'NetworkInterfaceId', 'InstanceId', 'VpcPeeringConnectionId', 'VpcEndpointId', 'CarrierGatewayId', 'LocalGatewayId', 'CoreNetworkArn']
    .find((k) => p[k] !== undefined);
  return { ...base, target: 'other', description: `${dest} → ${other ?? 'an unknown target'} ${other ? show(p[other]) : ''}`.trim() };
}

// ---------------------------------------------------------------------------------------------------------
// S3 VPC endpoints
// ---------------------------------------------------------------------------------------------------------

export interface S3Endpoint {
  readonly location: string;
  /** The endpoint ID (its Ref): what `aws:SourceVpce` carries. */
  readonly id: string;
  readonly kind: 'Gateway' | 'Interface';
  readonly vpcId: string | Unresolved;
  /** Gateway: the route tables it adds the S3 prefix-list route to. */
  readonly routeTableIds: string[] | Unresolved;
  /**
   * Interface: whether the SDK's default S3 hostname resolves to it from inside the VPC. 'unspecified': private
   * DNS is on and the template does not say whether only for inbound resolvers (see `servesVpcDns`).
   */
  readonly servesVpcDns: boolean | 'unspecified' | Unresolved;
  /** The endpoint policy; undefined means the default policy, which allows everything. */
  readonly policyDocument?: unknown;
  /** The account that owns it (its stack's), when known: what `aws:VpceAccount` carries. */
  readonly account?: string;
  /** Whether it serves `region` (same-region S3 only): 'unknown' when the regions are not known. */
  readonly regionMatch: 'true' | 'false' | 'unknown';
  /** 'maybe' when its ServiceName is not known: it might be an S3 endpoint. */
  readonly certainty: 'sure' | 'maybe';
}

const S3_SERVICE = /^com\.amazonaws\.(.+)\.s3$/;

/** A service name whose known ending is not `.s3` (`com.amazonaws.<region>.dynamodb`) names another service. */
function endsWithOtherService(service: string): boolean {
  const parts = parseSymbolic(service);
  const last = parts[parts.length - 1];
  return last !== undefined && 'literal' in last && !last.literal.endsWith('.s3');
}

/**
 * The S3 endpoints of the app. `region` is the region of the bucket written to (a literal or atom); an S3
 * endpoint serves only its own region's S3 [VPC User Guide, "Gateway endpoints for Amazon S3"].
 */
export function s3Endpoints(index: NetworkIndex, region: string | undefined): S3Endpoint[] {
  const out: S3Endpoint[] = [];
  for (const ep of index.of(TYPES.endpoint)) {
    const p = propsOf(ep);
    const service = readSymbolicString(p.ServiceName, 'ServiceName');
    let certainty: 'sure' | 'maybe' = 'sure';
    let regionMatch: 'true' | 'false' | 'unknown' = 'unknown';
    const m = typeof service === 'string' ? S3_SERVICE.exec(service) : null;
    if (m) {
      regionMatch = region === undefined ? 'true' : sameValue(m[1], region);
    } else if (typeof service === 'string' && endsWithOtherService(service)) {
      continue;
    } else {
      certainty = 'maybe';
    }
    if (regionMatch === 'false') continue;
    const typeText = readLiteralString(p.VpcEndpointType, 'VpcEndpointType') ?? 'Gateway';
    if (isUnresolved(typeText)) certainty = 'maybe';
    const kind = typeText === 'Interface' ? 'Interface' : 'Gateway';
    if (typeof typeText === 'string' && typeText !== 'Interface' && typeText !== 'Gateway') continue;
    out.push({
      location: ep.location,
      id: ep.ref,
      account: ep.account,
      kind,
      vpcId: readSymbolicString(p.VpcId, `VpcId of ${ep.location}`) ?? { unresolved: `${ep.location} has no VpcId` },
      routeTableIds: readStringList(p.RouteTableIds, `RouteTableIds of ${ep.location}`) ?? [],
      servesVpcDns: kind === 'Interface' ? servesVpcDns(p, ep.location) : false,
      // Only an absent PolicyDocument is the default full-access policy; `null` is a document that cannot be read.
      policyDocument: p.PolicyDocument,
      regionMatch,
      certainty,
    });
  }
  return out;
}

/**
 * An S3 interface endpoint takes the VPC's own traffic only with private DNS on, and not when private DNS is
 * limited to inbound resolver endpoints — then in-VPC requests use the gateway endpoint [S3 User Guide, "AWS
 * PrivateLink for Amazon S3", private DNS; EC2 DnsOptionsSpecification]. When the limit is not stated the
 * answer depends on whether the VPC also has a gateway endpoint, which the caller decides ('unspecified').
 */
function servesVpcDns(p: Record<string, unknown>, where: string): boolean | 'unspecified' | Unresolved {
  const privateDns = readBoolean(p.PrivateDnsEnabled, `PrivateDnsEnabled of ${where}`);
  if (isUnresolved(privateDns)) return privateDns;
  if (privateDns !== true) return false;
  const dns = isRecord(p.DnsOptions) ? p.DnsOptions : {};
  const only = readLiteralString(dns.PrivateDnsOnlyForInboundResolverEndpoint, `DnsOptions of ${where}`);
  if (isUnresolved(only)) return only;
  if (only === 'OnlyInboundResolver' || only === 'true') return false;
  if (only === 'AllResolvers' || only === 'false') return true;
  return 'unspecified';
}
