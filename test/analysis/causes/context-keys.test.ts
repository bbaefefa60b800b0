import {
  ACCOUNT, analyze, app, bucketPolicy, codes, declared, fn, grantPut, identityPolicy, objects, only, OTHER_ACCOUNT, role,
  roleArn, stack, statement,
} from '../support/app';

// Condition keys about the principal, the resource and the request (IAM "AWS global condition
// context keys", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html;
// S3 condition keys in the Service Authorization Reference).

const denyUnless = (operator: string, key: string, value: unknown, sid = 'Guard') =>
  bucketPolicy([statement('Deny', 's3:PutObject', objects(), { Principal: '*', Sid: sid, Condition: { [operator]: { [key]: value } } })]);
const declaredFn = (request = {}) => fn('FnRole', {}, [declared(request)]);

describe('aws:PrincipalOrgID', () => {
  const policy = denyUnless('StringNotEquals', 'aws:PrincipalOrgID', 'o-ours');
  test('not given: UNKNOWN naming organizationId', () => {
    const f = only(analyze(stack(app({ BucketPolicy: policy, Fn: declaredFn() }))));
    expect(f.verdict).toBe('UNKNOWN');
    expect(codes(f)).toEqual(['UNRESOLVED']);
    expect(f.causes[0].message).toContain('organizationId');
  });
  test('another organization: DENY; ours: ALLOW', () => {
    const f = only(analyze(stack(app({ BucketPolicy: policy, Fn: declaredFn() })), { organizationId: 'o-theirs' }));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['BUCKET_POLICY_DENY']);
    expect(only(analyze(stack(app({ BucketPolicy: policy, Fn: declaredFn() })), { organizationId: 'o-ours' })).verdict).toBe('ALLOW');
  });
});

describe('aws:PrincipalArn', () => {
  test('a Deny unless the principal is another role: DENY', () => {
    const policy = denyUnless('ArnNotLike', 'aws:PrincipalArn', `arn:aws:iam::${ACCOUNT}:role/admin`);
    const f = only(analyze(stack(app({ BucketPolicy: policy, Fn: declaredFn() }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['BUCKET_POLICY_DENY']);
  });
  test('a Deny unless the principal is this role (its GetAtt ARN): ALLOW', () => {
    const policy = denyUnless('ArnNotLike', 'aws:PrincipalArn', roleArn());
    expect(only(analyze(stack(app({ BucketPolicy: policy, Fn: declaredFn() })))).verdict).toBe('ALLOW');
  });
});

describe('aws:PrincipalAccount and s3:ResourceAccount', () => {
  test('PrincipalAccount must be another account: DENY; this account: ALLOW', () => {
    expect(only(analyze(stack(app({ BucketPolicy: denyUnless('StringNotEquals', 'aws:PrincipalAccount', OTHER_ACCOUNT), Fn: declaredFn() })))).verdict).toBe('DENY');
    expect(only(analyze(stack(app({ BucketPolicy: denyUnless('StringNotEquals', 'aws:PrincipalAccount', ACCOUNT), Fn: declaredFn() })))).verdict).toBe('ALLOW');
  });

  test('an identity grant limited to buckets of another account: DENY; of this account: ALLOW', () => {
    const grant = (account: string) => identityPolicy([{ ...grantPut(), Condition: { StringEquals: { 's3:ResourceAccount': account } } }]);
    const f = only(analyze(stack(app({ FnPolicy: grant(OTHER_ACCOUNT), Fn: declaredFn() }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['NO_IDENTITY_ALLOW']);
    expect(f.causes[0].message).toContain('s3:ResourceAccount');
    expect(only(analyze(stack(app({ FnPolicy: grant(ACCOUNT), Fn: declaredFn() })))).verdict).toBe('ALLOW');
  });
});

describe('aws:PrincipalTag (role tags)', () => {
  const grant = identityPolicy([{ ...grantPut(), Condition: { StringEquals: { 'aws:PrincipalTag/team': 'ingest' } } }]);
  test('role tagged with another team: DENY', () => {
    const f = only(analyze(stack(app({ FnPolicy: grant, FnRole: role({ Tags: [{ Key: 'team', Value: 'billing' }] }), Fn: declaredFn() }))));
    expect(f.verdict).toBe('DENY');
    expect(f.causes[0].message).toContain('aws:PrincipalTag/team');
  });
  test('role tagged team=ingest: ALLOW', () => {
    expect(only(analyze(stack(app({ FnPolicy: grant, FnRole: role({ Tags: [{ Key: 'team', Value: 'ingest' }] }), Fn: declaredFn() })))).verdict).toBe('ALLOW');
  });
});

describe('s3:RequestObjectTag and s3:RequestObjectTagKeys', () => {
  const tagRule = denyUnless('StringNotEquals', 's3:RequestObjectTag/classification', 'internal', 'NeedsClassification');
  test('a write without the tag: DENY as a request condition naming the tag', () => {
    const f = only(analyze(stack(app({ BucketPolicy: tagRule, Fn: declaredFn() }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['REQUEST_CONDITION']);
    expect(f.fix).toContain('classification=internal');
  });
  test('a write with classification=internal: ALLOW', () => {
    expect(only(analyze(stack(app({ BucketPolicy: tagRule, Fn: declaredFn({ tags: { classification: 'internal' } }) })))).verdict).toBe('ALLOW');
  });
  test('an inferred write (tags unknown): CONDITIONAL', () => {
    const f = only(analyze(stack(app({ BucketPolicy: tagRule }))));
    expect(f.verdict).toBe('CONDITIONAL');
    expect(f.causes[0].message).toContain('s3:RequestObjectTag/classification');
  });

  const keysRule = denyUnless('ForAnyValue:StringNotEquals', 's3:RequestObjectTagKeys', ['classification']);
  test('a tag key outside the allowed list: DENY; only allowed keys: ALLOW', () => {
    expect(only(analyze(stack(app({ BucketPolicy: keysRule, Fn: declaredFn({ tags: { owner: 'me' } }) })))).verdict).toBe('DENY');
    expect(only(analyze(stack(app({ BucketPolicy: keysRule, Fn: declaredFn({ tags: { classification: 'x' } }) })))).verdict).toBe('ALLOW');
  });
});

describe('extra actions implied by the request (PutObject API, "Permissions")', () => {
  const putOnly = identityPolicy([statement('Allow', 's3:PutObject', objects())]);
  test('tags need s3:PutObjectTagging: MISSING_TAGGING_PERMISSION; grantPut includes it: ALLOW', () => {
    const f = only(analyze(stack(app({ FnPolicy: putOnly, Fn: declaredFn({ tags: { a: 'b' } }) }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['MISSING_TAGGING_PERMISSION']);
    expect(f.fix).toContain('s3:PutObjectTagging');
    expect(only(analyze(stack(app({ Fn: declaredFn({ tags: { a: 'b' } }) })))).verdict).toBe('ALLOW');
  });

  test('an ACL needs s3:PutObjectAcl, which grantPut omits: MISSING_ACL_PERMISSION; with it: ALLOW', () => {
    const f = only(analyze(stack(app({ Fn: declaredFn({ acl: 'bucket-owner-full-control' }) }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['MISSING_ACL_PERMISSION']);
    const withAcl = identityPolicy([grantPut(), statement('Allow', 's3:PutObjectAcl', objects())]);
    expect(only(analyze(stack(app({ FnPolicy: withAcl, Fn: declaredFn({ acl: 'bucket-owner-full-control' }) })))).verdict).toBe('ALLOW');
  });

  test('a multipart upload without s3:AbortMultipartUpload still writes (a note, not a DENY)', () => {
    const f = only(analyze(stack(app({ FnPolicy: putOnly, Fn: declaredFn({ multipart: true }) }))));
    expect(f.verdict).toBe('ALLOW');
    expect(f.notes).toContainEqual(expect.stringContaining('s3:AbortMultipartUpload'));
  });
});
