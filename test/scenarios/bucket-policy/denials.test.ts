import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CannedAcl, ExpectWriteOptions, WriteAccessChecker, WriteAccessCheckerProps, WriteEncryption, WriteVerdict } from '../../../src/checker';
import { describeFinding, newApp, stackIn, synthWithChecker, verdictFor, writerFunction } from '../../support/harness';

// Each real cause of "Lambda s3:PutObject AccessDenied" in an otherwise ordinary app, both ways: with the cause the
// write is DENY (synth fails naming the cause); the same app with the cause removed is ALLOW (synth passes).
// Sources: S3 User Guide, "Troubleshoot access denied (403 Forbidden) errors in Amazon S3"; IAM User Guide, "Policy
// evaluation logic" (an explicit Deny in any policy wins; same account needs an Allow in the identity or the
// resource policy); KMS Developer Guide, "Key policies" (without the account-root statement, IAM policies cannot
// grant access to the key) and S3 User Guide "Using SSE-KMS" (PutObject needs kms:GenerateDataKey, multipart also
// kms:Decrypt); S3 API Reference, PutObject "Permissions" (tags need s3:PutObjectTagging, Object Lock headers
// s3:PutObjectRetention / s3:PutObjectLegalHold).

interface Built { fn: lambda.IFunction; bucket: s3.IBucket; intent?: ExpectWriteOptions }

function judge(build: (stack: Stack) => Built, props: WriteAccessCheckerProps = {}) {
  const app = newApp();
  const stack = stackIn(app, 'App');
  const { fn, bucket, intent } = build(stack);
  WriteAccessChecker.expectWrite(fn, bucket, intent ?? {});
  const { checker, error } = synthWithChecker(app, props);
  return { finding: verdictFor(checker, fn, bucket, 'declared'), error };
}

function expectDeny(result: ReturnType<typeof judge>, code: string) {
  expect(result.finding.verdict).toBe(WriteVerdict.DENY);
  expect(result.finding.causes.map(c => c.code)).toContain(code);
  expect(result.error?.message).toContain(code);
}

function expectAllow(result: ReturnType<typeof judge>) {
  expect(describeFinding(result.finding)).toBe('ALLOW [] ');
  expect(result.error).toBeUndefined();
}

describe('NO_IDENTITY_ALLOW', () => {
  const app = (read: boolean) => (stack: Stack): Built => {
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    if (read) bucket.grantRead(fn); else bucket.grantReadWrite(fn);
    return { fn, bucket };
  };
  test('grantRead only, code writes: DENY', () => expectDeny(judge(app(true)), 'NO_IDENTITY_ALLOW'));
  test('twin: grantReadWrite: ALLOW', () => expectAllow(judge(app(false))));

  const prefixed = (declared: string) => (stack: Stack): Built => {
    const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn, 'incoming/*');
    return { fn, bucket, intent: { keyPrefix: declared } };
  };
  test('grantPut on incoming/*, code writes under processed/: DENY', () => expectDeny(judge(prefixed('processed/')), 'NO_IDENTITY_ALLOW'));
  test('twin: code writes under incoming/: ALLOW', () => expectAllow(judge(prefixed('incoming/'))));
  test('code writes under incoming/2024/ (inside the granted prefix): ALLOW', () => expectAllow(judge(prefixed('incoming/2024/'))));

  test('the grant names the bucket ARN only (no /*): DENY; with arnForObjects: ALLOW', () => {
    for (const objects of [false, true]) {
      const result = judge(stack => {
        const bucket = new s3.Bucket(stack, 'Bucket');
        const fn = writerFunction(stack, 'Writer');
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [objects ? bucket.arnForObjects('*') : bucket.bucketArn] }));
        return { fn, bucket };
      });
      if (objects) expectAllow(result); else expectDeny(result, 'NO_IDENTITY_ALLOW');
    }
  });

  test('the grant is on another bucket of the app: DENY', () => {
    expectDeny(judge(stack => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      const other = new s3.Bucket(stack, 'Other');
      const fn = writerFunction(stack, 'Writer');
      other.grantPut(fn);
      return { fn, bucket };
    }), 'NO_IDENTITY_ALLOW');
  });
});

describe('IDENTITY_DENY', () => {
  for (const denied of [true, false]) {
    test(`a guard-rail Deny of s3:PutObject on "*" in the role policy: ${denied ? 'DENY' : 'ALLOW without it'}`, () => {
      const result = judge(stack => {
        const bucket = new s3.Bucket(stack, 'Bucket');
        const fn = writerFunction(stack, 'Writer');
        bucket.grantPut(fn);
        if (denied) fn.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:PutObject'], resources: ['*'] }));
        return { fn, bucket };
      });
      if (denied) expectDeny(result, 'IDENTITY_DENY'); else expectAllow(result);
    });
  }

  test('a "Deny s3:* NotResource other bucket" guard in a managed policy: DENY', () => {
    expectDeny(judge(stack => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      const allowed = new s3.Bucket(stack, 'Allowed');
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn);
      fn.role!.addManagedPolicy(new iam.ManagedPolicy(stack, 'OnlyAllowedBucket', {
        statements: [new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:*'], notResources: [allowed.bucketArn, allowed.arnForObjects('*')] })],
      }));
      return { fn, bucket };
    }), 'IDENTITY_DENY');
  });
});

describe('BUCKET_POLICY_DENY', () => {
  const app = (deniedPrincipal: 'writer' | 'other') => (stack: Stack): Built => {
    const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
    const fn = writerFunction(stack, 'Writer');
    const other = writerFunction(stack, 'Other');
    bucket.grantPut(fn);
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'NoWrites',
      effect: iam.Effect.DENY,
      principals: [new iam.ArnPrincipal((deniedPrincipal === 'writer' ? fn : other).role!.roleArn)],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects('*')],
    }));
    return { fn, bucket };
  };
  test('an explicit Deny naming the writer\'s role: DENY, statement NoWrites', () => {
    const result = judge(app('writer'));
    expectDeny(result, 'BUCKET_POLICY_DENY');
    expect(result.finding.causes[0].statement).toBe('NoWrites');
  });
  test('twin: the Deny names another function\'s role: ALLOW', () => expectAllow(judge(app('other'))));

  // IAM User Guide, "NotPrincipal" with Deny: list the assumed-role session ARN, the role ARN and the account ARN;
  // "If the NotPrincipal element was missing the ARN of the role [or the session], the effect of the policy might be
  // to explicitly deny access". A Lambda's requests come from the session
  // arn:aws:sts::<account>:assumed-role/<role name>/<function name>.
  function notPrincipalApp(listed: Array<'role' | 'account' | 'session'>, boundary = false) {
    return (stack: Stack): Built => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn);
      const principals: iam.IPrincipal[] = [];
      if (listed.includes('role')) principals.push(new iam.ArnPrincipal(fn.role!.roleArn));
      if (listed.includes('account')) principals.push(new iam.AccountRootPrincipal());
      if (listed.includes('session')) {
        principals.push(new iam.ArnPrincipal(`arn:aws:sts::${stack.account}:assumed-role/${fn.role!.roleName}/${fn.functionName}`));
      }
      bucket.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'OnlyWriter', effect: iam.Effect.DENY, notPrincipals: principals, actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')],
      }));
      if (boundary) {
        iam.PermissionsBoundary.of(fn).apply(new iam.ManagedPolicy(stack, 'Boundary', {
          statements: [new iam.PolicyStatement({ actions: ['s3:*', 'logs:*'], resources: ['*'] })],
        }));
      }
      return { fn, bucket };
    };
  }
  // The session ARN must be listed for the session to be exempt: a role ARN in NotPrincipal exempts no session of it
  // (IAM User Guide, "AWS JSON policy elements: NotPrincipal", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html;
  // AWS Knowledge Center, "explicit deny with NotPrincipal in an S3 bucket policy"). So the Deny applies: DENY, with the fix.
  test.each([
    ['[role ARN]', ['role']],
    ['[role ARN, account ARN]', ['role', 'account']],
  ] as Array<[string, Array<'role' | 'account'>]>)('Deny NotPrincipal %s without the session ARN: DENY, saying to list the session', (_n, listed) => {
    const result = judge(notPrincipalApp(listed));
    expect(result.finding.verdict).toBe(WriteVerdict.DENY);
    expect(JSON.stringify(result.finding)).toMatch(/assumed-role|aws:PrincipalArn/);
  });
  test('Deny NotPrincipal [another function\'s role ARN, the account ARN]: DENY (the docs\' "Bob" example: everyone else in the account is denied)', () => {
    const result = judge(stack => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      const fn = writerFunction(stack, 'Writer');
      const other = writerFunction(stack, 'Other');
      bucket.grantPut(fn);
      bucket.addToResourcePolicy(new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        notPrincipals: [new iam.ArnPrincipal(other.role!.roleArn), new iam.AccountRootPrincipal()],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('*')],
      }));
      return { fn, bucket };
    });
    expectDeny(result, 'BUCKET_POLICY_DENY');
  });
  test('Deny NotPrincipal [session, role, account] (the documented form): not DENY', () => {
    // The session name of a Lambda execution role is the function name (observed, not documented): ALLOW or UNKNOWN.
    const result = judge(notPrincipalApp(['session', 'role', 'account']));
    expect([WriteVerdict.ALLOW, WriteVerdict.UNKNOWN]).toContain(result.finding.verdict);
    expect(result.error).toBeUndefined();
  });
  test('…the same with a permissions boundary on the role: DENY ("NotPrincipal with Deny always denies a principal with a boundary")', () => {
    // IAM User Guide, "NotPrincipal" key points and "Permissions boundaries for IAM entities".
    const result = judge(notPrincipalApp(['session', 'role', 'account'], true));
    expect(result.finding.verdict).toBe(WriteVerdict.DENY);
  });
});

describe('KMS_KEY_POLICY (aws/aws-cdk#32286: a strict key policy CDK grants do not touch)', () => {
  const app = (keyPolicy: 'admins-only' | 'account-root' | 'role-statement') => (stack: Stack): Built => {
    const admin = new iam.Role(stack, 'KeyAdmin', { assumedBy: new iam.AccountRootPrincipal() });
    const fn = writerFunction(stack, 'Writer');
    const statements = [new iam.PolicyStatement({ principals: [admin], actions: ['kms:*'], resources: ['*'] })];
    if (keyPolicy === 'account-root') statements.push(new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['kms:*'], resources: ['*'] }));
    if (keyPolicy === 'role-statement') {
      statements.push(new iam.PolicyStatement({ principals: [fn.role!], actions: ['kms:GenerateDataKey*', 'kms:Decrypt', 'kms:Encrypt'], resources: ['*'] }));
    }
    const key = new kms.Key(stack, 'Key', { policy: new iam.PolicyDocument({ statements }) });
    const bucket = new s3.Bucket(stack, 'Bucket', { encryptionKey: key });
    bucket.grantPut(fn);
    return { fn, bucket };
  };
  test('key policy names only an admin role (no account root, no writer): DENY', () => expectDeny(judge(app('admins-only')), 'KMS_KEY_POLICY'));
  test('twin: key policy delegates to the account: ALLOW', () => expectAllow(judge(app('account-root'))));
  test('twin: key policy names the writer role: ALLOW', () => expectAllow(judge(app('role-statement'))));
});

describe('KMS_IDENTITY', () => {
  const app = (grant: 'put-only' | 'grantPut') => (stack: Stack): Built => {
    const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true });
    const fn = writerFunction(stack, 'Writer');
    if (grant === 'grantPut') bucket.grantPut(fn);
    else fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] }));
    return { fn, bucket };
  };
  test('SSE-KMS bucket (CDK key, default key policy), role allows only s3:PutObject: DENY', () => expectDeny(judge(app('put-only')), 'KMS_IDENTITY'));
  test('twin: grantPut (adds kms:GenerateDataKey* on the key): ALLOW', () => expectAllow(judge(app('grantPut'))));

  const multipart = (decrypt: boolean) => (stack: Stack): Built => {
    const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS });
    const fn = writerFunction(stack, 'Writer');
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:AbortMultipartUpload'], resources: [bucket.arnForObjects('*')] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: decrypt ? ['kms:GenerateDataKey', 'kms:Decrypt'] : ['kms:GenerateDataKey'], resources: [bucket.encryptionKey!.keyArn] }));
    return { fn, bucket, intent: { request: { multipart: true } } };
  };
  test('multipart upload with only kms:GenerateDataKey: DENY (UploadPart needs kms:Decrypt)', () => expectDeny(judge(multipart(false)), 'KMS_IDENTITY'));
  test('twin: with kms:Decrypt: ALLOW', () => expectAllow(judge(multipart(true))));
});

describe('request parameters that need more than s3:PutObject', () => {
  const tagged = (grant: 'put-only' | 'grantPut') => (stack: Stack): Built => {
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    if (grant === 'grantPut') bucket.grantPut(fn);
    else fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] }));
    return { fn, bucket, intent: { request: { tags: { classification: 'internal' } } } };
  };
  test('x-amz-tagging with only s3:PutObject: DENY (MISSING_TAGGING_PERMISSION)', () => expectDeny(judge(tagged('put-only')), 'MISSING_TAGGING_PERMISSION'));
  test('twin: grantPut (includes s3:PutObjectTagging): ALLOW', () => expectAllow(judge(tagged('grantPut'))));

  const locked = (grant: 'put-only' | 'grantPut') => (stack: Stack): Built => {
    const bucket = new s3.Bucket(stack, 'Bucket', { objectLockEnabled: true, versioned: true });
    const fn = writerFunction(stack, 'Writer');
    if (grant === 'grantPut') bucket.grantPut(fn);
    else fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] }));
    return { fn, bucket, intent: { request: { objectLockMode: s3.ObjectLockMode.GOVERNANCE } } };
  };
  test('Object Lock retention header with only s3:PutObject: DENY (MISSING_OBJECT_LOCK_PERMISSION)', () => expectDeny(judge(locked('put-only')), 'MISSING_OBJECT_LOCK_PERMISSION'));
  test('twin: grantPut (includes s3:PutObjectRetention): ALLOW', () => expectAllow(judge(locked('grantPut'))));

  test('a public-read ACL on a default bucket (ACLs disabled): DENY (ACL_NOT_SUPPORTED, HTTP 400)', () => {
    const result = judge(stack => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn);
      bucket.grantPutAcl(fn);
      return { fn, bucket, intent: { request: { acl: CannedAcl.PUBLIC_READ } } };
    });
    expect(result.finding.verdict).toBe(WriteVerdict.DENY);
    expect(result.finding.causes.map(c => c.code)).toEqual(expect.arrayContaining(['ACL_NOT_SUPPORTED']));
  });

  test('a private ACL on an OBJECT_WRITER bucket with grantPutAcl: ALLOW; without grantPutAcl: DENY (MISSING_ACL_PERMISSION)', () => {
    for (const putAcl of [true, false]) {
      const result = judge(stack => {
        const bucket = new s3.Bucket(stack, 'Bucket', { objectOwnership: s3.ObjectOwnership.OBJECT_WRITER, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
        const fn = writerFunction(stack, 'Writer');
        bucket.grantPut(fn);
        if (putAcl) bucket.grantPutAcl(fn);
        return { fn, bucket, intent: { request: { acl: CannedAcl.PRIVATE } } };
      });
      if (putAcl) expectAllow(result); else expectDeny(result, 'MISSING_ACL_PERMISSION');
    }
  });

  function publicReadApp(blocked: boolean) {
    return (stack: Stack): Built => {
      const bucket = new s3.Bucket(stack, 'Bucket', {
        objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
        blockPublicAccess: blocked ? s3.BlockPublicAccess.BLOCK_ALL
          : new s3.BlockPublicAccess({ blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: true, restrictPublicBuckets: true }),
      });
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn);
      bucket.grantPutAcl(fn);
      return { fn, bucket, intent: { request: { acl: CannedAcl.PUBLIC_READ } } };
    };
  }
  const accountBpaOff = {
    accountBlockPublicAccess: {
      111111111111: { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: true, restrictPublicBuckets: true },
    },
  };
  test('public-read on an OBJECT_WRITER bucket with BLOCK_ALL: DENY (BLOCK_PUBLIC_ACCESS)', () => {
    expectDeny(judge(publicReadApp(true)), 'BLOCK_PUBLIC_ACCESS');
  });
  test('twin: the bucket\'s BlockPublicAcls off, account-level BPA not given: UNKNOWN (the account setting may block it)', () => {
    const result = judge(publicReadApp(false));
    expect(result.finding.verdict).toBe(WriteVerdict.UNKNOWN);
    expect(result.finding.causes.map(c => c.code)).toEqual(['BLOCK_PUBLIC_ACCESS']);
  });
  test('twin: bucket and account BlockPublicAcls off: ALLOW', () => expectAllow(judge(publicReadApp(false), accountBpaOff)));
});

describe('REQUEST_CONDITION: a bucket policy that demands the SSE header (the common "DenyUnEncryptedObjectUploads")', () => {
  function app(encryption: WriteEncryption | undefined) {
    return (stack: Stack): Built => {
      const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS_MANAGED });
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn);
      bucket.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'DenyUnEncryptedObjectUploads',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('*')],
        conditions: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
      }));
      return { fn, bucket, intent: encryption ? { request: { serverSideEncryption: encryption } } : {} };
    };
  }
  test('declared write without the header: DENY (default bucket encryption does not add the header)', () => {
    const result = judge(app(undefined));
    expectDeny(result, 'REQUEST_CONDITION');
    expect(result.finding.causes[0].statement).toBe('DenyUnEncryptedObjectUploads');
  });
  test('declared write with x-amz-server-side-encryption: aws:kms: ALLOW', () => expectAllow(judge(app(WriteEncryption.KMS))));
  test('declared write with AES256: DENY', () => expectDeny(judge(app(WriteEncryption.S3_MANAGED)), 'REQUEST_CONDITION'));
});

describe('aws:PrincipalOrgID (a data-perimeter bucket policy)', () => {
  const app = (stack: Stack): Built => {
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:*'],
      resources: [bucket.bucketArn, bucket.arnForObjects('*')],
      conditions: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123def4' }, Bool: { 'aws:PrincipalIsAWSService': 'false' } },
    }));
    return { fn, bucket };
  };
  test('organization not given: UNKNOWN, synth passes', () => {
    const result = judge(app);
    expect(result.finding.verdict).toBe(WriteVerdict.UNKNOWN);
    expect(result.error).toBeUndefined();
  });
  test('organizationId o-abc123def4: ALLOW', () => expectAllow(judge(app, { organizationId: 'o-abc123def4' })));
  test('organizationId of another org: DENY', () => expectDeny(judge(app, { organizationId: 'o-zzzzzzzzzz' }), 'BUCKET_POLICY_DENY'));
});
