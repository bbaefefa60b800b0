import {
  analyze, app, bucketArn, codes, declared, fn, grantPut, identityPolicy, objects, only, role, stack, statement,
} from '../support/app';

// NO_IDENTITY_ALLOW and IDENTITY_DENY: the identity policy must allow s3:PutObject on
// arn:aws:s3:::B/K (IAM "Policy evaluation logic"; S3 troubleshoot-403 "no identity-based policy allows").

describe('NO_IDENTITY_ALLOW', () => {
  test('a declared write with no grant at all is DENY, and the fix names the grant', () => {
    const f = only(analyze(stack(app({ FnPolicy: undefined, Fn: fn('FnRole', {}, [declared({}, 'incoming/')]) }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['NO_IDENTITY_ALLOW']);
    expect(f.causes[0].message).toContain('Stack/Fn');
    expect(f.causes[0].message).toContain('Stack/Fn/ServiceRole');
    expect(f.fix).toContain('arn:aws:s3:::<Stack/Bucket>/incoming/*');
  });

  test('the same app with bucket.grantPut is ALLOW', () => {
    const f = only(analyze(stack(app({ Fn: fn('FnRole', {}, [declared({}, 'incoming/')]) }))));
    expect(f.verdict).toBe('ALLOW');
    expect(f.causes).toEqual([]);
  });

  test('a grant on the bucket ARN only (no /*) is DENY, naming the statement and the missing /<pattern>', () => {
    const f = only(analyze(stack(app({ FnPolicy: identityPolicy([statement('Allow', 's3:PutObject', bucketArn())]) }))));
    expect(f.intent).toBe('inferred');
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['NO_IDENTITY_ALLOW']);
    expect(f.causes[0]).toMatchObject({
      location: 'Stack/Fn/ServiceRole/DefaultPolicy',
      statement: '#0',
      logicalId: 'FnPolicy',
      jsonPath: 'Properties/PolicyDocument/Statement/0',
      templatePath: 'Stack.template.json',
    });
    expect(f.causes[0].message).toContain('bucket ARN only');
    expect(f.fix).toContain('arn:aws:s3:::<Stack/Bucket>/*');
  });

  test('a wildcard action on the bucket ARN only infers no write: bucket-level operations are granted that way', () => {
    // s3:* or s3:Put* on arn:aws:s3:::B is how PutBucketPolicy / PutLifecycleConfiguration are granted; a function
    // that only manages its bucket must not fail synth for a write it never meant to make.
    for (const action of ['s3:*', 's3:Put*']) {
      const findings = analyze(stack(app({ FnPolicy: identityPolicy([statement('Allow', action, bucketArn())]) })));
      expect(findings).toEqual([]);
    }
    // …while s3:PutObject named on the bucket ARN is the classic mistake, and is reported (previous test).
    const named = analyze(stack(app({ FnPolicy: identityPolicy([statement('Allow', ['s3:*', 's3:PutObject'], bucketArn())]) })));
    expect(named.map((f) => f.verdict)).toEqual(['DENY']);
  });

  test('the bucket ARN plus bucket/* is ALLOW', () => {
    const f = only(analyze(stack(app({ FnPolicy: identityPolicy([statement('Allow', 's3:PutObject', [bucketArn(), objects()])]) }))));
    expect(f.verdict).toBe('ALLOW');
  });

  test('a grant on another prefix is DENY for the declared prefix, and says which prefix it covers', () => {
    const f = only(analyze(stack(app({ FnPolicy: identityPolicy([grantPut('other/*')]), Fn: fn('FnRole', {}, [declared({}, 'incoming/')]) }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['NO_IDENTITY_ALLOW']);
    expect(f.causes[0].message).toContain('/other/*');
    expect(f.fix).toContain('incoming/*');
  });

  test('the grant on the declared prefix is ALLOW', () => {
    const f = only(analyze(stack(app({ FnPolicy: identityPolicy([grantPut('incoming/*')]), Fn: fn('FnRole', {}, [declared({}, 'incoming/')]) }))));
    expect(f.verdict).toBe('ALLOW');
  });

  test('wildcard actions (s3:*, s3:Put*) infer the intent and grant it', () => {
    for (const action of ['s3:*', 's3:Put*', 's3:PutObject*']) {
      const f = only(analyze(stack(app({ FnPolicy: identityPolicy([statement('Allow', action, objects())]) }))));
      expect(f.verdict).toBe('ALLOW');
    }
  });

  test('the function runs as another role than the one granted: DENY, and the message names both roles', () => {
    const resources = app({
      Fn: fn('OtherRole', {}, [declared()]),
      OtherRole: role({}, 'Stack/Other/Resource'),
    });
    const f = only(analyze(stack(resources)));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['NO_IDENTITY_ALLOW']);
    expect(f.role).toBe('Stack/Other');
    expect(f.causes[0].message).toContain('Role Stack/Fn/ServiceRole has a grant on this bucket, but the function runs as role Stack/Other');
  });

  test('the function on the granted role is ALLOW', () => {
    const f = only(analyze(stack(app({ Fn: fn('FnRole', {}, [declared()]) }))));
    expect(f.verdict).toBe('ALLOW');
  });
});

describe('IDENTITY_DENY', () => {
  const deny = statement('Deny', 's3:PutObject', objects(), { Sid: 'NoWrites' });
  test('an explicit Deny in an identity policy beats the grant', () => {
    const f = only(analyze(stack(app({ FnPolicy: identityPolicy([grantPut(), deny]) }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['IDENTITY_DENY']);
    expect(f.causes[0].statement).toBe('NoWrites');
    expect(f.fix).toContain('statement "NoWrites"');
  });

  test('the Deny on another bucket changes nothing', () => {
    const other = statement('Deny', 's3:PutObject', 'arn:aws:s3:::someone-else/*', { Sid: 'NoWrites' });
    const f = only(analyze(stack(app({ FnPolicy: identityPolicy([grantPut(), other]) }))));
    expect(f.verdict).toBe('ALLOW');
  });

  test('an inline policy on the role is read too (Policies), with its JSON path', () => {
    const f = only(analyze(stack(app({
      FnRole: role({ Policies: [{ PolicyName: 'Guard', PolicyDocument: { Version: '2012-10-17', Statement: [deny] } }] }),
    }))));
    expect(f.verdict).toBe('DENY');
    expect(f.causes[0]).toMatchObject({ code: 'IDENTITY_DENY', jsonPath: 'Properties/Policies/0/PolicyDocument/Statement/0' });
  });
});

describe('managed policies', () => {
  test('AmazonS3FullAccess from the bundled table grants a declared write', () => {
    const f = only(analyze(stack(app({
      FnPolicy: undefined,
      Fn: fn('FnRole', {}, [declared()]),
      FnRole: role({ ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonS3FullAccess']] }] }),
    }))));
    expect(f.verdict).toBe('ALLOW');
  });

  test('AmazonS3ReadOnlyAccess does not', () => {
    const f = only(analyze(stack(app({
      FnPolicy: undefined,
      Fn: fn('FnRole', {}, [declared()]),
      FnRole: role({ ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'] }),
    }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['NO_IDENTITY_ALLOW']);
  });

  test('an unknown managed policy ARN makes the write UNKNOWN naming externalManagedPolicies; given, it is judged', () => {
    const arn = 'arn:aws:iam::111111111111:policy/team-guard';
    const resources = app({ FnRole: role({ ManagedPolicyArns: [arn] }) });
    const f = only(analyze(stack(resources)));
    expect(f.verdict).toBe('UNKNOWN');
    expect(codes(f)).toContain('UNRESOLVED');
    expect(f.causes.map((c) => c.message).join(' ')).toContain('externalManagedPolicies');
    const given = only(analyze(stack(resources), {
      externalManagedPolicies: { [arn]: { Version: '2012-10-17', Statement: [statement('Allow', 'logs:*', '*')] } },
    }));
    expect(given.verdict).toBe('ALLOW');
  });

  test('an AWS::IAM::ManagedPolicy of the app attached through ManagedPolicyArns grants', () => {
    const f = only(analyze(stack(app({
      FnPolicy: undefined,
      Fn: fn('FnRole', {}, [declared()]),
      Managed: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [grantPut()] } } },
      FnRole: role({ ManagedPolicyArns: [{ Ref: 'Managed' }] }),
    }))));
    expect(f.verdict).toBe('ALLOW');
  });
});
