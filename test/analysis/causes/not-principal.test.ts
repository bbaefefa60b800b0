import { analyze, app, bucketPolicy, codes, objects, only, role, roleArn, stack, statement } from '../support/app';

// Deny + NotPrincipal in a bucket policy that lists the function's role (and its account) but no session of it.
// A request from a Lambda function is signed by a session of its role, arn:aws:sts::<account>:assumed-role/<role>/<session>,
// and a Deny with NotPrincipal exempts a role session only when the session ARN is listed: AWS Knowledge Center,
// "How can I use wildcards with explicit deny with Principal elements instead of NotPrincipal elements in an Amazon S3
// bucket policy?" (https://aws.amazon.com/premiumsupport/knowledge-center/explicit-deny-principal-elements-s3/: "you
// must list the role session name of every user and every instance ID that will be assuming the role"); IAM User
// Guide, "AWS JSON policy elements: NotPrincipal" (its assumed-role example lists the session, the role and the account).

const ROOT = { 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':root']] };
const deny = (notPrincipal: unknown[]) => bucketPolicy([statement('Deny', 's3:PutObject', objects(), { Sid: 'OnlyWriter', NotPrincipal: { AWS: notPrincipal } })]);

describe('Deny + NotPrincipal naming the role but no session of it', () => {
  test('[role ARN, account root]: DENY, saying to list the session or use Principal "*" with ArnNotEquals aws:PrincipalArn', () => {
    const f = only(analyze(stack(app({ BucketPolicy: deny([roleArn(), ROOT]) }))));
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['BUCKET_POLICY_DENY']);
    expect(f.causes[0].statement).toBe('OnlyWriter');
    expect(f.causes[0].message).toContain('lists the role but no session of it');
    expect(f.fix).toContain('"Principal": "*"');
    expect(f.fix).toContain('ArnNotEquals');
    expect(f.fix).toContain('aws:PrincipalArn');
  });

  test('[role ARN] alone: DENY as well', () => {
    expect(only(analyze(stack(app({ BucketPolicy: deny([roleArn()]) })))).verdict).toBe('DENY');
  });

  test('twin: the fix it proposes, Principal "*" with ArnNotEquals aws:PrincipalArn = the role: ALLOW', () => {
    const fixed = bucketPolicy([statement('Deny', 's3:PutObject', objects(), {
      Principal: '*', Condition: { ArnNotEquals: { 'aws:PrincipalArn': roleArn() } },
    })]);
    expect(only(analyze(stack(app({ BucketPolicy: fixed })))).verdict).toBe('ALLOW');
  });

  test('twin: without the Deny: ALLOW', () => {
    expect(only(analyze(stack(app()))).verdict).toBe('ALLOW');
  });

  test('an entry naming a session of the role, whose name is not knowable at synth: UNKNOWN, never DENY', () => {
    const named = { FnRole: role({ RoleName: 'writer-role' }) };
    const session = { 'Fn::Join': ['', ['arn:aws:sts::', { Ref: 'AWS::AccountId' }, ':assumed-role/writer-role/writer']] };
    const f = only(analyze(stack(app({ ...named, BucketPolicy: deny([session, roleArn(), ROOT]) }))));
    expect(f.verdict).toBe('UNKNOWN');
  });
});
