import { AppProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { SecureLambdaWriter } from '../../src';
import { DESTROYABLE_BUCKET, writerIntegApp, WriterIntegApp } from './support/integ-app';
import { writerFunctionProps } from './support/writer-code';

/**
 * The function in isolated subnets (no NAT, no internet) reaching S3 through a gateway endpoint; the bucket policy
 * denies the writer's role any write that does not come through that endpoint (`aws:SourceVpce`). The write can only
 * succeed through the endpoint, so the object landing proves the network path.
 */
export function buildVpcEndpointApp(appProps?: AppProps): WriterIntegApp {
  return writerIntegApp({
    name: 'VpcEndpoint',
    build: (stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc', {
        maxAzs: 2,
        natGateways: 0,
        subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      });
      const endpoint = vpc.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3 });
      return new SecureLambdaWriter(stack, 'Writer', {
        functionProps: writerFunctionProps({ vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } }),
        bucketProps: DESTROYABLE_BUCKET,
        keyPrefix: 'private/',
        vpcEndpoint: endpoint,
      });
    },
    expectedHead: () => ({ ServerSideEncryption: 'AES256' }),
  }, appProps);
}

if (require.main === module) buildVpcEndpointApp().app.synth();
