import { expectWellFormed, OPAQUE } from './fixtures';
import { AccessPointGateInput, checkAccessPoint, SubnetPath } from '../../../src/analysis/gates';
import { worst } from '../../../src/analysis/step-outcome';
import { atom } from '../../../src/iam/symbolic';

const BUCKET = atom('generated', 'Stack/Bucket.Ref');
const VPC = atom('generated', 'Stack/Vpc.Ref');
const AP_POLICY = { Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:role/r' }, Action: 's3:PutObject', Resource: '*' }] };
const AP_ARN = 'arn:aws:s3:us-east-1:111111111111:accesspoint/ingest-ap';

function input(apProps: Record<string, unknown> = {}, more: Partial<AccessPointGateInput> = {}): AccessPointGateInput {
  return {
    accessPoint: 'Stack/Ap',
    accessPoints: [{ location: 'Stack/Ap', type: 'AWS::S3::AccessPoint', properties: { Bucket: BUCKET, Name: 'ingest-ap', Policy: AP_POLICY, ...apProps } }],
    bucket: { location: 'Stack/Bucket/Resource', name: BUCKET },
    keyPattern: 'incoming/*',
    region: 'us-east-1',
    account: '111111111111',
    ...more,
  };
}

function subnet(path: SubnetPath['path'], endpointVpc?: string): SubnetPath {
  return {
    subnetId: 's',
    location: `Stack/Subnet-${path}`,
    path,
    reason: path,
    context: {},
    absentKeys: [],
    endpoint: endpointVpc ? { location: 'Stack/S3Gw', id: 'vpce-1', kind: 'Gateway', vpcId: endpointVpc } : undefined,
  };
}
const network = (...subnets: SubnetPath[]) => ({ path: subnets.length === 1 ? subnets[0].path : 'mixed' as const, subnets });

// S3 User Guide, "Configuring IAM policies for using access points": both the access point and the bucket must allow.
describe('the two authorizations of a write through an access point', () => {
  test('access point policy on the access point object ARN, bucket policy on the object ARN with s3:DataAccessPoint* keys', () => {
    const r = checkAccessPoint(input());
    expect(r.accessPointArn).toBe(AP_ARN);
    expect(r.authorizations.map((a) => [a.layer, a.resource, a.code])).toEqual([
      ['access-point', `${AP_ARN}/object/incoming/*`, 'ACCESS_POINT_POLICY'],
      ['bucket', `arn:aws:s3:::${BUCKET}/incoming/*`, 'BUCKET_POLICY_DENY'],
    ]);
    expect(r.authorizations[0].policy).toEqual({ location: 'Stack/Ap', document: AP_POLICY });
    expect(r.authorizations[1].policy).toBeUndefined();
    expect(r.authorizations[1].context).toEqual({
      's3:DataAccessPointArn': AP_ARN, 's3:DataAccessPointAccount': '111111111111', 's3:AccessPointNetworkOrigin': 'Internet',
    });
    expect(r.authorizations[1].fix).toContain('s3:DataAccessPointAccount');
    expect(worst(r.outcomes)).toBe('pass');
  });

  test('no access point policy: null (only identity policies can grant)', () => {
    expect(checkAccessPoint(input({ Policy: undefined })).authorizations[0].policy).toBeNull();
  });

  test('the resolved GetAtt Arn is used when given; a cross-account bucket keeps its own account', () => {
    const arn = atom('generated', 'Stack/Ap.Arn');
    const ap = { location: 'Stack/Ap', properties: { Bucket: BUCKET, BucketAccountId: '222222222222' }, arn };
    const r = checkAccessPoint({ ...input(), accessPoints: [ap] });
    expect(r.accessPointArn).toBe(arn);
    expect(r.authorizations[1].resourceAccount).toBe('222222222222');
    expect(r.authorizations[0].resourceAccount).toBe('111111111111');
  });

  test('named by ARN: matched to the access point of the app by its Name', () => {
    expect(checkAccessPoint({ ...input(), accessPoint: AP_ARN }).authorizations[0].policy).toEqual({ location: 'Stack/Ap', document: AP_POLICY });
  });

  test('an access point outside the app: both authorizations, its policy unknown', () => {
    const r = checkAccessPoint({ ...input(), accessPoint: 'arn:aws:s3:us-east-1:333333333333:accesspoint/theirs' });
    expect(r.authorizations[0].policy).toEqual({ unknown: expect.stringContaining('not in the app') });
    expect(r.authorizations[0].context['s3:DataAccessPointAccount']).toBe('333333333333');
    expect(worst(r.outcomes)).toBe('unknown');
  });
});

// S3 User Guide, "Creating access points restricted to a virtual private cloud".
describe('VPC network origin', () => {
  const vpcOrigin = { VpcConfiguration: { VpcId: VPC } };
  test.each([
    ['through an S3 endpoint of that VPC', network(subnet('gateway-endpoint', VPC)), 'pass'],
    ['through a NAT gateway', network(subnet('nat')), 'deny'],
    ['over the internet (no VPC)', network(subnet('internet')), 'deny'],
    ['through an endpoint of another VPC', network(subnet('gateway-endpoint', atom('generated', 'Stack/Other.Ref'))), 'deny'],
    ['through an endpoint whose VPC is not known', network(subnet('gateway-endpoint', OPAQUE)), 'unknown'],
    ['one subnet via the endpoint, one via NAT', network(subnet('gateway-endpoint', VPC), subnet('nat')), 'conditional'],
    ['network path not given', undefined, 'unknown'],
  ])('%s', (_name, net, expected) => {
    const r = checkAccessPoint(input(vpcOrigin, { network: net }));
    const origin = r.outcomes.filter((o) => o.code === 'NETWORK_PATH');
    expect(worst(origin)).toBe(expected);
    expectWellFormed(r.outcomes);
  });

  test('internet-origin twin: the same NAT path passes', () => {
    const r = checkAccessPoint(input({}, { network: network(subnet('nat')) }));
    expect(r.outcomes.some((o) => o.code === 'NETWORK_PATH')).toBe(false);
  });

  test('the deny names the access point and its VPC; the context says VPC origin', () => {
    const r = checkAccessPoint(input(vpcOrigin, { network: network(subnet('nat')) }));
    const deny = r.outcomes.find((o) => o.result === 'deny')!;
    expect(deny.location).toBe('Stack/Ap');
    expect(deny.reason).toContain('VpcConfiguration.VpcId');
    expect(deny.fix).toContain('VpcConfiguration');
    expect(r.authorizations[0].context['s3:AccessPointNetworkOrigin']).toBe('VPC');
  });
});

describe('access point Block Public Access', () => {
  test.each([
    ['no configuration: all on for an access point', {}, 'deny'],
    ['BlockPublicAcls off', { PublicAccessBlockConfiguration: { BlockPublicAcls: false } }, 'pass'],
  ])('%s', (_name, props, expected) => {
    const r = checkAccessPoint(input(props, { acl: 'public-read' }));
    expect(worst(r.outcomes.filter((o) => o.code === 'BLOCK_PUBLIC_ACCESS'))).toBe(expected);
  });

  test('a private ACL is not checked', () => {
    expect(checkAccessPoint(input({}, { acl: 'bucket-owner-full-control' })).outcomes.some((o) => o.code === 'BLOCK_PUBLIC_ACCESS')).toBe(false);
  });
});

describe('robustness', () => {
  test('access point of another bucket → unknown', () => {
    const r = checkAccessPoint(input({ Bucket: 'someone-elses' }));
    expect(r.outcomes.find((o) => o.result === 'unknown')?.reason).toContain('someone-elses');
  });

  test.each([
    ['no such construct path', { accessPoint: 'Stack/Nope' }],
    ['an access point alias', { accessPoint: 'ingest-ap-abc123-s3alias' }],
    ['empty', { accessPoint: '' }],
  ])('%s → unknown, no authorizations', (_name, more) => {
    const r = checkAccessPoint({ ...input(), ...more });
    expect(r.authorizations).toEqual([]);
    expect(worst(r.outcomes)).toBe('unknown');
  });

  test('directory bucket access point → out of scope', () => {
    const r = checkAccessPoint({ ...input(), accessPoints: [{ location: 'Stack/Ap', type: 'AWS::S3Express::AccessPoint', properties: {} }] });
    expect(r.outcomes[0].reason).toContain('out of scope');
  });

  test('no name and no ARN → unknown; unreadable VpcConfiguration → unknown; garbage never throws', () => {
    expect(worst(checkAccessPoint({ ...input(), accessPoints: [{ location: 'Stack/Ap', properties: {} }] }).outcomes)).toBe('unknown');
    expect(worst(checkAccessPoint(input({ VpcConfiguration: 'x' })).outcomes)).toBe('unknown');
    expect(worst(checkAccessPoint(undefined as any).outcomes)).toBe('unknown');
    expect(() => checkAccessPoint({ ...input(), accessPoints: [null, 3] as any })).not.toThrow();
  });
});
