import { CASES } from './support/cases';
import { recheck } from './support/recheck';
import { analyzeAssembly } from '../../src/analysis/analyze';
import { StackTemplate } from '../../src/analysis/input';
import { Finding } from '../../src/analysis/report';
import { RemediationStepKind } from '../../src/checker/findings';
import { toPublicFinding } from '../../src/checker/public-finding';
import { formatFix } from '../../src/cli/format/fix';
import { ACCOUNT, analyze, app, bucket, declared, fn, IN_VPC, Json, resource, stack, vpcWithS3GatewayEndpoint } from '../analysis/support/app';

// NETWORK_PATH: a function in a VPC whose subnet's route table has no route to S3 (no S3 endpoint, no NAT). The least
// fix is an S3 gateway endpoint on that route table (Amazon VPC User Guide, "Gateway endpoints for Amazon S3",
// https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html): an ADD_RESOURCE step, re-checked ALLOW.

function withoutEndpoint(): Json {
  const { S3Endpoint: _endpoint, ...rest } = vpcWithS3GatewayEndpoint();
  return rest;
}
const noRoute = (extra: Json = {}) => [stack(app({ Fn: fn('FnRole', IN_VPC, [declared()]), ...withoutEndpoint(), ...extra }))];

function networkFinding(stacks: StackTemplate[]): Finding {
  const f = analyze(stacks).find(x => x.causes.some(c => c.code === 'NETWORK_PATH'));
  if (!f) throw new Error('no NETWORK_PATH finding');
  return f;
}

describe('ADD_RESOURCE: an S3 gateway endpoint for subnets with no route to S3', () => {
  test('DENY NETWORK_PATH; the step creates a gateway endpoint on the subnet\'s route table, with the template\'s Refs', () => {
    const stacks = noRoute();
    const f = networkFinding(stacks);
    expect(f.verdict).toBe('DENY');
    expect(f.remediation?.steps).toEqual([expect.objectContaining({
      kind: 'ADD_RESOURCE',
      target: { path: 'Stack/Vpc/S3', templatePath: 'Stack.template.json', logicalId: 'VpcS3GatewayEndpoint' },
      resource: {
        Type: 'AWS::EC2::VPCEndpoint',
        Properties: {
          ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
          VpcEndpointType: 'Gateway',
          VpcId: { Ref: 'Vpc' },
          RouteTableIds: [{ Ref: 'Rt' }],
        },
      },
      cdk: 'vpc.addGatewayEndpoint(\'S3\', { service: ec2.GatewayVpcEndpointAwsService.S3 })',
    })]);
    expect(f.remediation?.verified).toBe(true);
    expect(recheck(stacks, f).verdict).toBe('ALLOW');
  });

  test('twin: the same app with the gateway endpoint written by hand is ALLOW', () => {
    expect(analyze([stack(app({ Fn: fn('FnRole', IN_VPC, [declared()]), ...vpcWithS3GatewayEndpoint() }))])[0].verdict).toBe('ALLOW');
  });

  test('the new logical ID never overwrites a resource of the app', () => {
    const stacks = noRoute({ VpcS3GatewayEndpoint: resource('AWS::SNS::Topic', {}, 'Stack/Topic/Resource') });
    const f = networkFinding(stacks);
    const step = f.remediation?.steps[0];
    expect(step).toMatchObject({ kind: 'ADD_RESOURCE', target: { logicalId: 'VpcS3GatewayEndpoint2' } });
    expect(recheck(stacks, f).verdict).toBe('ALLOW');
  });

  test('an S3 interface endpoint without private DNS (CONDITIONAL: the code must use its DNS name): the gateway endpoint passes for the default hostname', () => {
    const stacks = noRoute({
      S3If: resource('AWS::EC2::VPCEndpoint', {
        ServiceName: 'com.amazonaws.eu-west-1.s3', VpcId: { Ref: 'Vpc' }, VpcEndpointType: 'Interface', SubnetIds: [{ Ref: 'Subnet' }], PrivateDnsEnabled: false,
      }, 'Stack/Vpc/S3If/Resource'),
    });
    const f = networkFinding(stacks);
    expect(f.verdict).toBe('CONDITIONAL');
    expect(f.remediation?.steps.map(s => s.kind)).toEqual(['ADD_RESOURCE']);
    expect(f.remediation?.verified).toBe(true);
    expect(recheck(stacks, f).verdict).toBe('ALLOW');
  });

  test('the VPC already has an S3 gateway endpoint: the route table is added to it (SETTING), no second endpoint', () => {
    const c = CASES.filter(x => x.code === 'NETWORK_PATH')[1];
    const f = networkFinding(c.stacks);
    expect(f.remediation?.steps).toEqual([expect.objectContaining({
      kind: 'SETTING', target: expect.objectContaining({ logicalId: 'S3Endpoint' }), property: 'Properties/RouteTableIds', value: [{ Ref: 'Rt' }, { Ref: 'Rt2' }],
    })]);
  });

  test('a bucket in another region: a gateway endpoint serves only its own region, so the step is not verified', () => {
    const stacks = [
      stack(app({
        Bucket: undefined,
        Fn: fn('FnRole', IN_VPC, [declared({}, '', { constructPath: 'Far/Bucket' })]),
        FnPolicy: resource('AWS::IAM::Policy', {
          PolicyName: 'p',
          Roles: [{ Ref: 'FnRole' }],
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::far-bucket/*' }] },
        }, 'Stack/Fn/ServiceRole/DefaultPolicy/Resource'),
        ...withoutEndpoint(),
      })),
      stack({ Bucket: bucket({ BucketName: 'far-bucket' }, 'Far/Bucket/Resource') }, { artifactId: 'Far', stackName: 'Far', templatePath: 'Far.template.json', account: ACCOUNT, region: 'us-east-1' }),
    ];
    const f = networkFinding(stacks);
    expect(f.verdict).not.toBe('ALLOW');
    expect(f.remediation?.verified).toBe(false);
  });

  test('the public finding names the kind; --fix groups it as a resource to create', () => {
    const stacks = noRoute();
    const f = networkFinding(stacks);
    const pub = toPublicFinding(f);
    expect(pub.remediation?.steps[0].kind).toBe(RemediationStepKind.ADD_RESOURCE);
    expect(pub.remediation?.steps[0].resource).toMatchObject({ Type: 'AWS::EC2::VPCEndpoint' });
    const fix = JSON.parse(formatFix(analyzeAssembly({ stacks })).join(''));
    expect(fix.changes).toEqual([expect.objectContaining({
      change: 'resource', target: expect.objectContaining({ logicalId: 'VpcS3GatewayEndpoint' }), steps: [expect.objectContaining({ verified: true })],
    })]);
  });
});
