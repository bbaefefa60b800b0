import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';

// A VPC with NAT, an S3 gateway endpoint and an S3 interface endpoint WITHOUT private DNS; three buckets with
// endpoint perimeters. Imports only aws-cdk-lib (see perimeter-app.ts). The AZ lookup is answered from context.
//
// Routing (VPC User Guide, "Gateway endpoints for Amazon S3"; PrivateLink Guide, "Interface endpoints for Amazon S3"):
// the SDK's default endpoint s3.us-east-1.amazonaws.com resolves to public S3 addresses; the gateway endpoint's
// prefix-list route is more specific than the NAT default route, so traffic takes the gateway endpoint. Without
// private DNS, the interface endpoint is used only by code that names its endpoint-specific DNS name.

const ENV = { account: '111111111111', region: 'us-east-1' };

export function buildEndpointApp(app: App): void {
  // What `cdk context` would hold after a lookup: synth then needs no credentials.
  app.node.setContext(`availability-zones:account=${ENV.account}:region=${ENV.region}`, ['us-east-1a', 'us-east-1b']);
  const stack = new Stack(app, 'Endpoints', { env: ENV });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const gateway = vpc.addGatewayEndpoint('S3Gateway', { service: ec2.GatewayVpcEndpointAwsService.S3 });
  const iface = vpc.addInterfaceEndpoint('S3Interface', { service: ec2.InterfaceVpcEndpointAwsService.S3, privateDnsEnabled: false });

  const perimeter = (id: string, conditions: Record<string, unknown>) => {
    const bucket = new s3.Bucket(stack, id, { enforceSSL: true });
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: `${id}Perimeter`, effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')], conditions,
    }));
    const fn = new lambda.Function(stack, `${id}Writer`, {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    });
    bucket.grantPut(fn);
  };
  perimeter('ViaGateway', { StringNotEquals: { 'aws:SourceVpce': gateway.vpcEndpointId } });
  perimeter('ViaInterface', { StringNotEquals: { 'aws:SourceVpce': iface.vpcEndpointId } });
  // IAM User Guide, global keys: aws:VpceAccount is the account that owns the endpoint the request passes through.
  perimeter('OwnEndpoints', { StringNotEqualsIfExists: { 'aws:VpceAccount': ENV.account } });
}

if (require.main === module) {
  const app = new App();
  buildEndpointApp(app);
  app.synth();
}
