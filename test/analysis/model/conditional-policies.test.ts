import {
  analyze, app, bucket, bucketPolicy, codes, declared, fn, grantPut, identityPolicy, Json, key, keyAccountRoot, kmsEncryption,
  objects, only, resource, stack, statement,
} from '../support/app';

// A resource whose CloudFormation `Condition` depends on a deploy-time parameter may or may not be deployed
// (CloudFormation User Guide, "Conditions" section: resources associated with a false condition are not created).
// Its policy then neither surely denies nor surely allows: the verdict is UNKNOWN and names the Condition.

/** `IsStrict` holds when parameter `Strict` is `yes`; the parameter defaults to `no` but is set at deploy time. */
const undecided = {
  Parameters: { Strict: { Type: 'String', Default: 'no', AllowedValues: ['yes', 'no'] } },
  Conditions: { IsStrict: { 'Fn::Equals': [{ Ref: 'Strict' }, 'yes'] } },
};
const decided = (holds: boolean) => ({ Conditions: { IsStrict: { 'Fn::Equals': ['a', holds ? 'a' : 'b'] } } });

const onCondition = (r: Json, name = 'IsStrict'): Json => ({ ...r, Condition: name });
const denyAll = statement('Deny', 's3:*', objects(), { Principal: '*', Sid: 'DenyAll' });

describe('a bucket policy whose Condition is undecided', () => {
  const policy = onCondition(bucketPolicy([denyAll]));

  test('its Deny-all is not a DENY: UNKNOWN, naming the Condition', () => {
    const f = only(analyze(stack(app({ BucketPolicy: policy }), { extra: undecided })));
    expect(f.verdict).toBe('UNKNOWN');
    expect(codes(f)).toEqual(['UNRESOLVED']);
    expect(f.causes[0].message).toContain('Condition "IsStrict"');
    expect(f.causes[0]).toMatchObject({ location: 'Stack/Bucket/Policy', statement: 'DenyAll' });
    expect((f.notes ?? []).join(' ')).toContain('Bucket policy Stack/Bucket/Policy may not be in force');
  });

  test('the same Deny without a Condition: DENY', () => {
    const f = only(analyze(stack(app({ BucketPolicy: bucketPolicy([denyAll]) }), { extra: undecided })));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['BUCKET_POLICY_DENY']);
  });

  test('a Condition the templates decide true: DENY; decided false: ALLOW', () => {
    expect(only(analyze(stack(app({ BucketPolicy: policy }), { extra: decided(true) }))).verdict).toBe('DENY');
    expect(only(analyze(stack(app({ BucketPolicy: policy }), { extra: decided(false) }))).verdict).toBe('ALLOW');
  });

  test('a conditional Deny of another prefix still does not apply: ALLOW', () => {
    const elsewhere = onCondition(bucketPolicy([statement('Deny', 's3:*', objects('archive/*'), { Principal: '*' })]));
    const f = only(analyze(stack(app({ BucketPolicy: elsewhere, Fn: fn('FnRole', {}, [declared({}, 'incoming/')]) }), { extra: undecided })));
    expect(f.verdict).toBe('ALLOW');
  });

  test('a conditional Deny on a missing header is not a DENY either', () => {
    const requireKms = statement('Deny', 's3:PutObject', objects(), {
      Principal: '*', Sid: 'DenyUnencrypted', Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
    });
    const overrides = { BucketPolicy: onCondition(bucketPolicy([requireKms])), Fn: fn('FnRole', {}, [declared({})]) };
    const f = only(analyze(stack(app(overrides), { extra: undecided })));
    expect(f.verdict).not.toBe('DENY');
    expect(f.causes.map((c) => c.message).join(' ')).toContain('IsStrict');
    const unconditional = only(analyze(stack(app({ ...overrides, BucketPolicy: bucketPolicy([requireKms]) }), { extra: undecided })));
    expect(unconditional.verdict).toBe('DENY');
  });
});

describe('an identity policy whose Condition is undecided', () => {
  test('the only grant, conditional: UNKNOWN (not ALLOW), naming the Condition', () => {
    const f = only(analyze(stack(app({ FnPolicy: onCondition(identityPolicy([grantPut()])), Fn: fn('FnRole', {}, [declared()]) }), { extra: undecided })));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes[0].message).toContain('Condition "IsStrict"');
    expect(f.causes[0].location).toBe('Stack/Fn/ServiceRole/DefaultPolicy');
  });

  test('the same grant without a Condition: ALLOW', () => {
    expect(only(analyze(stack(app({ Fn: fn('FnRole', {}, [declared()]) }), { extra: undecided }))).verdict).toBe('ALLOW');
  });

  test('a conditional identity Deny next to an unconditional grant: UNKNOWN, not DENY', () => {
    const deny = onCondition(identityPolicy([statement('Deny', 's3:PutObject', '*')], [{ Ref: 'FnRole' }], 'Stack/Guard/Resource'));
    const f = only(analyze(stack(app({ Guard: deny }), { extra: undecided })));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes[0].message).toContain('IsStrict');
    expect(only(analyze(stack(app({ Guard: { ...deny, Condition: undefined } }), { extra: undecided }))).verdict).toBe('DENY');
  });

  test('a conditional AWS::IAM::RolePolicy grant: UNKNOWN; unconditional: ALLOW', () => {
    const rolePolicy = resource('AWS::IAM::RolePolicy', {
      PolicyName: 'Write', RoleName: { Ref: 'FnRole' }, PolicyDocument: { Version: '2012-10-17', Statement: [grantPut()] },
    }, 'Stack/Write/Resource');
    const overrides = { FnPolicy: undefined, Fn: fn('FnRole', {}, [declared()]) };
    expect(only(analyze(stack(app({ ...overrides, Write: onCondition(rolePolicy) }), { extra: undecided }))).verdict).toBe('UNKNOWN');
    expect(only(analyze(stack(app({ ...overrides, Write: rolePolicy }), { extra: undecided }))).verdict).toBe('ALLOW');
  });

  test('a conditional customer managed policy in ManagedPolicyArns: UNKNOWN; unconditional: ALLOW', () => {
    const managed = resource('AWS::IAM::ManagedPolicy', { PolicyDocument: { Version: '2012-10-17', Statement: [grantPut()] } }, 'Stack/Managed/Resource');
    const withRole = (m: Json) => app({
      FnPolicy: undefined,
      Managed: m,
      FnRole: { ...app().FnRole, Properties: { ...app().FnRole.Properties, ManagedPolicyArns: [{ Ref: 'Managed' }] } },
      Fn: fn('FnRole', {}, [declared()]),
    });
    const f = only(analyze(stack(withRole(onCondition(managed)), { extra: undecided })));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes[0].message).toContain('IsStrict');
    expect(only(analyze(stack(withRole(managed), { extra: undecided }))).verdict).toBe('ALLOW');
  });
});

describe('a KMS key whose Condition is undecided', () => {
  const kmsApp = (k: Json) => app({
    Key: k,
    Bucket: bucket(kmsEncryption('Key')),
    FnPolicy: identityPolicy([grantPut(), statement('Allow', 'kms:GenerateDataKey*', { 'Fn::GetAtt': ['Key', 'Arn'] })]),
    Fn: fn('FnRole', {}, [declared()]),
  });

  test('its key policy decides nothing alone: UNKNOWN naming the Condition; the unconditional key: ALLOW', () => {
    const f = only(analyze(stack(kmsApp(onCondition(key([keyAccountRoot()]))), { extra: undecided })));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes.map((c) => c.message).join(' ')).toContain('Condition "IsStrict"');
    expect(only(analyze(stack(kmsApp(key([keyAccountRoot()])), { extra: undecided }))).verdict).toBe('ALLOW');
  });
});
