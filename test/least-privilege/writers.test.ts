import { Aspects, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { assemblyOf, leastPrivilegeOf, pathApp } from './support/lp';
import { BucketWriters, LeastPrivilegeReport } from '../../src/analysis/least-privilege';
import { LeastPrivilegeRule, WriteAccessChecker } from '../../src/checker';
import { SecureLambdaWriter } from '../../src/writer';
import { newApp, stackIn, writerFunction } from '../support/harness';
import { ACCOUNT, functionProps, REGION } from '../writer/support/fixtures';

function report(build: (stack: Stack) => void): LeastPrivilegeReport {
  const app = pathApp();
  build(stackIn(app, 'Stack'));
  return leastPrivilegeOf(assemblyOf(app));
}

function writersOf(r: LeastPrivilegeReport, bucket: string): BucketWriters['writers'] {
  return r.writers.find((w) => w.bucket === bucket)?.writers ?? [];
}

const summary = (w: BucketWriters['writers'][number]) => [w.kind, w.principal, [...w.prefixes].sort().join(' ')];

describe('who else can write here: every principal the templates let s3:PutObject to each bucket, with prefixes', () => {
  test('two roles of the app, each with the prefix its grant names', () => {
    const r = report((stack) => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      bucket.grantPut(writerFunction(stack, 'A'), 'in/*');
      bucket.grantPut(writerFunction(stack, 'B'));
      writerFunction(stack, 'Reader').addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] }));
    });
    expect(writersOf(r, 'Stack/Bucket').map(summary)).toEqual([
      ['role', 'Stack/A/ServiceRole', 'in/*'],
      ['role', 'Stack/B/ServiceRole', '*'],
    ]);
    expect(writersOf(r, 'Stack/Bucket')[0]).toMatchObject({ location: 'Stack/A/ServiceRole/DefaultPolicy', statement: '#0' });
  });

  test('another account named in the bucket policy, with its prefix (its own policies are outside the app: assumed to allow)', () => {
    const r = report((stack) => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      bucket.addToResourcePolicy(new iam.PolicyStatement({
        principals: [new iam.AccountPrincipal('222222222222')], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('drop/*')],
      }));
    });
    expect(writersOf(r, 'Stack/Bucket').map(summary)).toEqual([['account', '222222222222', 'drop/*']]);
    expect(r.issues.filter((i) => i.code !== 'EXCESS_PERMISSION')).toEqual([]);
  });

  test('"*" without a condition: an error (PUBLIC_WRITE), on the bucket-policy statement', () => {
    const r = report((stack) => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      bucket.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'Open', principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')],
      }));
    });
    expect(writersOf(r, 'Stack/Bucket').map(summary)).toEqual([['anyone', '*', '*']]);
    const issue = r.issues.find((i) => i.code === 'PUBLIC_WRITE')!;
    expect(issue).toMatchObject({ severity: 'error', location: 'Stack/Bucket/Policy', statement: 'Open', bucket: 'Stack/Bucket' });
  });

  test('"*" under a condition that does not limit who (an ACL header): still an error', () => {
    const r = report((stack) => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      bucket.addToResourcePolicy(new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('*')],
        conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      }));
    });
    expect(writersOf(r, 'Stack/Bucket')[0]).toMatchObject({ kind: 'anyone', limited: false, condition: 'StringEquals s3:x-amz-acl = bucket-owner-full-control' });
    expect(r.issues.map((i) => i.code)).toContain('PUBLIC_WRITE');
  });

  test('twin: "*" limited to the organization (aws:PrincipalOrgID) is a writer, limited, and no error', () => {
    const r = report((stack) => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      bucket.addToResourcePolicy(new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('*')],
        conditions: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      }));
    });
    expect(writersOf(r, 'Stack/Bucket')[0]).toMatchObject({ kind: 'anyone', limited: true, condition: 'StringEquals aws:PrincipalOrgID = o-a1b2c3d4e5' });
    expect(r.issues.map((i) => i.code)).not.toContain('PUBLIC_WRITE');
  });
});

describe('a prefix a SecureLambdaWriter restricted to its own role (restrictPrefixToThisWriter)', () => {
  function checked(loosen: boolean) {
    const app = newApp();
    const stack = new Stack(app, 'Stack', { env: { account: ACCOUNT, region: REGION } });
    const w = new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), keyPrefix: 'incoming/', restrictPrefixToThisWriter: true });
    w.bucket.grantPut(writerFunction(stack, 'Other'));
    if (loosen) {
      // The Deny's condition widened to every role of the account: the other role is no longer excluded.
      const document = stack.resolve(w.bucket.policy!.document.toJSON());
      const index = document.Statement.findIndex((s: { Sid?: string }) => s.Sid?.startsWith('WriterDenyOtherPrincipals'));
      (w.bucket.policy!.node.defaultChild as s3.CfnBucketPolicy).addPropertyOverride(`PolicyDocument.Statement.${index}.Condition`,
        { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/*` } });
    }
    const checker = new WriteAccessChecker({ reportFile: false });
    Aspects.of(app).add(checker);
    app.synth();
    return checker.leastPrivilege;
  }

  test('another role that can still write under the prefix: an OTHER_WRITER warning naming its grant', () => {
    const lp = checked(true);
    const issue = lp.issues.find((i) => i.rule === LeastPrivilegeRule.OTHER_WRITER)!;
    expect(issue.severity).toBe('warning');
    expect(issue.message).toMatch(/^Stack\/Other\/ServiceRole can s3:PutObject under incoming\/\* of bucket Stack\/Writer\/Bucket, which Stack\/Writer restricts/);
  });

  test('twin: the writer\'s Deny as it builds it excludes the other role — no warning (the other role writes elsewhere only)', () => {
    const lp = checked(false);
    expect(lp.issues.filter((i) => i.rule === LeastPrivilegeRule.OTHER_WRITER)).toEqual([]);
    const bucket = lp.writers.find((b) => b.bucket === 'Stack/Writer/Bucket')!;
    expect(bucket.writers.map((w) => w.principal)).toEqual(expect.arrayContaining(['Stack/Other/ServiceRole']));
  });
});
