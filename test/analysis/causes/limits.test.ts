import { AnalysisEnvironment } from '../../../src/analysis/input';
import {
  analyze, app, bucketPolicy, codes, declared, fn, grantPut, identityPolicy, objects, only, role, roleArn, stack, statement,
} from '../support/app';

// Permissions boundaries, SCPs and RCPs: PERMISSIONS_BOUNDARY, SCP_DENY, RCP_DENY (IAM User Guide,
// "Policy evaluation logic" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html);
// "Permissions boundaries for IAM entities" (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html)).

const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });

describe('PERMISSIONS_BOUNDARY', () => {
  const boundary = (statements: object[]) => ({
    Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc(...statements) }, Metadata: { 'aws:cdk:path': 'Stack/Boundary/Resource' },
  });
  const withBoundary = (statements: object[], overrides: object = {}) => app({
    Boundary: boundary(statements),
    FnRole: role({ PermissionsBoundary: { Ref: 'Boundary' } }),
    Fn: fn('FnRole', {}, [declared()]),
    ...overrides,
  });

  test('a boundary that does not allow s3:PutObject denies the identity grant', () => {
    const f = only(analyze(stack(withBoundary([statement('Allow', 'logs:*', '*')]))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['PERMISSIONS_BOUNDARY']);
    expect(f.fix).toContain('permissions boundary');
  });

  test('a boundary allowing s3:PutObject lets it through', () => {
    expect(only(analyze(stack(withBoundary([statement('Allow', 's3:PutObject', '*')])))).verdict).toBe('ALLOW');
  });

  test('an explicit Deny in the boundary is PERMISSIONS_BOUNDARY, naming its statement', () => {
    const f = only(analyze(stack(withBoundary([statement('Allow', '*', '*'), statement('Deny', 's3:PutObject', '*', { Sid: 'NoPuts' })]))));
    expect(f.verdict).toBe('DENY');
    expect(f.causes[0]).toMatchObject({ code: 'PERMISSIONS_BOUNDARY', statement: 'NoPuts', location: 'Stack/Boundary' });
  });

  test('role-ARN rule: a bucket policy naming the role ARN is still limited by the boundary', () => {
    const grant = bucketPolicy([statement('Allow', 's3:PutObject', objects(), { Principal: { AWS: roleArn() } })]);
    const f = only(analyze(stack(withBoundary([statement('Allow', 'logs:*', '*')], { FnPolicy: undefined, BucketPolicy: grant }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['PERMISSIONS_BOUNDARY']);
    const noBoundary = app({ FnPolicy: undefined, BucketPolicy: grant, Fn: fn('FnRole', {}, [declared()]) });
    expect(only(analyze(stack(noBoundary))).verdict).toBe('ALLOW');
  });

  test('a boundary ARN outside the app is UNKNOWN naming externalManagedPolicies', () => {
    const external = 'arn:aws:iam::111111111111:policy/cdk-hnb659fds-permissions-boundary';
    const resources = app({ FnRole: role({ PermissionsBoundary: external }) });
    const f = only(analyze(stack(resources)));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes[0].message).toContain('externalManagedPolicies');
    const given = only(analyze(stack(resources), { externalManagedPolicies: { [external]: doc(statement('Allow', '*', '*')) } }));
    expect(given.verdict).toBe('ALLOW');
  });
});

describe('SCP_DENY and RCP_DENY (from the environment)', () => {
  const full = { name: 'FullAWSAccess', document: doc(statement('Allow', '*', '*')) };
  const denyPuts = { name: 'DenyPuts', document: doc(statement('Allow', '*', '*'), statement('Deny', 's3:PutObject', '*', { Sid: 'NoPuts' })) };

  test('an SCP Deny denies; the notes no longer claim SCPs were assumed absent', () => {
    const f = only(analyze(stack(app()), { serviceControlPolicies: [[full], [denyPuts]] }));
    expect(f.verdict).toBe('DENY');
    expect(f.causes[0]).toMatchObject({ code: 'SCP_DENY', statement: 'NoPuts' });
    expect(f.notes ?? []).not.toContainEqual(expect.stringContaining('no service control policies were given'));
  });

  test('the same SCPs without the Deny allow', () => {
    const f = only(analyze(stack(app()), { serviceControlPolicies: [[full], [full]] }));
    expect(f.verdict).toBe('ALLOW');
  });

  test('an SCP level with no Allow is an implicit SCP_DENY', () => {
    const onlyLogs = { name: 'OnlyLogs', document: doc(statement('Allow', 'logs:*', '*')) };
    const f = only(analyze(stack(app()), { serviceControlPolicies: [[full], [onlyLogs]] }));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['SCP_DENY']);
  });

  test('no SCPs given: assumed none, and the note says so', () => {
    const f = only(analyze(stack(app())));
    expect(f.notes).toContainEqual(expect.stringContaining('serviceControlPolicies'));
  });

  const orgPerimeter = {
    name: 'DataPerimeter',
    document: doc({
      Sid: 'OnlyOurOrg',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-ours' } },
    }),
  };
  const env = (organizationId?: string): AnalysisEnvironment => ({ resourceControlPolicies: [[orgPerimeter]], organizationId });

  test('an RCP data perimeter denies a principal of another organization', () => {
    const f = only(analyze(stack(app()), env('o-theirs')));
    expect(f.verdict).toBe('DENY');
    expect(f.causes[0]).toMatchObject({ code: 'RCP_DENY', statement: 'OnlyOurOrg' });
  });

  test('…and allows one of ours', () => {
    expect(only(analyze(stack(app()), env('o-ours'))).verdict).toBe('ALLOW');
  });

  test('…and is UNKNOWN, naming organizationId, when the organization is not given', () => {
    const f = only(analyze(stack(app()), env(undefined)));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes[0].message).toContain('organizationId');
  });
});

describe('identity grants limited by a grant on another role', () => {
  test('grantPut on a role the function does not use (the DefaultPolicy names another role) is DENY', () => {
    const f = only(analyze(stack(app({
      FnPolicy: identityPolicy([grantPut()], [{ Ref: 'Other' }], 'Stack/Other/DefaultPolicy/Resource'),
      Other: role({}, 'Stack/Other/Resource'),
      Fn: fn('FnRole', {}, [declared()]),
    }))));
    expect(f.verdict).toBe('DENY');
    expect(f.causes[0].message).toContain('Stack/Other');
  });
});
