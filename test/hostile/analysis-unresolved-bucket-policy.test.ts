import {
  ACCOUNT, analyze, app, bucket, bucketPolicy, codes, declared, fn, identityPolicy, Json, objects, only, OTHER_ACCOUNT,
  resource, role, stack, statement,
} from '../analysis/support/app';

// GitHub issue #10, item 5: a bucket policy whose `Bucket` the templates do not resolve may be the policy of any
// bucket of its account. Its Deny must make the write UNKNOWN (naming the policy), never be dropped (false ALLOW),
// and never count as certain (false DENY). A policy whose Bucket is decidably another bucket changes nothing.

const denyAllWrites = statement('Deny', 's3:PutObject', '*', { Principal: '*', Sid: 'FreezeEverything' });

/** A bucket policy resource whose Bucket is `bucketValue`, denying every write. */
function policyOn(bucketValue: unknown, path = 'Stack/Freeze/Resource'): Json {
  return resource('AWS::S3::BucketPolicy', {
    Bucket: bucketValue, PolicyDocument: { Version: '2012-10-17', Statement: [denyAllWrites] },
  }, path);
}

/** What CDK writes for a value read from another region (`crossRegionReferences: true`). */
const exportsReader = resource('Custom::CrossRegionExportReader', {
  ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:reader', ReaderProps: { region: 'us-east-1' },
}, 'Stack/ExportsReader/Resource');

const writer = fn('FnRole', {}, [declared()]);

interface UnresolvedCase {
  readonly name: string;
  readonly bucketValue: unknown;
  readonly extraResources?: Json;
  readonly extra?: Json;
}

const unresolved: UnresolvedCase[] = [
  {
    name: 'a cross-region reference (custom-resource attribute)',
    bucketValue: { 'Fn::GetAtt': ['ExportsReader', '/cdk/exports/Stack/uswest1BucketName'] },
    extraResources: { ExportsReader: exportsReader },
  },
  { name: 'an Fn::ImportValue no stack of the assembly exports', bucketValue: { 'Fn::ImportValue': 'SharedBucketName' } },
  { name: 'a parameter without a default', bucketValue: { Ref: 'BucketName' }, extra: { Parameters: { BucketName: { Type: 'String' } } } },
  {
    name: 'an Fn::If on a condition the templates do not decide',
    bucketValue: { 'Fn::If': ['UseShared', { Ref: 'Bucket' }, 'shared-bucket'] },
    extra: {
      Parameters: { Env: { Type: 'String' } },
      Conditions: { UseShared: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
    },
  },
  { name: 'a value that is not a string (a list)', bucketValue: [{ Ref: 'Bucket' }] },
  { name: 'no Bucket at all', bucketValue: undefined },
];

describe.each(unresolved)('a bucket policy whose Bucket is $name', ({ bucketValue, extraResources, extra }) => {
  test('its Deny makes the write UNKNOWN, naming the policy, not ALLOW and not DENY', () => {
    const f = only(analyze(stack(app({ Fn: writer, Freeze: policyOn(bucketValue), ...extraResources }), { extra })));
    expect(f.verdict).toBe('UNKNOWN');
    expect(codes(f)).toEqual(['UNRESOLVED']);
    expect(f.causes[0]).toMatchObject({ location: 'Stack/Freeze', logicalId: 'Freeze', statement: 'FreezeEverything' });
    expect(f.causes[0].message).toContain('Stack/Freeze');
  });

  test('…and the write is inferred and judged the same way without a declared intent', () => {
    const f = only(analyze(stack(app({ Freeze: policyOn(bucketValue), ...extraResources }), { extra })));
    expect(f.verdict).toBe('UNKNOWN');
  });

  test('the same app without that policy is ALLOW', () => {
    expect(only(analyze(stack(app({ Fn: writer, ...extraResources }), { extra }))).verdict).toBe('ALLOW');
  });
});

describe('a bucket policy whose Bucket is decidably another bucket changes nothing', () => {
  test('two buckets, each with its own Deny-all policy: the write to the first is decided by its own policy only', () => {
    const f = only(analyze(stack(app({
      Fn: writer,
      Other: bucket({}, 'Stack/Other/Resource'),
      OtherPolicy: policyOn({ Ref: 'Other' }, 'Stack/Other/Policy/Resource'),
      BucketPolicy: bucketPolicy([statement('Deny', 's3:DeleteObject', objects(), { Principal: '*' })]),
    }))));
    expect(f.verdict).toBe('ALLOW');
    expect(f.notes?.join(' ') ?? '').not.toContain('Stack/Other/Policy');
  });

  test('a literal name that is not the bucket\'s, or an exported name of another bucket of the app', () => {
    const literal = only(analyze(stack(app({ Fn: writer, Freeze: policyOn('some-other-bucket') }))));
    expect(literal.verdict).toBe('ALLOW');
    const exporting = stack({ Other: bucket({}, 'Shared/Other/Resource') }, {
      artifactId: 'Shared',
      stackName: 'Shared',
      templatePath: 'Shared.template.json',
      extra: { Outputs: { OtherName: { Value: { Ref: 'Other' }, Export: { Name: 'OtherName' } } } },
    });
    const imported = only(analyze([stack(app({ Fn: writer, Freeze: policyOn({ 'Fn::ImportValue': 'OtherName' }) })), exporting]));
    expect(imported.verdict).toBe('ALLOW');
  });

  test('an unresolved Bucket in a stack of another account cannot be this bucket\'s policy', () => {
    const elsewhere = stack({ Freeze: policyOn({ 'Fn::ImportValue': 'SharedBucketName' }, 'Far/Freeze/Resource') }, {
      artifactId: 'Far', stackName: 'Far', templatePath: 'Far.template.json', account: OTHER_ACCOUNT,
    });
    expect(only(analyze([stack(app({ Fn: writer })), elsewhere])).verdict).toBe('ALLOW');
  });

  test('the Deny in a policy whose Bucket is the bucket itself is still a DENY', () => {
    const f = only(analyze(stack(app({ Fn: writer, Freeze: policyOn({ Ref: 'Bucket' }) }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['BUCKET_POLICY_DENY']);
  });
});

describe('a policy that may apply may also grant', () => {
  // The bucket is in another account: only its policy can let the role in. A policy that may be its policy and
  // allows the role makes the write UNKNOWN, not a DENY for want of an Allow.
  const crossAccount = (policies: Json) => [
    stack(app({
      Bucket: undefined,
      FnRole: role({ RoleName: 'fn-role' }),
      FnPolicy: identityPolicy([statement('Allow', 's3:PutObject', 'arn:aws:s3:::data-bucket/*')]),
    })),
    stack({ Bucket: bucket({ BucketName: 'data-bucket' }, 'Data/Bucket/Resource'), ...policies }, {
      artifactId: 'Data', stackName: 'Data', templatePath: 'Data.template.json', account: OTHER_ACCOUNT,
    }),
  ];
  const allowRole = statement('Allow', 's3:PutObject', 'arn:aws:s3:::data-bucket/*', {
    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/fn-role` }, Sid: 'AllowFn',
  });
  const grantOn = (bucketValue: unknown) => resource('AWS::S3::BucketPolicy', {
    Bucket: bucketValue, PolicyDocument: { Version: '2012-10-17', Statement: [allowRole] },
  }, 'Data/Grant/Resource');

  test('Bucket unresolved: UNKNOWN naming the policy', () => {
    const f = only(analyze(crossAccount({ Grant: grantOn({ 'Fn::ImportValue': 'DataBucketName' }) })));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes.map((c) => c.message).join(' ')).toContain('Data/Grant');
  });

  test('Bucket resolved to the bucket: ALLOW; no policy at all: DENY', () => {
    expect(only(analyze(crossAccount({ Grant: grantOn({ Ref: 'Bucket' }) }))).verdict).toBe('ALLOW');
    const none = only(analyze(crossAccount({})));
    expect(none.verdict).toBe('DENY');
    expect(codes(none)).toEqual(['CROSS_ACCOUNT_NO_BUCKET_ALLOW']);
  });
});
