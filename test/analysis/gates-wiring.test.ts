import {
  ACCOUNT, analyze, app, bucket, bucketPolicy, codes, declared, fn, grantPut, identityPolicy, IN_VPC, objects, only, resource, stack, statement,
  vpcWithS3GatewayEndpoint,
} from './support/app';

// The S3 and network gates (src/analysis/gates, written separately) as they reach a finding: the worst outcome wins.

const withAcl = identityPolicy([grantPut(), statement('Allow', 's3:PutObjectAcl', objects())]);
const declaredFn = (request = {}, props = {}) => fn('FnRole', props, [declared(request)]);

describe('ACLs and Object Ownership', () => {
  test('a public ACL on a bucket with ACLs disabled (the default, BucketOwnerEnforced) is ACL_NOT_SUPPORTED', () => {
    const f = only(analyze(stack(app({ FnPolicy: withAcl, Fn: declaredFn({ acl: 'public-read' }) }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toContain('ACL_NOT_SUPPORTED');
  });

  test('bucket-owner-full-control is accepted', () => {
    expect(only(analyze(stack(app({ FnPolicy: withAcl, Fn: declaredFn({ acl: 'bucket-owner-full-control' }) })))).verdict).toBe('ALLOW');
  });
});

describe('network path (function in a VPC)', () => {
  const onlyThroughEndpoint = bucketPolicy([statement('Deny', 's3:PutObject', objects(), {
    Principal: '*', Sid: 'OnlyViaEndpoint', Condition: { StringNotEquals: { 'aws:SourceVpce': { Ref: 'S3Endpoint' } } },
  })]);

  test('a bucket policy that only admits the endpoint allows a function routed through it', () => {
    const f = only(analyze(stack(app({ ...vpcWithS3GatewayEndpoint(), BucketPolicy: onlyThroughEndpoint, Fn: declaredFn({}, IN_VPC) }))));
    expect(f.verdict).toBe('ALLOW');
    expect(f.notes).toContainEqual('network path: gateway-endpoint');
  });

  test('the same policy denies a function outside the VPC (no aws:SourceVpce)', () => {
    const f = only(analyze(stack(app({ ...vpcWithS3GatewayEndpoint(), BucketPolicy: onlyThroughEndpoint, Fn: declaredFn() }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['NETWORK_PATH']);
  });

  test('an endpoint policy that does not allow the write is VPC_ENDPOINT_POLICY', () => {
    const readOnly = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] };
    const f = only(analyze(stack(app({ ...vpcWithS3GatewayEndpoint(readOnly), Fn: declaredFn({}, IN_VPC) }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['VPC_ENDPOINT_POLICY']);
    const open = only(analyze(stack(app({ ...vpcWithS3GatewayEndpoint(), Fn: declaredFn({}, IN_VPC) }))));
    expect(open.verdict).toBe('ALLOW');
  });

  test('a subnet outside the app (imported VPC) leaves the path UNKNOWN, never DENY, where a policy tests the network', () => {
    const f = only(analyze(stack(app({ BucketPolicy: onlyThroughEndpoint, ...vpcWithS3GatewayEndpoint(), Fn: declaredFn({}, { VpcConfig: { SubnetIds: ['subnet-123'] } }) }))));
    expect(f.verdict).toBe('UNKNOWN');
    expect(codes(f)).toContain('NETWORK_PATH');
  });

  test('…and where no policy tests a network key, reaching S3 is assumed, with a note (as SCPs are)', () => {
    const f = only(analyze(stack(app({ ...vpcWithS3GatewayEndpoint(), Fn: declaredFn({}, { VpcConfig: { SubnetIds: ['subnet-123'] } }) }))));
    expect(f.verdict).toBe('ALLOW');
    expect(f.notes?.join('\n')).toMatch(/assumed: the function reaches S3 .*the call times out/);
  });
});

describe('S3 ABAC: bucket tags are in the context only while ABAC is enabled', () => {
  const tagged = (abac?: string) => bucket({ Tags: [{ Key: 'team', Value: 'ingest' }], ...(abac ? { AbacStatus: abac } : {}) });
  const grantByTag = identityPolicy([{ ...grantPut(), Condition: { StringEquals: { 'aws:ResourceTag/team': 'ingest' } } }]);
  test('ABAC enabled and the tag matches: ALLOW', () => {
    expect(only(analyze(stack(app({ Bucket: tagged('Enabled'), FnPolicy: grantByTag, Fn: declaredFn() })))).verdict).toBe('ALLOW');
  });
  test('ABAC off: the tag key is absent, the tag-gated grant grants nothing: DENY', () => {
    const f = only(analyze(stack(app({ Bucket: tagged(), FnPolicy: grantByTag, Fn: declaredFn() }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['NO_IDENTITY_ALLOW']);
    expect(f.causes[0].message).toMatch(/ABAC/);
  });
});

describe('writes through an access point (profile.accessPoint)', () => {
  const apObjects = `arn:aws:s3:eu-west-1:${ACCOUNT}:accesspoint/ingest/object/*`;
  const accessPoint = (policyStatements?: object[]) => resource('AWS::S3::AccessPoint', {
    Bucket: { Ref: 'Bucket' },
    Name: 'ingest',
    ...(policyStatements ? { Policy: { Version: '2012-10-17', Statement: policyStatements } } : {}),
  }, 'Stack/Ingest/Resource');
  const delegate = bucketPolicy([statement('Allow', 's3:*', objects(), {
    Principal: { AWS: '*' }, Condition: { StringEquals: { 's3:DataAccessPointAccount': ACCOUNT } },
  })]);
  const apApp = (apStatements?: object[]) => app({
    Ap: accessPoint(apStatements),
    BucketPolicy: delegate,
    FnPolicy: identityPolicy([statement('Allow', 's3:PutObject', apObjects)]),
    Fn: declaredFn({ accessPoint: 'Stack/Ingest' }),
  });

  test('identity grant on the access point, no access point policy, bucket delegating: ALLOW', () => {
    const f = only(analyze(stack(apApp())));
    expect(f.verdict).toBe('ALLOW');
  });

  test('without the bucket\'s delegation the bucket side is not conclusive: UNKNOWN, never DENY', () => {
    const f = only(analyze(stack(app({ ...apApp(), BucketPolicy: undefined }))));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes[0].message).toContain('access point');
  });

  test('an access point policy denying the write: ACCESS_POINT_POLICY', () => {
    const f = only(analyze(stack(apApp([statement('Deny', 's3:PutObject', `${apObjects}`, { Principal: '*', Sid: 'ReadOnlyAp' })]))));
    expect(f.verdict).toBe('DENY');
    expect(f.causes[0]).toMatchObject({ code: 'ACCESS_POINT_POLICY', statement: 'ReadOnlyAp' });
  });
});

describe('Object Lock headers', () => {
  const locked = bucket({ ObjectLockEnabled: true, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } });
  const putOnly = identityPolicy([statement('Allow', 's3:PutObject', objects())]);
  test('a retention header needs s3:PutObjectRetention: MISSING_OBJECT_LOCK_PERMISSION', () => {
    const f = only(analyze(stack(app({ Bucket: locked, FnPolicy: putOnly, Fn: declaredFn({ objectLockMode: 'GOVERNANCE' }) }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toContain('MISSING_OBJECT_LOCK_PERMISSION');
  });
  test('grantPut includes it: ALLOW', () => {
    expect(only(analyze(stack(app({ Bucket: locked, Fn: declaredFn({ objectLockMode: 'GOVERNANCE' }) })))).verdict).toBe('ALLOW');
  });
});

describe('aws:SourceIp for a function outside a VPC', () => {
  test('a Deny outside an IP range is CONDITIONAL on the network path (the Lambda public IP is not known)', () => {
    const ipRule = bucketPolicy([statement('Deny', 's3:PutObject', objects(), {
      Principal: '*', Sid: 'OfficeOnly', Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
    })]);
    const f = only(analyze(stack(app({ BucketPolicy: ipRule, Fn: declaredFn() }))));
    expect(f.verdict).toBe('CONDITIONAL');
    expect(codes(f)).toEqual(['NETWORK_PATH']);
    expect(f.causes[0].statement).toBe('OfficeOnly');
  });
});
