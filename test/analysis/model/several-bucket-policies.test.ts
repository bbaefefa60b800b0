import {
  ACCOUNT, analyze, app, bucket, bucketPolicy, codes, identityPolicy, objects, only, OTHER_ACCOUNT, role, stack, statement,
} from '../support/app';

// A bucket has one policy: PutBucketPolicy replaces the one in place (S3 API Reference, PutBucketPolicy,
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html). With two AWS::S3::BucketPolicy
// resources on one bucket, only the one CloudFormation applies last is in force, and the templates do not say
// which: neither one's statements decide the write alone.

const denyAll = statement('Deny', 's3:*', objects(), { Principal: '*', Sid: 'DenyAll' });
const denyOther = statement('Deny', 's3:DeleteObject', objects(), { Principal: '*', Sid: 'NoDeletes' });

describe('two bucket policies on one bucket', () => {
  const twoPolicies = (second: object) => app({
    BucketPolicy: bucketPolicy([denyOther]),
    BucketPolicy2: bucketPolicy([second as never], 'Bucket', 'Stack/Bucket/Policy2/Resource'),
  });

  test('a Deny-all in one of them is not a DENY: UNKNOWN, traced to its resource, with a note', () => {
    const f = only(analyze(stack(twoPolicies(denyAll))));
    expect(f.verdict).toBe('UNKNOWN');
    expect(codes(f)).toEqual(['UNRESOLVED']);
    expect(f.causes[0]).toMatchObject({ location: 'Stack/Bucket/Policy2', statement: 'DenyAll', jsonPath: 'Properties/PolicyDocument/Statement/0' });
    expect(f.causes[0].message).toContain('S3 keeps only the one applied last');
    const notes = (f.notes ?? []).join(' ');
    expect(notes).toContain('Stack/Bucket has 2 bucket policy resources (Stack/Bucket/Policy, Stack/Bucket/Policy2)');
    expect(notes).toContain('Merge them into one AWS::S3::BucketPolicy');
  });

  test('the same Deny-all as the only bucket policy: DENY', () => {
    const f = only(analyze(stack(app({ BucketPolicy: bucketPolicy([denyAll]) }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['BUCKET_POLICY_DENY']);
  });

  test('two policies whose statements do not touch PutObject: ALLOW, still with the note', () => {
    const f = only(analyze(stack(twoPolicies(denyOther))));
    expect(f.verdict).toBe('ALLOW');
    expect((f.notes ?? []).join(' ')).toContain('2 bucket policy resources');
  });

  test('one policy only: no note about competing policies', () => {
    const f = only(analyze(stack(app({ BucketPolicy: bucketPolicy([denyOther]) }))));
    expect(f.verdict).toBe('ALLOW');
    expect((f.notes ?? []).join(' ')).not.toContain('bucket policy resources');
  });
});

describe('a cross-account grant split over two bucket policies', () => {
  // The bucket is in another account: its policy must allow the role, and which policy is in force decides.
  const crossAccount = (policies: object) => [
    stack(app({
      Bucket: undefined,
      FnRole: role({ RoleName: 'fn-role' }),
      FnPolicy: identityPolicy([statement('Allow', 's3:PutObject', 'arn:aws:s3:::data-bucket/*')]),
    })),
    stack({ Bucket: bucket({ BucketName: 'data-bucket' }), ...policies }, {
      artifactId: 'Data', stackName: 'Data', templatePath: 'Data.template.json', account: OTHER_ACCOUNT,
    }),
  ];
  const allowRole = statement('Allow', 's3:PutObject', 'arn:aws:s3:::data-bucket/*', {
    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/fn-role` }, Sid: 'AllowFn',
  });

  test('the Allow in one of two policies: UNKNOWN, not ALLOW', () => {
    const stacks = crossAccount({
      BucketPolicy: bucketPolicy([allowRole]),
      BucketPolicy2: bucketPolicy([denyOther], 'Bucket', 'Data/Bucket/Policy2/Resource'),
    });
    const f = only(analyze(stacks));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes.map((c) => c.message).join(' ')).toContain('S3 keeps only the one applied last');
  });

  test('the Allow in the only policy: ALLOW', () => {
    const f = only(analyze(crossAccount({ BucketPolicy: bucketPolicy([allowRole]) })));
    expect(f.verdict).toBe('ALLOW');
  });
});

