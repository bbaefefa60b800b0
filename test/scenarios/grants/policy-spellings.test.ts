import { Duration, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteAccessChecker } from '../../../src/checker';
import { describeFinding, verdictFor } from '../../support/harness';
import { expectAllow, scenario, Scenario } from '../../support/scenario';

// Less common spellings of the same working write. Each must still be ALLOW (or, where the templates cannot settle
// it, UNKNOWN/CONDITIONAL), never DENY.
// IAM User Guide, "IAM JSON policy elements: Action": action names are case-insensitive and may use wildcards;
// "Resource": ARNs may use * and ? wildcards in the resource part; "NotAction" with Allow allows every other action.

/** The default bucket and function, the write allowed only by this identity statement. */
const identityOnly = (statement: (bucket: s3.Bucket) => iam.PolicyStatementProps) => (s: Scenario) => {
  s.withBucket().withWriter().roleAllows(statement(s.bucket));
};

describe('identity-policy spellings of the same Allow: ALLOW', () => {
  test.each([
    ['action in upper case (S3:PUTOBJECT)', identityOnly(b => ({ actions: ['S3:PUTOBJECT'], resources: [b.arnForObjects('*')] }))],
    ['action wildcard s3:Put*', identityOnly(b => ({ actions: ['s3:Put*'], resources: [b.arnForObjects('*')] }))],
    ['action wildcard s3:*Object', identityOnly(b => ({ actions: ['s3:*Object'], resources: [b.arnForObjects('*')] }))],
    ['resource arn:aws:s3:::*', identityOnly(() => ({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::*'] }))],
    ['resource arn:aws:s3:::*/*', identityOnly(() => ({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::*/*'] }))],
    ['resource "*"', identityOnly(() => ({ actions: ['s3:PutObject'], resources: ['*'] }))],
    ['NotAction iam:* on "*"', identityOnly(() => ({ notActions: ['iam:*'], resources: ['*'] }))],
    ['resource built with Fn::Sub and ${AWS::Partition}', identityOnly(b => ({
      actions: ['s3:PutObject'], resources: [Fn.sub('arn:${AWS::Partition}:s3:::${Name}/*', { Name: b.bucketName })],
    }))],
    ['resource built with Stack.formatArn', identityOnly(b => ({
      actions: ['s3:PutObject'],
      resources: [Stack.of(b).formatArn({ service: 's3', region: '', account: '', resource: b.bucketName, resourceName: '*' })],
    }))],
    ['a literal bucket name in both the bucket and the policy', (s: Scenario) => {
      s.withBucket({ bucketName: 'acme-literal-drop' }).withWriter().roleAllows({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::acme-literal-drop/*'] });
    }],
    ['role with inlinePolicies', (s: Scenario) => {
      s.withBucket().withWriter({
        role: new iam.Role(s.stack, 'Role', {
          assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
          inlinePolicies: { write: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [s.bucket.arnForObjects('*')] })] }) },
        }),
      });
    }],
  ] as Array<[string, (s: Scenario) => void]>)('%s', (_n, build) => {
    const outcome = scenario().with(build).expectWrite().check();
    expectAllow({ finding: outcome.findingOf('declared'), error: outcome.error });
  });
});

describe('lambda.SingletonFunction (CDK creates the function at stack level, id SingletonLambda<uuid>)', () => {
  function singletonApp() {
    const s = scenario().withBucket();
    const fn = new lambda.SingletonFunction(s.stack, 'Writer', {
      uuid: '5e8f2d8a-3b7e-4a35-9d70-2c7d9d4f2a11',
      runtime: lambda.Runtime.PYTHON_3_13,
      handler: 'index.handler',
      code: lambda.Code.fromInline('def handler(e, c): pass'),
      timeout: Duration.seconds(30),
    });
    s.bucket.grantPut(fn);
    const underlying = s.stack.node.findChild('SingletonLambda5e8f2d8a3b7e4a359d702c7d9d4f2a11');
    return { s: s.useWriter(underlying as lambda.Function), fn };
  }

  test('grantPut, inferred: ALLOW on the underlying function', () => {
    expectAllow(singletonApp().s.check());
  });

  test('expectWrite(singletonFunction, …) is accepted and judged ALLOW', () => {
    // A SingletonFunction is a function of this app; expectWrite must reach the function it creates.
    const { s, fn } = singletonApp();
    expect(() => WriteAccessChecker.expectWrite(fn, s.bucket, { keyPrefix: 'x/' })).not.toThrow();
    expect(describeFinding(verdictFor(s.check().checker, s.fn, s.bucket, 'declared'))).toBe('ALLOW [] ');
  });
});
