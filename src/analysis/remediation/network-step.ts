import { Need, StepTarget } from './types';
import { isRecord, ResourceEntry } from '../cfn/assembly-index';
import { WriteIntent } from '../intents/types';

/**
 * A function in a VPC whose subnets have no route to S3 (no S3 endpoint, no NAT): the least change is an S3 gateway
 * endpoint on the route tables of those subnets. A gateway endpoint adds a route to S3's prefix list to each route
 * table it names, so the function's requests reach S3 without a NAT or an internet route, and it costs nothing
 * (Amazon VPC User Guide, "Gateway endpoints for Amazon S3",
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html). It serves only its own region: when
 * the bucket is in another, the re-check does not pass and the finding stays unverified.
 *
 * Read from the templates as written, so the new resource uses the same intrinsics (`Ref` of the route tables and
 * of the VPC). Nothing is proposed when a subnet, its route table association or its VPC is not a resource of the
 * function's own template (an imported VPC): the reason of the finding then says what to add.
 */
export function gatewayEndpointNeeds(intent: WriteIntent, resources: readonly ResourceEntry[]): Need[] {
  const fn = intent.fn.entry;
  const templatePath = fn.stack.templatePath;
  const here = resources.filter((e) => e.stack.templatePath === templatePath);
  const props = (e: ResourceEntry): Record<string, unknown> => (isRecord(e.raw.Properties) ? e.raw.Properties : {});
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const vpcConfig = props(fn).VpcConfig;
  const subnetIds = isRecord(vpcConfig) ? vpcConfig.SubnetIds : undefined;
  if (!Array.isArray(subnetIds) || subnetIds.length === 0) return [];

  // Per VPC (as written), the route tables of the function's subnets.
  const byVpc = new Map<string, { vpcId: unknown; tables: unknown[] }>();
  for (const id of subnetIds) {
    const subnet = isRecord(id) && typeof id.Ref === 'string' ? here.find((e) => e.logicalId === id.Ref && e.type === 'AWS::EC2::Subnet') : undefined;
    if (!subnet) return [];
    const associations = here.filter((e) => e.type === 'AWS::EC2::SubnetRouteTableAssociation' && same(props(e).SubnetId, id));
    if (associations.length !== 1) return [];
    const table = props(associations[0]).RouteTableId;
    const vpcId = props(subnet).VpcId;
    if (table === undefined || vpcId === undefined) return [];
    const group = byVpc.get(JSON.stringify(vpcId)) ?? { vpcId, tables: [] };
    if (!group.tables.some((t) => same(t, table))) group.tables.push(table);
    byVpc.set(JSON.stringify(vpcId), group);
  }

  const gateways = here.filter((e) => e.type === 'AWS::EC2::VPCEndpoint' && props(e).VpcEndpointType === 'Gateway' && isS3Service(props(e).ServiceName));
  const needs: Need[] = [];
  for (const { vpcId, tables } of byVpc.values()) {
    // A route table can have one gateway endpoint per service: tables already on one are left as they are.
    const listed = (e: ResourceEntry) => (Array.isArray(props(e).RouteTableIds) ? props(e).RouteTableIds as unknown[] : []);
    const missing = tables.filter((t) => !gateways.some((g) => listed(g).some((l) => same(l, t))));
    if (missing.length === 0) continue;
    const vpcEntry = isRecord(vpcId) && typeof vpcId.Ref === 'string' ? here.find((e) => e.logicalId === vpcId.Ref) : undefined;
    const vpcName = vpcEntry?.display ?? JSON.stringify(vpcId);
    const existing = gateways.find((g) => same(props(g).VpcId, vpcId));
    if (existing) {
      needs.push({
        kind: 'setting',
        target: { path: existing.display, templatePath, logicalId: existing.logicalId },
        property: 'Properties/RouteTableIds',
        value: [...listed(existing), ...missing],
        // The CDK's gateway endpoint covers the subnets its `subnets` selections name (all, when not given): the
        // function's subnets (isolated ones, as they have no NAT) join those selections.
        cdk: 'vpc.addGatewayEndpoint(\'S3\', { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] })',
        why: `The route tables of ${intent.fn.display}'s subnets have no route to S3: add them to the S3 gateway endpoint ${existing.display} of VPC ${vpcName} `
          + '(in the CDK, add the function\'s subnets to the `subnets` selections of that endpoint)',
      });
      continue;
    }
    const logicalId = newLogicalId(`${vpcEntry?.logicalId ?? 'Vpc'}S3GatewayEndpoint`, here);
    const target: StepTarget = { path: vpcEntry ? `${vpcEntry.display}/S3` : `${fn.stack.stackName}/${logicalId}`, templatePath, logicalId };
    needs.push({
      kind: 'resource',
      target,
      resource: {
        Type: 'AWS::EC2::VPCEndpoint',
        Properties: {
          // What the CDK writes for GatewayVpcEndpointAwsService.S3: the service of the stack's own region.
          ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
          VpcEndpointType: 'Gateway',
          VpcId: vpcId,
          RouteTableIds: missing,
        },
      },
      cdk: 'vpc.addGatewayEndpoint(\'S3\', { service: ec2.GatewayVpcEndpointAwsService.S3 })',
      why: `${intent.fn.display} is in subnets of VPC ${vpcName} whose route tables have no route to S3 (no S3 endpoint, no NAT): an S3 gateway endpoint on those route tables gives the function a path to S3`,
    });
  }
  return needs;
}

/** `com.amazonaws.<region>.s3`, literal or as the CDK joins it with `AWS::Region`. */
function isS3Service(name: unknown): boolean {
  if (typeof name === 'string') return /^com\.amazonaws\.[^.]+\.s3$/.test(name);
  const join = isRecord(name) ? name['Fn::Join'] : undefined;
  if (!Array.isArray(join) || !Array.isArray(join[1])) return false;
  const parts = join[1];
  return parts[0] === 'com.amazonaws.' && parts[parts.length - 1] === '.s3';
}

function newLogicalId(base: string, resources: readonly ResourceEntry[]): string {
  let id = base;
  for (let n = 2; resources.some((e) => e.logicalId === id); n++) id = `${base}${n}`;
  return id;
}
