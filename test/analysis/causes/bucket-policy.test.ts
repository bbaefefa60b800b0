import {
  ACCOUNT, analyze, app, bucket, bucketPolicy, codes, declared, fn, grantPut, identityPolicy, key, keyAccountRoot,
  kmsEncryption, objects, only, OTHER_ACCOUNT, roleArn, stack, statement,
} from '../support/app';

// Bucket-policy causes: BUCKET_POLICY_DENY, REQUEST_CONDITION, CROSS_ACCOUNT_NO_BUCKET_ALLOW (S3 "Troubleshoot access
// denied (403 Forbidden) errors in Amazon S3", https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html,
// "Bucket policies and IAM policies"; re:Post s3-403-upload-bucket).

const anyone = { Principal: '*' };

describe('BUCKET_POLICY_DENY', () => {
  test('an unconditional Deny of the role in the bucket policy beats the identity grant', () => {
    const deny = statement('Deny', 's3:PutObject', objects(), { ...anyone, Sid: 'Freeze' });
    const f = only(analyze(stack(app({ BucketPolicy: bucketPolicy([deny]) }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['BUCKET_POLICY_DENY']);
    expect(f.causes[0]).toMatchObject({ location: 'Stack/Bucket/Policy', statement: 'Freeze', jsonPath: 'Properties/PolicyDocument/Statement/0' });
  });

  test('the Deny scoped to another prefix lets the write through', () => {
    const deny = statement('Deny', 's3:PutObject', objects('archive/*'), { ...anyone, Sid: 'Freeze' });
    const f = only(analyze(stack(app({ BucketPolicy: bucketPolicy([deny]), Fn: fn('FnRole', {}, [declared({}, 'incoming/')]) }))));
    expect(f.verdict).toBe('ALLOW');
  });
});

describe('aws:SecureTransport (CDK enforceSSL)', () => {
  const enforceSsl = statement('Deny', 's3:*', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, objects()], {
    ...anyone, Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  });
  test('Deny on aws:SecureTransport=false does not stop an SDK write (HTTPS)', () => {
    expect(only(analyze(stack(app({ BucketPolicy: bucketPolicy([enforceSsl]) })))).verdict).toBe('ALLOW');
  });
  test('a profile that sends plain HTTP is denied by it, as a request condition', () => {
    const f = only(analyze(stack(app({ BucketPolicy: bucketPolicy([enforceSsl]), Fn: fn('FnRole', {}, [declared({ secureTransport: false })]) }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['REQUEST_CONDITION']);
    expect(f.fix).toContain('HTTPS');
  });
});

describe('s3:x-amz-server-side-encryption', () => {
  const requireKms = statement('Deny', 's3:PutObject', objects(), {
    ...anyone, Sid: 'DenyUnencrypted', Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
  });
  const kmsApp = (intentRequest?: object) => app({
    Key: key([keyAccountRoot()]),
    Bucket: bucket(kmsEncryption('Key')),
    FnPolicy: identityPolicy([grantPut(), statement('Allow', 'kms:GenerateDataKey*', { 'Fn::GetAtt': ['Key', 'Arn'] })]),
    BucketPolicy: bucketPolicy([requireKms]),
    ...(intentRequest ? { Fn: fn('FnRole', {}, [declared(intentRequest)]) } : {}),
  });

  test('bucket default encryption does NOT set the header: a declared write without it is DENY', () => {
    const f = only(analyze(stack(kmsApp({}))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['REQUEST_CONDITION']);
    expect(f.causes[0].statement).toBe('DenyUnencrypted');
    expect(f.fix).toContain("ServerSideEncryption: 'aws:kms'");
  });

  test('the same write sending the header is ALLOW', () => {
    expect(only(analyze(stack(kmsApp({ serverSideEncryption: 'aws:kms' })))).verdict).toBe('ALLOW');
  });

  test('an inferred intent (profile unknown) is CONDITIONAL and names the header the code must send', () => {
    const f = only(analyze(stack(kmsApp())));
    expect(f.intent).toBe('inferred');
    expect(f.verdict).toBe('CONDITIONAL');
    expect(codes(f)).toEqual(['REQUEST_CONDITION']);
    expect(f.causes[0].message).toContain('x-amz-server-side-encryption');
    expect(f.fix).toContain("ServerSideEncryption: 'aws:kms'");
  });

  test('Deny with Null on the header: ALLOW when the profile sends it, DENY when it does not', () => {
    const nullDeny = statement('Deny', 's3:PutObject', objects(), { ...anyone, Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } } });
    const withHeader = app({ BucketPolicy: bucketPolicy([nullDeny]), Fn: fn('FnRole', {}, [declared({ serverSideEncryption: 'AES256' })]) });
    expect(only(analyze(stack(withHeader))).verdict).toBe('ALLOW');
    const without = app({ BucketPolicy: bucketPolicy([nullDeny]), Fn: fn('FnRole', {}, [declared({})]) });
    const f = only(analyze(stack(without)));
    expect(f.verdict).toBe('DENY');
    expect(f.fix).toContain('x-amz-server-side-encryption');
  });
});

describe('s3:x-amz-server-side-encryption-aws-kms-key-id', () => {
  const requireKey = statement('Deny', 's3:PutObject', objects(), {
    ...anyone,
    Sid: 'OnlyOurKey',
    Condition: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption-aws-kms-key-id': { 'Fn::GetAtt': ['Key', 'Arn'] } } },
  });
  const withKey = (request: object) => app({
    Key: key([keyAccountRoot()]),
    Bucket: bucket(kmsEncryption('Key')),
    FnPolicy: identityPolicy([grantPut(), statement('Allow', 'kms:GenerateDataKey*', '*')]),
    BucketPolicy: bucketPolicy([requireKey]),
    Other: key([keyAccountRoot()], {}, 'Stack/Other/Resource'),
    Fn: fn('FnRole', {}, [declared(request)]),
  });

  test('sending another key ARN is DENY', () => {
    const f = only(analyze(stack(withKey({ serverSideEncryption: 'aws:kms', sseKmsKeyPath: 'Stack/Other' }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toContain('REQUEST_CONDITION');
  });

  test('sending the bucket\'s key ARN is ALLOW', () => {
    expect(only(analyze(stack(withKey({ serverSideEncryption: 'aws:kms', sseKmsKeyPath: 'Stack/Key' })))).verdict).toBe('ALLOW');
  });
});

describe('a grant only in the bucket policy', () => {
  const grant = statement('Allow', 's3:PutObject', objects(), { Principal: { AWS: roleArn() } });
  test('same account: the bucket policy naming the role ARN allows without any identity grant', () => {
    const f = only(analyze(stack(app({ FnPolicy: undefined, BucketPolicy: bucketPolicy([grant]), Fn: fn('FnRole', {}, [declared()]) }))));
    expect(f.verdict).toBe('ALLOW');
  });
  test('without it, nothing grants', () => {
    const f = only(analyze(stack(app({ FnPolicy: undefined, Fn: fn('FnRole', {}, [declared()]) }))));
    expect(f.verdict).toBe('DENY');
  });
});

describe('CROSS_ACCOUNT_NO_BUCKET_ALLOW', () => {
  // The bucket lives in another account's stack; the function's role is granted by name across stacks.
  const bucketStack = (statements?: object[]) => stack({
    Bucket: bucket({}, 'Data/Bucket/Resource'),
    ...(statements ? { BucketPolicy: bucketPolicy(statements as never, 'Bucket', 'Data/Bucket/Policy/Resource') } : {}),
  }, {
    artifactId: 'Data',
    stackName: 'Data',
    account: OTHER_ACCOUNT,
    extra: {
      Outputs: { Arn: { Value: { 'Fn::GetAtt': ['Bucket', 'Arn'] }, Export: { Name: 'DataBucketArn' } } },
    },
  });
  const fnStack = stack({
    Fn: fn('FnRole'),
    FnRole: { ...app().FnRole, Properties: { ...app().FnRole.Properties, RoleName: 'writer' } },
    FnPolicy: identityPolicy([statement('Allow', 's3:PutObject', { 'Fn::Join': ['', [{ 'Fn::ImportValue': 'DataBucketArn' }, '/*']] })]),
  });

  test('without a bucket policy allowing the role, the cross-account write is DENY', () => {
    const f = only(analyze([bucketStack(), fnStack]));
    expect(f.bucket).toBe('Data/Bucket');
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['CROSS_ACCOUNT_NO_BUCKET_ALLOW']);
    expect(f.fix).toContain(`arn:aws:iam::${ACCOUNT}:role/writer`);
  });

  test('with the bucket policy allowing the role ARN, it is ALLOW', () => {
    const allow = statement('Allow', 's3:PutObject', objects(), { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/writer` } });
    const f = only(analyze([bucketStack([allow]), fnStack]));
    expect(f.verdict).toBe('ALLOW');
  });
});

describe('several AWS::S3::BucketPolicy resources for one bucket', () => {
  // S3 keeps one policy per bucket (the last applied): a Deny in one of several may not be in force, so it is
  // UNKNOWN, never DENY — still located in its own resource and statement (test/analysis/model has the twins).
  test('a Deny in the second is UNKNOWN, located in its own resource and statement index', () => {
    const first = bucketPolicy([statement('Allow', 's3:GetObject', objects(), { Principal: '*' })]);
    const second = bucketPolicy([
      statement('Allow', 's3:GetObject', objects(), { Principal: '*' }),
      statement('Deny', 's3:PutObject', objects(), { Principal: '*' }),
    ], 'Bucket', 'Stack/Extra/Policy/Resource');
    const f = only(analyze(stack(app({ BucketPolicy: first, ExtraPolicy: second }))));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes[0]).toMatchObject({
      code: 'UNRESOLVED',
      location: 'Stack/Extra/Policy',
      logicalId: 'ExtraPolicy',
      statement: '#1',
      jsonPath: 'Properties/PolicyDocument/Statement/1',
    });
  });
});
