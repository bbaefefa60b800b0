import {
  ACCOUNT, analyze, app, bucket, bucketPolicy, codes, declared, fn, grantPut, identityPolicy, key, keyAccountRoot, kmsEncryption,
  IN_VPC, objects, only, OTHER_ACCOUNT, role, stack, statement, vpcWithS3GatewayEndpoint,
} from '../support/app';

// False DENYs a reviewer found, each with its twin that really denies:
// 1. keys AWS always sends about the resource's owner (IAM User Guide, "AWS global condition context keys":
//    aws:ResourceAccount "is always included in the request context for most service actions"; aws:ResourceOrgID /
//    aws:ResourceOrgPaths when the owner is in an organization; aws:VpceAccount/OrgID/OrgPaths through an endpoint);
// 2. s3:TlsVersion: AWS endpoints accept TLS 1.2 or later (AWS Security Blog, "TLS 1.2 to become the minimum TLS
//    protocol level for all AWS API endpoints");
// 3. an inferred intent reads the grant's Condition for the function at hand;
// 4. policy variables in a granted Resource take the role's values (IAM "Variables and tags");
// 5. s3:RequestObjectTag keys tested in any layer are left open for inferred intents.

const declaredFn = (request = {}, props = {}) => fn('FnRole', props, [declared(request)]);
const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const scp = (name: string, ...statements: object[]) => ({ name, document: doc(statement('Allow', '*', '*'), ...statements) });

describe('aws:ResourceAccount is always in the request (data perimeter)', () => {
  const perimeter = (account: string) => ({
    Sid: 'OnlyOurResources',
    Effect: 'Deny',
    Action: ['s3:*', 'kms:*'],
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:ResourceAccount': [account] } },
  });

  test('an SCP denying resources outside the own account lets a write to the own bucket through: ALLOW', () => {
    const f = only(analyze(stack(app({ Fn: declaredFn() })), { serviceControlPolicies: [[scp('Perimeter', perimeter(ACCOUNT))]] }));
    expect(f.verdict).toBe('ALLOW');
  });

  test('…the same SCP naming another account really denies: SCP_DENY', () => {
    const f = only(analyze(stack(app({ Fn: declaredFn() })), { serviceControlPolicies: [[scp('Perimeter', perimeter(OTHER_ACCOUNT))]] }));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['SCP_DENY']);
    expect(f.causes[0].statement).toBe('OnlyOurResources');
  });

  test('in the role\'s own policy, for the SSE-KMS key too: ALLOW; naming another account: IDENTITY_DENY', () => {
    const keyArn = { 'Fn::GetAtt': ['Key', 'Arn'] };
    const withPerimeter = (account: string) => app({
      Key: key([keyAccountRoot()]),
      Bucket: bucket(kmsEncryption('Key')),
      FnPolicy: identityPolicy([grantPut(), statement('Allow', 'kms:GenerateDataKey*', keyArn), perimeter(account)]),
      Fn: declaredFn(),
    });
    expect(only(analyze(stack(withPerimeter(ACCOUNT)))).verdict).toBe('ALLOW');
    const denied = only(analyze(stack(withPerimeter(OTHER_ACCOUNT))));
    expect(denied.verdict).toBe('DENY');
    expect(codes(denied)).toContain('IDENTITY_DENY');
  });

  test('a key-only perimeter (kms:* only) is judged on the key\'s account: ALLOW; another account: DENY on the KMS step', () => {
    const keyArn = { 'Fn::GetAtt': ['Key', 'Arn'] };
    const kmsPerimeter = (account: string) => app({
      Key: key([keyAccountRoot()]),
      Bucket: bucket(kmsEncryption('Key')),
      FnPolicy: identityPolicy([grantPut(), statement('Allow', 'kms:GenerateDataKey*', keyArn),
        { ...perimeter(account), Action: 'kms:*' }]),
      Fn: declaredFn(),
    });
    expect(only(analyze(stack(kmsPerimeter(ACCOUNT)))).verdict).toBe('ALLOW');
    const denied = only(analyze(stack(kmsPerimeter(OTHER_ACCOUNT))));
    expect(denied.verdict).toBe('DENY');
    expect(denied.causes[0].message).toContain('kms:GenerateDataKey');
  });
});

describe('aws:ResourceOrgID', () => {
  const orgPerimeter = bucketPolicy([statement('Deny', 's3:PutObject', objects(), {
    Principal: '*', Sid: 'OnlyOurOrg', Condition: { StringNotEquals: { 'aws:ResourceOrgID': 'o-ours' } },
  })]);

  test('the organization given and matching: ALLOW', () => {
    expect(only(analyze(stack(app({ BucketPolicy: orgPerimeter, Fn: declaredFn() })), { organizationId: 'o-ours' })).verdict).toBe('ALLOW');
  });

  test('…another organization: DENY', () => {
    const f = only(analyze(stack(app({ BucketPolicy: orgPerimeter, Fn: declaredFn() })), { organizationId: 'o-theirs' }));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['BUCKET_POLICY_DENY']);
  });

  test('not given: UNKNOWN naming organizationId, never DENY', () => {
    const f = only(analyze(stack(app({ BucketPolicy: orgPerimeter, Fn: declaredFn() }))));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes[0].message).toContain('organizationId');
  });
});

const vpcResources = vpcWithS3GatewayEndpoint();

describe('aws:VpceAccount through a VPC endpoint', () => {
  const ourEndpointsOnly = bucketPolicy([statement('Deny', 's3:PutObject', objects(), {
    Principal: '*', Sid: 'OurEndpointsOnly', Condition: { StringNotEquals: { 'aws:VpceAccount': ACCOUNT } },
  })]);

  // IAM User Guide, "AWS global condition context keys": aws:VpceAccount is the account that owns the VPC endpoint
  // the request passes through; an endpoint of the app is owned by the account of the stack that creates it.
  test('through the app\'s gateway endpoint the endpoint owner is the stack\'s account: the perimeter admits it, ALLOW', () => {
    const f = only(analyze(stack(app({ ...vpcResources, BucketPolicy: ourEndpointsOnly, Fn: declaredFn({}, IN_VPC) }))));
    expect(f.verdict).toBe('ALLOW');
  });

  test('…a perimeter naming another account: DENY, decided from the endpoint\'s stack', () => {
    const otherEndpoints = bucketPolicy([statement('Deny', 's3:PutObject', objects(), {
      Principal: '*', Sid: 'OurEndpointsOnly', Condition: { StringNotEquals: { 'aws:VpceAccount': '333333333333' } },
    })]);
    const f = only(analyze(stack(app({ ...vpcResources, BucketPolicy: otherEndpoints, Fn: declaredFn({}, IN_VPC) }))));
    expect(f.verdict).toBe('DENY');
    expect(f.causes[0].statement).toBe('OurEndpointsOnly');
  });

  test('…an endpoint of an environment-agnostic stack: its owner is not known, UNKNOWN, never DENY', () => {
    const f = only(analyze(stack(app({ ...vpcResources, BucketPolicy: ourEndpointsOnly, Fn: declaredFn({}, IN_VPC) }), { account: undefined })));
    expect(f.verdict).not.toBe('DENY');
  });

  test('…a function outside the VPC sends no aws:VpceAccount at all, so the Deny fires: DENY', () => {
    const f = only(analyze(stack(app({ ...vpcResources, BucketPolicy: ourEndpointsOnly, Fn: declaredFn() }))));
    expect(f.verdict).toBe('DENY');
  });
});

describe('aws:SourceVpcArn of a VPC of the app', () => {
  // IAM User Guide, "AWS global condition context keys": aws:SourceVpcArn is the ARN of the VPC the request comes
  // from through an endpoint; a VPC's ARN is arn:<partition>:ec2:<region>:<account>:vpc/<vpc-id>.
  const onlyFrom = (vpcArn: unknown) => bucketPolicy([statement('Deny', 's3:PutObject', objects(), {
    Principal: '*', Sid: 'OnlyOurVpc', Condition: { ArnNotEquals: { 'aws:SourceVpcArn': vpcArn } },
  })]);
  const ourVpcArn = { 'Fn::Join': ['', ['arn:aws:ec2:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':vpc/', { Ref: 'Vpc' }]] };

  test('the function\'s VPC is the one the Deny admits: ALLOW (was UNKNOWN: the ARN was not built)', () => {
    const f = only(analyze(stack(app({ ...vpcResources, BucketPolicy: onlyFrom(ourVpcArn), Fn: declaredFn({}, IN_VPC) }))));
    expect(f.verdict).toBe('ALLOW');
  });

  test('twin: the Deny admits another VPC: DENY', () => {
    const other = `arn:aws:ec2:eu-west-1:${ACCOUNT}:vpc/vpc-0123456789abcdef0`;
    const f = only(analyze(stack(app({ ...vpcResources, BucketPolicy: onlyFrom(other), Fn: declaredFn({}, IN_VPC) }))));
    expect(f.verdict).toBe('DENY');
    expect(f.causes[0].statement).toBe('OnlyOurVpc');
  });
});

describe('s3:TlsVersion: AWS endpoints accept TLS 1.2 or 1.3', () => {
  const denyBelow = (version: string) => bucketPolicy([statement('Deny', 's3:*', objects(), {
    Principal: '*', Sid: 'MinimumTls', Condition: { NumericLessThan: { 's3:TlsVersion': version } },
  })]);

  test('Deny NumericLessThan 1.2 (the S3 User Guide example) never fires: ALLOW, with the assumption in the notes', () => {
    const f = only(analyze(stack(app({ BucketPolicy: denyBelow('1.2'), Fn: declaredFn() }))));
    expect(f.verdict).toBe('ALLOW');
    expect(f.notes).toContainEqual(expect.stringContaining('s3:TlsVersion'));
  });

  test('Deny NumericLessThan 1.3 depends on the negotiated version: UNKNOWN, never DENY', () => {
    const f = only(analyze(stack(app({ BucketPolicy: denyBelow('1.3'), Fn: declaredFn() }))));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes[0].message).toContain('s3:TlsVersion');
  });

  test('…Deny NumericLessThan 1.4 fires for every version AWS accepts: DENY', () => {
    const f = only(analyze(stack(app({ BucketPolicy: denyBelow('1.4'), Fn: declaredFn() }))));
    expect(f.verdict).toBe('DENY');
    expect(f.causes[0].statement).toBe('MinimumTls');
  });
});

describe('inferred intents read the grant\'s Condition for each function', () => {
  const fn2Arn = { 'Fn::GetAtt': ['Fn2', 'Arn'] };
  const fn2 = { ...fn(), Metadata: { 'aws:cdk:path': 'Stack/Fn2/Resource' } };
  const onlyFn2 = identityPolicy([{ ...grantPut(), Condition: { ArnEquals: { 'lambda:SourceFunctionArn': fn2Arn } } }]);

  test('two functions share a role and the grant names Fn2 by lambda:SourceFunctionArn: no intent for Fn, ALLOW for Fn2', () => {
    const findings = analyze(stack(app({ Fn2: fn2, FnPolicy: onlyFn2 })));
    expect(findings.map((f) => f.function)).toEqual(['Stack/Fn2']);
    expect(findings[0].verdict).toBe('ALLOW');
  });

  test('…Fn declaring the write it is not granted is really denied: DENY', () => {
    const findings = analyze(stack(app({ Fn2: fn2, FnPolicy: onlyFn2, Fn: declaredFn() })));
    const forFn = findings.find((f) => f.function === 'Stack/Fn')!;
    expect(forFn.verdict).toBe('DENY');
    expect(codes(forFn)).toEqual(['NO_IDENTITY_ALLOW']);
    expect(findings.find((f) => f.function === 'Stack/Fn2')!.verdict).toBe('ALLOW');
  });

  test('a grant for another role tag infers nothing; for the role\'s own tag it is ALLOW', () => {
    const forTeamA = identityPolicy([{ ...grantPut(), Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a' } } }]);
    const tagged = (team: string) => role({ Tags: [{ Key: 'team', Value: team }] });
    expect(analyze(stack(app({ FnPolicy: forTeamA, FnRole: tagged('b') })))).toEqual([]);
    expect(only(analyze(stack(app({ FnPolicy: forTeamA, FnRole: tagged('a') })))).verdict).toBe('ALLOW');
  });

  test('a Condition on what the request sends stays open: the intent is inferred and CONDITIONAL, not dropped', () => {
    const onlyKms = identityPolicy([{ ...grantPut(), Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } }]);
    const f = only(analyze(stack(app({ FnPolicy: onlyKms }))));
    expect(f.intent).toBe('inferred');
    expect(f.verdict).toBe('CONDITIONAL');
  });
});

describe('policy variables in a granted Resource take the role\'s values', () => {
  const byTeam = identityPolicy([statement('Allow', 's3:PutObject', objects('${aws:PrincipalTag/team}/*'))]);
  const teamA = role({ Tags: [{ Key: 'team', Value: 'a' }] });

  test('a role tagged team=a granted bucket/${aws:PrincipalTag/team}/* writes a/*: ALLOW', () => {
    const f = only(analyze(stack(app({ FnPolicy: byTeam, FnRole: teamA }))));
    expect(f.verdict).toBe('ALLOW');
    expect(f.keyPattern).toBe('a/*');
    expect(f.notes).toContainEqual(expect.stringContaining('${aws:PrincipalTag/team}'));
  });

  test('…a bucket policy denying a/* really denies it: DENY naming a/*', () => {
    const denyA = bucketPolicy([statement('Deny', 's3:PutObject', objects('a/*'), { Principal: '*', Sid: 'NotTeamA' })]);
    const f = only(analyze(stack(app({ FnPolicy: byTeam, FnRole: teamA, BucketPolicy: denyA }))));
    expect(f.verdict).toBe('DENY');
    expect(f.keyPattern).toBe('a/*');
    expect(f.causes[0].statement).toBe('NotTeamA');
  });

  test('a variable of unknown value keeps the pattern as written and is UNKNOWN, never DENY', () => {
    const byOrg = identityPolicy([statement('Allow', 's3:PutObject', objects('${aws:PrincipalOrgID}/*'))]);
    const f = only(analyze(stack(app({ FnPolicy: byOrg }))));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.keyPattern).toBe('${aws:PrincipalOrgID}/*');
    expect(only(analyze(stack(app({ FnPolicy: byOrg })), { organizationId: 'o-ours' }))).toMatchObject({ verdict: 'ALLOW', keyPattern: 'o-ours/*' });
  });

  test('an untagged role: the grant matches nothing, so it infers nothing; a declared write is really denied', () => {
    expect(analyze(stack(app({ FnPolicy: byTeam })))).toEqual([]);
    const f = only(analyze(stack(app({ FnPolicy: byTeam, Fn: declaredFn() }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['NO_IDENTITY_ALLOW']);
  });
});

describe('s3:RequestObjectTag keys tested only by an SCP', () => {
  const needsClassification = scp('Classify', statement('Deny', 's3:PutObject', '*', {
    Sid: 'NeedsClassification', Condition: { StringNotEquals: { 's3:RequestObjectTag/classification': 'internal' } },
  }));

  test('an inferred intent (tags unknown) is CONDITIONAL naming the tag, not DENY', () => {
    const f = only(analyze(stack(app()), { serviceControlPolicies: [[needsClassification]] }));
    expect(f.verdict).toBe('CONDITIONAL');
    expect(JSON.stringify(f)).toContain('classification');
  });

  test('…a declared write without the tag is really denied: DENY', () => {
    const f = only(analyze(stack(app({ Fn: declaredFn() })), { serviceControlPolicies: [[needsClassification]] }));
    expect(f.verdict).toBe('DENY');
    expect(only(analyze(stack(app({ Fn: declaredFn({ tags: { classification: 'internal' } }) })),
      { serviceControlPolicies: [[needsClassification]] })).verdict).toBe('ALLOW');
  });
});

describe('aws:PrincipalTag of a role outside the app', () => {
  const teamOnly = bucketPolicy([statement('Deny', 's3:PutObject', objects(), {
    Principal: '*', Sid: 'TeamAOnly', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'a' } },
  })]);

  test('an imported role may carry the tag: the Deny is UNKNOWN, never DENY', () => {
    const importedRole = { ...declaredFn(), Properties: { ...declaredFn().Properties, Role: `arn:aws:iam::${ACCOUNT}:role/imported` } };
    const f = only(analyze(stack(app({ Fn: importedRole, FnRole: undefined, FnPolicy: undefined, BucketPolicy: teamOnly }))));
    expect(f.verdict).toBe('UNKNOWN');
  });

  test('…a role of the app without the tag really is denied: DENY', () => {
    const f = only(analyze(stack(app({ Fn: declaredFn(), BucketPolicy: teamOnly }))));
    expect(f.verdict).toBe('DENY');
    expect(f.causes[0].statement).toBe('TeamAOnly');
  });
});
