/**
 * Gate 4: the network path a function's S3 request takes, and the context keys that path sets.
 *
 * A function outside a VPC reaches S3 over the internet from a public IP of the Lambda service. In a VPC, its
 * ENI has no public IP (even in a public subnet), so S3 is reached through an S3 VPC endpoint or a NAT gateway,
 * or not at all and the call times out [Lambda Developer Guide, "Giving Lambda functions access to resources in
 * an Amazon VPC" and "Enable internet access for VPC-connected Lambda functions"]. Through an endpoint,
 * `aws:SourceVpce` and `aws:SourceVpc` are present and `aws:SourceIp` is absent [IAM User Guide, global condition
 * keys]; the endpoint's policy is then one more layer (VPC_ENDPOINT_POLICY).
 */
import { GateOutcome, guardGate } from './gate';
import { describeRoute, NetworkIndex, NetworkResource, propsOf, S3Endpoint, s3Endpoints, TYPES } from './network-resources';
import { isRecord, isUnresolved, readStringList, readSymbolicString, sameValue, show } from './values';
import { ContextValue } from '../../iam/model';

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

export type NetworkPath = 'internet' | 'gateway-endpoint' | 'interface-endpoint' | 'nat' | 'none' | 'mixed' | 'unknown';

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
  /** Where to fix it, when it is 'none'. */
  readonly fix?: string;
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
const NETWORK_KEYS = ['aws:SourceIp', ...VPC_KEYS];

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
  const paths = [...new Set(ids)].map((id) => subnetPath(index, endpoints, id, fn));
  return combine(paths, fn);
}

// ---------------------------------------------------------------------------------------------------------
// One subnet
// ---------------------------------------------------------------------------------------------------------

function subnetPath(index: NetworkIndex, endpoints: S3Endpoint[], subnetId: string, fn: string): SubnetPath {
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
  const vpcInApp = index.byRef(TYPES.vpc, vpcId).sure.length > 0;
  return endpointPath(endpoints, { subnetId, at, vpcId, rtId, rtName, fn })
    ?? routePath(index, endpoints, { subnetId, at, vpcId, rtId, rtName, fn }, vpcInApp);
}

interface SubnetFacts {
  readonly subnetId: string;
  readonly at: string;
  readonly vpcId: string;
  readonly rtId: string;
  readonly rtName: string;
  readonly fn: string;
}

function use(ep: S3Endpoint, vpcId: string): VpcEndpointUse {
  return { location: ep.location, id: ep.id, kind: ep.kind, vpcId, policyDocument: ep.policyDocument };
}

/** The endpoint path, if an S3 endpoint surely or possibly takes the subnet's traffic; undefined otherwise. */
function endpointPath(endpoints: S3Endpoint[], s: SubnetFacts): SubnetPath | undefined {
  const inVpc = endpoints.filter((e) => typeof e.vpcId !== 'string' || sameValue(e.vpcId, s.vpcId) !== 'false');
  const sureInVpc = (e: S3Endpoint) => e.certainty === 'sure' && e.regionMatch === 'true' && typeof e.vpcId === 'string' && sameValue(e.vpcId, s.vpcId) === 'true';
  const interfaces = inVpc.filter((e) => e.kind === 'Interface' && e.servesVpcDns !== false);
  const gateways = inVpc.filter((e) => e.kind === 'Gateway' && onRouteTable(e, s.rtId) !== 'false');
  const gatewayOnTable = gateways.find((e) => sureInVpc(e) && onRouteTable(e, s.rtId) === 'true');
  const anyGatewayInVpc = endpoints.some((e) => e.kind === 'Gateway' && typeof e.vpcId === 'string' && sameValue(e.vpcId, s.vpcId) !== 'false');

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
    reason: `${s.fn} in subnet ${s.at} reaches S3 through ${how}: aws:SourceVpce is ${show(ep.id)}, aws:SourceVpc is ${show(s.vpcId)}, ` +
      `aws:SourceIp is absent; ${ep.location}'s ${ep.policyDocument === undefined ? 'default policy (full access)' : 'policy'} is evaluated too`,
    context: {
      'aws:SourceVpce': ep.id,
      'aws:SourceVpc': s.vpcId,
      'aws:SourceVpcArn': { unknown: `the ARN of VPC ${show(s.vpcId)}` },
      'aws:VpcSourceIp': { unknown: `the private IP of ${s.fn}'s network interface` },
    },
    absentKeys: ['aws:SourceIp'],
  };
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
  const igwNote = target === 'internet-gateway'
    ? ` Its default route goes to an internet gateway (${defaults[0].description}), but a Lambda function's network interface has no public IP, so that route does not reach S3.`
    : '';
  const endpointNote = endpoints.length > 0 ? ` (the app's S3 endpoints ${endpoints.map((e) => e.location).join(', ')} are not on it)` : '';
  return {
    subnetId: s.subnetId,
    location: s.at,
    path: 'none',
    reason: `${s.fn} in subnet ${s.at} has no path to S3: route table ${s.rtName} has no S3 gateway endpoint${endpointNote}, the VPC has no S3 ` +
      `interface endpoint with private DNS, and there is no route to a NAT gateway; the PutObject call times out.${igwNote}`,
    fix: `Add an S3 gateway endpoint on route table ${s.rtName} (CDK: vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 })), ` +
      'or place the function in subnets with a NAT route (vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).',
    context: {},
    absentKeys: [],
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
  for (const key of NETWORK_KEYS) context[key] = { unknown: reason, mayBeAbsent: true };
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
  for (const key of NETWORK_KEYS) {
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
  if (path === 'mixed') {
    const blocked = paths.filter((p) => p.path === 'none');
    if (blocked.length > 0) {
      return blocked.map((p) => ({
        result: 'conditional' as const,
        code: 'NETWORK_PATH' as const,
        reason: `${p.reason} Other subnets of ${fn} do reach S3, so only invocations placed in ${at(p)} fail.`,
        fix: p.fix,
        location: at(p),
      }));
    }
    return [{
      result: 'pass',
      code: 'NETWORK_PATH',
      reason: `${fn}'s subnets reach S3 by different paths (${paths.map((p) => `${at(p)}: ${p.path}`).join('; ')}); network condition keys differ between invocations`,
      location: fn,
    }];
  }
  return [{ result: 'pass', code: 'NETWORK_PATH', reason: paths[0].reason, location: paths[0].location ?? fn }];
}
