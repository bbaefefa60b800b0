import {
  analyze, app, bucket, bucketArn, bucketPolicy, codes, declared, fn, grantPut, identityPolicy, objects, only, resource, role, roleArn, stack,
  statement,
} from '../support/app';

// A function may write with other credentials than its execution role's when the app hands it some: a DENY that
// rests on the role's own policies is then not conclusive (UNKNOWN, naming the resource), never a failed build.
// Each rule both ways: the resource present → UNKNOWN; removed (or unable to give write access) → DENY.

const write = () => fn('FnRole', {}, [declared({}, 'incoming/')]);

/** The role may ask S3 Access Grants for credentials (S3 API Reference, "GetDataAccess": s3:GetDataAccess is required). */
const getDataAccess = () => statement('Allow', 's3:GetDataAccess', '*');

function accessGrants(grant: Record<string, unknown> = {}, scope = 's3://'): Record<string, unknown> {
  return {
    GrantsInstance: resource('AWS::S3::AccessGrantsInstance', {}, 'Stack/Grants/Instance'),
    GrantsLocationRole: role({}, 'Stack/Grants/LocationRole/Resource'),
    GrantsLocation: resource('AWS::S3::AccessGrantsLocation', { LocationScope: scope, IamRoleArn: roleArn('GrantsLocationRole') }, 'Stack/Grants/Location'),
    Grant: resource('AWS::S3::AccessGrant', {
      AccessGrantsLocationId: { 'Fn::GetAtt': ['GrantsLocation', 'AccessGrantsLocationId'] },
      Grantee: { GranteeType: 'IAM', GranteeIdentifier: roleArn('FnRole') },
      Permission: 'READWRITE',
      ...grant,
    }, 'Stack/Grants/Grant'),
  };
}

/** The app of the issue: no identity grant of s3:PutObject, the role may call s3:GetDataAccess, and (optionally) an access grant. */
function grantsApp(extra: Record<string, unknown> = {}, policy = [getDataAccess()]): Record<string, unknown> {
  return app({ Fn: write(), FnPolicy: identityPolicy(policy), ...extra });
}

describe('S3 Access Grants (S3 User Guide, "Request access to Amazon S3 data through S3 Access Grants")', () => {
  test('an access grant of WRITE to the function\'s role makes NO_IDENTITY_ALLOW not conclusive: UNKNOWN naming the grant', () => {
    const f = only(analyze(stack(grantsApp(accessGrants()))));
    expect(f.verdict).toBe('UNKNOWN');
    expect(codes(f)).toEqual(['NO_IDENTITY_ALLOW']);
    expect(f.causes[0].message).toContain('Not conclusive');
    expect(f.causes[0].message).toContain('S3 Access Grant Stack/Grants/Grant');
    expect(f.causes[0].message).toContain('access-grants-credentials.html');
  });

  test('twin: the same app without the access grant is DENY', () => {
    const f = only(analyze(stack(grantsApp())));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['NO_IDENTITY_ALLOW']);
  });

  test.each([
    ['a READ grant', { Permission: 'READ' }],
    ['a grant to another role', { Grantee: { GranteeType: 'IAM', GranteeIdentifier: roleArn('GrantsLocationRole') } }],
    ['a grant to a directory user', { Grantee: { GranteeType: 'DIRECTORY_USER', GranteeIdentifier: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111' } }],
  ])('%s gives the function no write: DENY', (_name, grant) => {
    expect(only(analyze(stack(grantsApp(accessGrants(grant))))).verdict).toBe('DENY');
  });

  test('the role without s3:GetDataAccess cannot get the grant\'s credentials: DENY', () => {
    const f = only(analyze(stack(grantsApp(accessGrants(), [statement('Allow', 's3:GetObject', objects())]))));
    expect(f.verdict).toBe('DENY');
  });

  test('a location scoped to another bucket gives no write here (DENY); one scoped to this bucket does (UNKNOWN)', () => {
    const named = { Bucket: bucket({ BucketName: 'landing-bucket' }) };
    expect(only(analyze(stack(grantsApp({ ...named, ...accessGrants({}, 's3://other-bucket/data/') })))).verdict).toBe('DENY');
    expect(only(analyze(stack(grantsApp({ ...named, ...accessGrants({}, 's3://landing-bucket/incoming/') })))).verdict).toBe('UNKNOWN');
  });

  test('a grant on the default location s3:// (ID "default") covers every bucket: UNKNOWN', () => {
    const f = only(analyze(stack(grantsApp({ ...accessGrants({ AccessGrantsLocationId: 'default' }), GrantsLocation: undefined }))));
    expect(f.verdict).toBe('UNKNOWN');
  });

  test('a bucket-policy Deny of every principal without the encryption header stays DENY: vended credentials meet it too', () => {
    const deny = bucketPolicy([statement('Deny', 's3:PutObject', objects(), {
      Principal: '*', Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
    })]);
    const f = only(analyze(stack(grantsApp({ ...accessGrants(), BucketPolicy: deny }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toContain('REQUEST_CONDITION');
  });

  test('a bucket-policy Deny naming the function\'s role is not conclusive with the grant (UNKNOWN), and DENY without it', () => {
    const deny = bucketPolicy([statement('Deny', 's3:PutObject', objects(), { Principal: { AWS: roleArn('FnRole') } })]);
    const resources = { FnPolicy: identityPolicy([grantPut(), getDataAccess()]), BucketPolicy: deny };
    expect(only(analyze(stack(grantsApp({ ...resources, ...accessGrants() })))).verdict).toBe('UNKNOWN');
    expect(only(analyze(stack(grantsApp(resources)))).verdict).toBe('DENY');
  });

  test('an access grant never turns an ALLOW into anything else', () => {
    const f = only(analyze(stack(grantsApp(accessGrants(), [grantPut(), getDataAccess()]))));
    expect(f.verdict).toBe('ALLOW');
  });
});

describe('roles the function can obtain', () => {
  /** A role of the app that may write to the bucket, trusting `principal`. */
  function writerRole(principal: unknown, grant = grantPut()): Record<string, unknown> {
    return {
      Writer: role({
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] },
      }, 'Stack/Writer/Resource'),
      WriterPolicy: identityPolicy([grant], [{ Ref: 'Writer' }], 'Stack/Writer/DefaultPolicy/Resource'),
    };
  }

  test('a role whose trust policy names the function\'s role, and that may write: UNKNOWN naming it (IAM "Methods to assume a role")', () => {
    const f = only(analyze(stack(grantsApp(writerRole({ AWS: roleArn('FnRole') }), []))));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes[0].message).toContain('may assume role Stack/Writer');
  });

  test('twin: the role trusts only lambda.amazonaws.com: DENY', () => {
    expect(only(analyze(stack(grantsApp(writerRole({ Service: 'lambda.amazonaws.com' }), [])))).verdict).toBe('DENY');
  });

  test('a role trusting the account needs sts:AssumeRole in the function role\'s policy: DENY without, UNKNOWN with', () => {
    const root = { AWS: { 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':root']] } };
    expect(only(analyze(stack(grantsApp(writerRole(root), [])))).verdict).toBe('DENY');
    const assume = statement('Allow', 'sts:AssumeRole', roleArn('Writer'));
    expect(only(analyze(stack(grantsApp(writerRole(root), [assume])))).verdict).toBe('UNKNOWN');
  });

  test('an assumable role that may not write either leaves the DENY', () => {
    const f = only(analyze(stack(grantsApp(writerRole({ AWS: roleArn('FnRole') }, statement('Allow', 's3:GetObject', objects())), []))));
    expect(f.verdict).toBe('DENY');
  });

  test('a Cognito identity pool handing out a role that may write: UNKNOWN; one whose role may not: DENY', () => {
    const pool = (roleId: string) => ({
      Pool: resource('AWS::Cognito::IdentityPool', { AllowUnauthenticatedIdentities: true }, 'Stack/Pool'),
      PoolRoles: resource('AWS::Cognito::IdentityPoolRoleAttachment', { IdentityPoolId: { Ref: 'Pool' }, Roles: { unauthenticated: roleArn(roleId) } }, 'Stack/PoolRoles'),
    });
    const federated = { Federated: 'cognito-identity.amazonaws.com' };
    const open = only(analyze(stack(grantsApp({ ...writerRole(federated), ...pool('Writer') }, []))));
    expect(open.verdict).toBe('UNKNOWN');
    expect(open.causes[0].message).toContain('Stack/PoolRoles');
    const readOnly = writerRole(federated, statement('Allow', 's3:GetObject', objects()));
    expect(only(analyze(stack(grantsApp({ ...readOnly, ...pool('Writer') }, [])))).verdict).toBe('DENY');
  });
});

describe('an IAM user\'s access key the app passes on (IAM "Manage access keys for IAM users")', () => {
  function userWithKey(secretShared: boolean, grant = grantPut()): Record<string, unknown> {
    return {
      Uploader: resource('AWS::IAM::User', {}, 'Stack/Uploader/Resource'),
      UploaderPolicy: resource('AWS::IAM::Policy', {
        PolicyName: 'Upload', Users: [{ Ref: 'Uploader' }], PolicyDocument: { Version: '2012-10-17', Statement: [grant] },
      }, 'Stack/Uploader/DefaultPolicy/Resource'),
      UploaderKey: resource('AWS::IAM::AccessKey', { UserName: { Ref: 'Uploader' } }, 'Stack/UploaderKey/Resource'),
      ...(secretShared ? {
        UploaderSecret: resource('AWS::SecretsManager::Secret', { SecretString: { 'Fn::GetAtt': ['UploaderKey', 'SecretAccessKey'] } }, 'Stack/UploaderSecret/Resource'),
      } : {}),
    };
  }

  test('a key whose secret is stored for others, of a user that may write: UNKNOWN naming the key', () => {
    const f = only(analyze(stack(grantsApp(userWithKey(true), []))));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes[0].message).toContain('access key Stack/UploaderKey');
  });

  test('twin: the secret is never read (only Fn::GetAtt SecretAccessKey gives it): DENY', () => {
    expect(only(analyze(stack(grantsApp(userWithKey(false), [])))).verdict).toBe('DENY');
  });

  test('the user may not write: DENY', () => {
    expect(only(analyze(stack(grantsApp(userWithKey(true, statement('Allow', 's3:GetObject', objects())), [])))).verdict).toBe('DENY');
  });
});

describe('Lake Formation (Lake Formation Developer Guide, "Accessing Amazon S3 locations")', () => {
  const registered = { Location: resource('AWS::LakeFormation::Resource', { ResourceArn: bucketArn(), UseServiceLinkedRole: true }, 'Stack/Location') };

  test('the bucket registered, and the role may call lakeformation:GetDataAccess: UNKNOWN naming the registration', () => {
    const f = only(analyze(stack(grantsApp(registered, [statement('Allow', 'lakeformation:GetDataAccess', '*')]))));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes[0].message).toContain('Stack/Location');
  });

  test('twin: the role may not call lakeformation:GetDataAccess: DENY', () => {
    expect(only(analyze(stack(grantsApp(registered, [])))).verdict).toBe('DENY');
  });
});

describe('resources that give no other way to write', () => {
  test('an Object Lambda access point (GET, LIST and HEAD only: S3 User Guide, "Best practices and guidelines for S3 Object Lambda") leaves the DENY', () => {
    const olap = resource('AWS::S3ObjectLambda::AccessPoint', {
      ObjectLambdaConfiguration: { SupportingAccessPoint: 'arn:aws:s3:eu-west-1:111111111111:accesspoint/ap', TransformationConfigurations: [] },
    }, 'Stack/Olap');
    expect(only(analyze(stack(grantsApp({ Olap: olap }, [])))).verdict).toBe('DENY');
  });

  test('a resource type the model does not know, naming the role and the bucket, changes neither an ALLOW nor a DENY', () => {
    const thing = { Thing: resource('AWS::Example::Thing', { Role: roleArn('FnRole'), Bucket: { Ref: 'Bucket' }, Target: objects() }, 'Stack/Thing') };
    expect(only(analyze(stack(grantsApp(thing, [grantPut()])))).verdict).toBe('ALLOW');
    expect(only(analyze(stack(grantsApp(thing, [])))).verdict).toBe('DENY');
    const custom = { Thing: resource('Custom::Grant', { ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:x', Role: roleArn('FnRole') }, 'Stack/Thing') };
    expect(only(analyze(stack(grantsApp(custom, [grantPut()])))).verdict).toBe('ALLOW');
  });
});
