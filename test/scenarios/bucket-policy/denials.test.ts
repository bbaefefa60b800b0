import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteAccessCheckerProps, ObjectEncryption, WriteVerdict } from '../../../src/checker';
import { writerFunction } from '../../support/harness';
import { expectAllow, expectDeny, scenario, Scenario } from '../../support/scenario';

// The bucket-policy causes of "Lambda s3:PutObject AccessDenied" in an otherwise ordinary app, both ways: with the
// cause the write is DENY (synth fails naming the cause); the same app with the cause removed is ALLOW (synth passes).
// Sources: S3 User Guide, "Troubleshoot access denied (403 Forbidden) errors in Amazon S3"; IAM User Guide, "Policy
// evaluation logic" (an explicit Deny in any policy wins).

describe('BUCKET_POLICY_DENY', () => {
  const app = (deniedPrincipal: 'writer' | 'other') => {
    const s = scenario().withBucket({ enforceSSL: true }).withWriter();
    const other = writerFunction(s.stack, 'Other');
    return s.grantPut().bucketPolicy(new iam.PolicyStatement({
      sid: 'NoWrites',
      effect: iam.Effect.DENY,
      principals: [new iam.ArnPrincipal((deniedPrincipal === 'writer' ? s.fn : other).role!.roleArn)],
      actions: ['s3:PutObject'],
      resources: [s.bucket.arnForObjects('*')],
    })).checkDeclared();
  };
  test('an explicit Deny naming the writer\'s role: DENY, statement NoWrites', () => {
    const result = app('writer');
    expectDeny(result, 'BUCKET_POLICY_DENY');
    expect(result.finding.causes[0].statement).toBe('NoWrites');
  });
  test('twin: the Deny names another function\'s role: ALLOW', () => expectAllow(app('other')));

  /** A Deny of PutObject to everyone not in `principals` (NotPrincipal). */
  const denyAllBut = (s: Scenario, principals: iam.IPrincipal[], sid?: string) => s.bucketPolicy(new iam.PolicyStatement({
    sid, effect: iam.Effect.DENY, notPrincipals: principals, actions: ['s3:PutObject'], resources: [s.bucket.arnForObjects('*')],
  }));

  // IAM User Guide, "NotPrincipal" with Deny: list the assumed-role session ARN, the role ARN and the account ARN;
  // "If the NotPrincipal element was missing the ARN of the role [or the session], the effect of the policy might be
  // to explicitly deny access". A Lambda's requests come from the session
  // arn:aws:sts::<account>:assumed-role/<role name>/<function name>.
  function notPrincipalApp(listed: Array<'role' | 'account' | 'session'>, boundary = false) {
    const s = scenario().withBucket().withWriter().grantPut();
    const { fn, stack } = s;
    const principals: iam.IPrincipal[] = [];
    if (listed.includes('role')) principals.push(new iam.ArnPrincipal(fn.role!.roleArn));
    if (listed.includes('account')) principals.push(new iam.AccountRootPrincipal());
    if (listed.includes('session')) {
      principals.push(new iam.ArnPrincipal(`arn:aws:sts::${stack.account}:assumed-role/${fn.role!.roleName}/${fn.functionName}`));
    }
    denyAllBut(s, principals, 'OnlyWriter');
    if (boundary) {
      iam.PermissionsBoundary.of(fn).apply(new iam.ManagedPolicy(stack, 'Boundary', {
        statements: [new iam.PolicyStatement({ actions: ['s3:*', 'logs:*'], resources: ['*'] })],
      }));
    }
    return s.checkDeclared();
  }
  // The session ARN must be listed for the session to be exempt: a role ARN in NotPrincipal exempts no session of it
  // (IAM User Guide, "AWS JSON policy elements: NotPrincipal", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html;
  // AWS Knowledge Center, "explicit deny with NotPrincipal in an S3 bucket policy"). So the Deny applies: DENY, with the fix.
  test.each([
    ['[role ARN]', ['role']],
    ['[role ARN, account ARN]', ['role', 'account']],
  ] as Array<[string, Array<'role' | 'account'>]>)('Deny NotPrincipal %s without the session ARN: DENY, saying to list the session', (_n, listed) => {
    const result = notPrincipalApp(listed);
    expect(result.finding.verdict).toBe(WriteVerdict.DENY);
    expect(JSON.stringify(result.finding)).toMatch(/assumed-role|aws:PrincipalArn/);
  });
  test('Deny NotPrincipal [another function\'s role ARN, the account ARN]: DENY (the docs\' "Bob" example: everyone else in the account is denied)', () => {
    const s = scenario().withBucket().withWriter();
    const other = writerFunction(s.stack, 'Other');
    expectDeny(denyAllBut(s.grantPut(), [new iam.ArnPrincipal(other.role!.roleArn), new iam.AccountRootPrincipal()]).checkDeclared(), 'BUCKET_POLICY_DENY');
  });
  test('Deny NotPrincipal [session, role, account] (the documented form): not DENY', () => {
    // The session name of a Lambda execution role is the function name (observed, not documented): ALLOW or UNKNOWN.
    const result = notPrincipalApp(['session', 'role', 'account']);
    expect([WriteVerdict.ALLOW, WriteVerdict.UNKNOWN]).toContain(result.finding.verdict);
    expect(result.error).toBeUndefined();
  });
  test('…the same with a permissions boundary on the role: DENY ("NotPrincipal with Deny always denies a principal with a boundary")', () => {
    // IAM User Guide, "NotPrincipal" key points and "Permissions boundaries for IAM entities".
    expect(notPrincipalApp(['session', 'role', 'account'], true).finding.verdict).toBe(WriteVerdict.DENY);
  });
});

describe('REQUEST_CONDITION: a bucket policy that demands the SSE header (the common "DenyUnEncryptedObjectUploads")', () => {
  const app = (encryption: ObjectEncryption | undefined) => scenario()
    .withBucket({ encryption: s3.BucketEncryption.KMS_MANAGED }).withWriter().grantPut()
    .deny({ sid: 'DenyUnEncryptedObjectUploads', conditions: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } })
    .checkDeclared(encryption ? { request: { encryption } } : {});
  test('declared write without the header: DENY (default bucket encryption does not add the header)', () => {
    const result = app(undefined);
    expectDeny(result, 'REQUEST_CONDITION');
    expect(result.finding.causes[0].statement).toBe('DenyUnEncryptedObjectUploads');
  });
  test('declared write with x-amz-server-side-encryption: aws:kms: ALLOW', () => expectAllow(app(ObjectEncryption.KMS)));
  test('declared write with AES256: DENY', () => expectDeny(app(ObjectEncryption.S3_MANAGED), 'REQUEST_CONDITION'));
});

describe('aws:PrincipalOrgID (a data-perimeter bucket policy)', () => {
  const app = (props: WriteAccessCheckerProps = {}) => scenario().withBucket().withWriter().grantPut().deny({
    actions: ['s3:*'],
    bucketToo: true,
    conditions: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123def4' }, Bool: { 'aws:PrincipalIsAWSService': 'false' } },
  }).checkDeclared({}, props);
  test('organization not given: UNKNOWN, synth passes', () => {
    const result = app();
    expect(result.finding.verdict).toBe(WriteVerdict.UNKNOWN);
    expect(result.error).toBeUndefined();
  });
  test('organizationId o-abc123def4: ALLOW', () => expectAllow(app({ organizationId: 'o-abc123def4' })));
  test('organizationId of another org: DENY', () => expectDeny(app({ organizationId: 'o-zzzzzzzzzz' }), 'BUCKET_POLICY_DENY'));
});
