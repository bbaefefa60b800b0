/**
 * The EC2 resources of the app that route a function's traffic to S3, as the model keeps them for the network
 * gate (gates/network-resources.ts reads them).
 */

/** One resource of the app, as the analysis resolved it. */
export interface NetworkResource {
  /** Construct path of the resource (or `Stack/LogicalId`). */
  readonly location: string;
  /** CloudFormation type, e.g. `AWS::EC2::Subnet`. Resources of other types are ignored. */
  readonly type: string;
  /**
   * Resolved Properties.
   * @default {}
   */
  readonly properties?: unknown;
  /**
   * What `{ "Ref": <this resource> }` resolves to elsewhere in the app — the same string the analysis puts where
   * another resource references this one (an atom for a generated ID, or the literal ID). This is how a subnet
   * ID in a function's VpcConfig is matched to the subnet resource.
   */
  readonly ref: string;
  /**
   * The account, region and partition of the resource's own stack: the owner of a VPC endpoint (`aws:VpceAccount`)
   * and the parts of a VPC's ARN (`aws:SourceVpcArn`).
   * @default undefined — not known
   */
  readonly account?: string;
  readonly region?: string;
  readonly partition?: string;
}

export const TYPES = {
  vpc: 'AWS::EC2::VPC',
  subnet: 'AWS::EC2::Subnet',
  association: 'AWS::EC2::SubnetRouteTableAssociation',
  route: 'AWS::EC2::Route',
  routeTable: 'AWS::EC2::RouteTable',
  natGateway: 'AWS::EC2::NatGateway',
  internetGateway: 'AWS::EC2::InternetGateway',
  vpnGateway: 'AWS::EC2::VPNGateway',
  endpoint: 'AWS::EC2::VPCEndpoint',
} as const;
