import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteAccessChecker, WriteVerdict } from '../../../src/checker';
import { codesOf, denyPutObjectUnless, findingFor, newApp, synthChecked, writerFunction } from '../../support/harness';

// The network path: a function in a VPC reaches S3 only through an S3 endpoint or a NAT gateway; through a gateway
// endpoint, the endpoint policy is one more layer and aws:SourceVpce is set
// (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html,
// https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html).

interface Options {
  readonly endpoint: boolean;
  /** Restrict the endpoint policy to another bucket. */
  readonly endpointOnlyOtherBucket?: boolean;
  /** The bucket denies writes that do not come through the VPC's endpoint. */
  readonly bucketRequiresEndpoint?: boolean;
  /** Put the function in the VPC (isolated subnets: no NAT). */
  readonly inVpc?: boolean;
}

function app(options: Options) {
  const a = newApp();
  const stack = new Stack(a, 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    natGateways: 0, maxAzs: 1, subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
  const bucket = new s3.Bucket(stack, 'Bucket');
  const endpoint = options.endpoint ? vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 }) : undefined;
  if (endpoint && options.endpointOnlyOtherBucket) {
    endpoint.addToPolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()], actions: ['s3:*'], resources: ['arn:aws:s3:::some-other-bucket/*'],
    }));
  }
  if (endpoint && options.bucketRequiresEndpoint) {
    denyPutObjectUnless(bucket, { StringNotEquals: { 'aws:SourceVpce': endpoint.vpcEndpointId } }, 'OnlyThroughTheEndpoint');
  }
  const fn = writerFunction(stack, 'Fn', options.inVpc === false ? {} : { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
  bucket.grantPut(fn);
  WriteAccessChecker.expectWrite(fn, bucket);
  return { app: a, fn, bucket };
}

describe('NETWORK_PATH', () => {
  test('a function in isolated subnets with no S3 endpoint cannot reach S3: DENY', () => {
    const { app: a, fn, bucket } = app({ endpoint: false });
    const finding = findingFor(synthChecked(a).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('NETWORK_PATH');
  });

  test('twin: an S3 gateway endpoint in the VPC → ALLOW', () => {
    const { app: a, fn, bucket } = app({ endpoint: true });
    expect(findingFor(synthChecked(a).checker, fn, bucket).verdict).toBe(WriteVerdict.ALLOW);
  });

  test('a bucket that requires its VPC endpoint (aws:SourceVpce): a function outside the VPC is DENIED', () => {
    const { app: a, fn, bucket } = app({ endpoint: true, bucketRequiresEndpoint: true, inVpc: false });
    const finding = findingFor(synthChecked(a).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('NETWORK_PATH');
  });

  test('twin: the function in the VPC, through that endpoint → ALLOW', () => {
    const { app: a, fn, bucket } = app({ endpoint: true, bucketRequiresEndpoint: true });
    expect(findingFor(synthChecked(a).checker, fn, bucket).verdict).toBe(WriteVerdict.ALLOW);
  });
});

describe('VPC_ENDPOINT_POLICY', () => {
  test('the endpoint policy allows only another bucket: DENY', () => {
    const { app: a, fn, bucket } = app({ endpoint: true, endpointOnlyOtherBucket: true });
    const finding = findingFor(synthChecked(a).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('VPC_ENDPOINT_POLICY');
  });
});
