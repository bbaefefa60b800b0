import {
  ACCOUNT, analyze, app, bucket, bucketPolicy, codes, declared, fn, grantPut, identityPolicy, key, keyAccountRoot,
  kmsEncryption, objects, only, OTHER_ACCOUNT, roleArn, stack, statement,
} from '../support/app';

// KMS causes: KMS_KEY_POLICY, KMS_IDENTITY, KMS_AWS_MANAGED_CROSS_ACCOUNT (S3 User Guide "UsingKMSEncryption",
// "bucket-key", "Multipart upload API and permissions"; KMS "Key policies", "kms:ViaService", "kms:EncryptionContext").

const keyArn = { 'Fn::GetAtt': ['Key', 'Arn'] };
const kmsGrant = (actions: string | string[] = 'kms:GenerateDataKey*') => statement('Allow', actions, keyArn);
const declaredFn = (request = {}) => fn('FnRole', {}, [declared(request)]);
const withKey = (keyStatements: object[], identity: object[], overrides: object = {}, bucketKey = false) => app({
  Key: key(keyStatements as never),
  Bucket: bucket(kmsEncryption('Key', bucketKey)),
  FnPolicy: identityPolicy([grantPut(), ...identity] as never),
  Fn: declaredFn(),
  ...overrides,
});
const roleStatement = (actions: string | string[], condition?: object) => ({
  Effect: 'Allow', Principal: { AWS: roleArn() }, Action: actions, Resource: '*', ...(condition ? { Condition: condition } : {}),
});

describe('kms:GenerateDataKey', () => {
  test('missing in the identity policy while the key policy delegates to IAM: KMS_IDENTITY', () => {
    const f = only(analyze(stack(withKey([keyAccountRoot()], []))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['KMS_IDENTITY']);
    expect(f.fix).toContain('kms:GenerateDataKey');
    expect(f.fix).toContain('Stack/Fn/ServiceRole');
  });

  test('granted in the identity policy: ALLOW', () => {
    expect(only(analyze(stack(withKey([keyAccountRoot()], [kmsGrant()])))).verdict).toBe('ALLOW');
  });

  test('missing in the key policy (no account delegation): KMS_KEY_POLICY even with the identity grant', () => {
    const f = only(analyze(stack(withKey([], [kmsGrant()]))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['KMS_KEY_POLICY']);
    expect(f.fix).toContain('key policy of Stack/Key');
  });

  test('the key policy naming the role is enough on its own: ALLOW', () => {
    expect(only(analyze(stack(withKey([roleStatement('kms:GenerateDataKey')], [])))).verdict).toBe('ALLOW');
  });

  test('a disabled key denies', () => {
    const f = only(analyze(stack(withKey([keyAccountRoot()], [kmsGrant()], { Key: key([keyAccountRoot()], { Enabled: false }) }))));
    expect(f.verdict).toBe('DENY');
    expect(f.causes[0].message).toContain('disabled');
  });
});

describe('kms:Decrypt for multipart uploads', () => {
  test('GenerateDataKey only, multipart: DENY on kms:Decrypt', () => {
    const f = only(analyze(stack(withKey([keyAccountRoot()], [kmsGrant('kms:GenerateDataKey')], { Fn: declaredFn({ multipart: true }) }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['KMS_IDENTITY']);
    expect(f.causes[0].message).toContain('kms:Decrypt');
  });
  test('the same grant for a single-part write: ALLOW; with kms:Decrypt too, multipart: ALLOW', () => {
    expect(only(analyze(stack(withKey([keyAccountRoot()], [kmsGrant('kms:GenerateDataKey')])))).verdict).toBe('ALLOW');
    const both = withKey([keyAccountRoot()], [kmsGrant(['kms:GenerateDataKey', 'kms:Decrypt'])], { Fn: declaredFn({ multipart: true }) });
    expect(only(analyze(stack(both))).verdict).toBe('ALLOW');
  });
});

describe('kms:ViaService and the encryption context', () => {
  test('ViaService of this region: ALLOW; of another region: KMS_KEY_POLICY', () => {
    const via = (region: string) => [roleStatement('kms:GenerateDataKey', { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } })];
    expect(only(analyze(stack(withKey(via('eu-west-1'), [])))).verdict).toBe('ALLOW');
    const f = only(analyze(stack(withKey(via('us-east-1'), []))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['KMS_KEY_POLICY']);
  });

  const contextOnObjects = [roleStatement('kms:GenerateDataKey', {
    StringLike: { 'kms:EncryptionContext:aws:s3:arn': { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] } },
  })];
  test('a key policy scoped to object ARNs in the context: ALLOW without S3 Bucket Key', () => {
    expect(only(analyze(stack(withKey(contextOnObjects, [])))).verdict).toBe('ALLOW');
  });
  test('…but DENY with S3 Bucket Key on (the context is then the bucket ARN)', () => {
    const f = only(analyze(stack(withKey(contextOnObjects, [], {}, true))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['KMS_KEY_POLICY']);
  });
  test('a key policy scoped to the bucket ARN: ALLOW with S3 Bucket Key', () => {
    const onBucket = [roleStatement('kms:GenerateDataKey', { StringEquals: { 'kms:EncryptionContext:aws:s3:arn': { 'Fn::GetAtt': ['Bucket', 'Arn'] } } })];
    expect(only(analyze(stack(withKey(onBucket, [], {}, true)))).verdict).toBe('ALLOW');
  });
});

describe('the AWS managed key aws/s3', () => {
  test('in its own account: ALLOW with no KMS statement anywhere', () => {
    const f = only(analyze(stack(app({ Bucket: bucket(kmsEncryption()), Fn: declaredFn() }))));
    expect(f.verdict).toBe('ALLOW');
  });

  test('from another account: KMS_AWS_MANAGED_CROSS_ACCOUNT, even with both S3 sides allowing', () => {
    const dataStack = (encryption: object) => stack({
      Bucket: bucket(encryption, 'Data/Bucket/Resource'),
      BucketPolicy: bucketPolicy([statement('Allow', 's3:PutObject', objects(), { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/writer` } })],
        'Bucket', 'Data/Bucket/Policy/Resource'),
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
    const f = only(analyze([dataStack(kmsEncryption()), fnStack]));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['KMS_AWS_MANAGED_CROSS_ACCOUNT']);
    expect(only(analyze([dataStack({}), fnStack])).verdict).toBe('ALLOW');
  });
});

describe('keys outside the app', () => {
  const external = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const extApp = () => app({
    Bucket: bucket({ BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: external } }] } }),
    FnPolicy: identityPolicy([grantPut(), statement('Allow', 'kms:GenerateDataKey', external)]),
    Fn: declaredFn(),
  });
  test('without its key policy: UNKNOWN naming externalKeyPolicies', () => {
    const f = only(analyze(stack(extApp())));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes[0].message).toContain('externalKeyPolicies');
  });
  test('with its key policy given: judged (ALLOW when it delegates to the account)', () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] };
    expect(only(analyze(stack(extApp()), { externalKeyPolicies: { [external]: policy } })).verdict).toBe('ALLOW');
  });
});
