import {
  analyze, app, bucket, codes, declared, fn, grantPut, identityPolicy, Json, kmsEncryption, only, resource, stack, statement,
} from '../support/app';

// An AWS::KMS::Key without KeyPolicy gets the default key policy AWS KMS attaches to a key created through its
// API: one statement giving the owning account's root `kms:*`, which lets IAM policies of that account grant use
// of the key (AWS KMS Developer Guide, "Default key policy",
// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).

const keyArn = { 'Fn::GetAtt': ['Key', 'Arn'] };
const keyWithoutPolicy = resource('AWS::KMS::Key', { Description: 'no KeyPolicy' }, 'Stack/Key/Resource');
const kmsApp = (identity: Json[], k: Json = keyWithoutPolicy) => app({
  Key: k,
  Bucket: bucket(kmsEncryption('Key')),
  FnPolicy: identityPolicy([grantPut(), ...identity]),
  Fn: fn('FnRole', {}, [declared()]),
});

describe('a KMS key without KeyPolicy', () => {
  test('the identity policy grants kms:GenerateDataKey: ALLOW (the default policy delegates to IAM), not UNKNOWN', () => {
    const f = only(analyze(stack(kmsApp([statement('Allow', 'kms:GenerateDataKey*', keyArn)]))));
    expect(f.verdict).toBe('ALLOW');
  });

  test('no identity grant for the key: DENY on KMS_IDENTITY, the default key policy leaving it to IAM', () => {
    const f = only(analyze(stack(kmsApp([]))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['KMS_IDENTITY']);
    expect(f.fix).toContain('kms:GenerateDataKey');
  });

  test('a KeyPolicy that does not delegate to IAM is still read as written: DENY on KMS_KEY_POLICY', () => {
    const adminOnly = resource('AWS::KMS::Key', {
      KeyPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:role/admin' }, Action: 'kms:*', Resource: '*' }] },
    }, 'Stack/Key/Resource');
    const f = only(analyze(stack(kmsApp([statement('Allow', 'kms:GenerateDataKey*', keyArn)], adminOnly))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['KMS_KEY_POLICY']);
  });

  test('the default policy names the key\'s own account: a role of another account is not let in by it', () => {
    // The key in account 222222222222 (its stack), the function's role in 111111111111: the default key policy
    // delegates to IAM in the key's account only, so the role's own grant does not reach it.
    const keyStack = stack({ Key: { ...keyWithoutPolicy, Metadata: { 'aws:cdk:path': 'Keys/Key/Resource' } } }, { artifactId: 'Keys', stackName: 'Keys', templatePath: 'Keys.template.json', account: '222222222222' });
    const fnApp = app({
      Bucket: bucket(kmsEncryption()),
      FnPolicy: identityPolicy([grantPut(), statement('Allow', 'kms:GenerateDataKey*', '*')]),
      Fn: fn('FnRole', {}, [declared({ serverSideEncryption: 'aws:kms', sseKmsKeyPath: 'Keys/Key' })]),
    });
    const f = only(analyze([stack(fnApp), keyStack]));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toContain('KMS_KEY_POLICY');
    const sameAccount = only(analyze([stack(fnApp), { ...keyStack, account: '111111111111' }]));
    expect(sameAccount.verdict).toBe('ALLOW');
  });
});
