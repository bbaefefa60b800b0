import { Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ExpectWriteOptions, WriteVerdict } from '../../../src/checker';
import { describeFinding, expectNotDeny, writerFunction } from '../../support/harness';
import { scenario, Scenario } from '../../support/scenario';

// More ways users wire the same working write: roles of other shapes, grants to an alias, partial prefixes, S3 ABAC.

/** The scenario wired by `wire`, its write declared with `intent` (or inferred only), judged. */
function judged(wire: (s: Scenario) => void, intent: ExpectWriteOptions | 'inferred' = {}) {
  const s = scenario().with(wire);
  if (intent !== 'inferred') s.expectWrite(intent);
  const outcome = s.check();
  return { finding: intent === 'inferred' ? outcome.finding : outcome.findingOf('declared'), error: outcome.error };
}

const lambdaTrust = () => new iam.ServicePrincipal('lambda.amazonaws.com');

describe('roles of other shapes', () => {
  test.each([
    ['iam.LazyRole', (stack: Stack) => new iam.LazyRole(stack, 'Role', { assumedBy: lambdaTrust() })],
    ['a CompositePrincipal trust (lambda + edgelambda)', (stack: Stack) => new iam.Role(stack, 'Role', {
      assumedBy: new iam.CompositePrincipal(lambdaTrust(), new iam.ServicePrincipal('edgelambda.amazonaws.com')),
    })],
    ['a role with a path and a description', (stack: Stack) => new iam.Role(stack, 'Role', {
      assumedBy: lambdaTrust(), path: '/service/ingest/', description: 'writer',
    })],
  ] as Array<[string, (s: Stack) => iam.IRole]>)('%s: ALLOW', (_n, makeRole) => {
    const { finding } = judged(s => s.withBucket().withWriter({ role: makeRole(s.stack) }).grantPut());
    expect(describeFinding(finding)).toBe('ALLOW [] ');
  });

  test('one role shared by two functions, the grant made on the first: the second\'s declared write is ALLOW', () => {
    const s = scenario().withBucket();
    const role = new iam.Role(s.stack, 'Shared', { assumedBy: lambdaTrust() });
    s.bucket.grantPut(writerFunction(s.stack, 'First', { role }));
    const second = writerFunction(s.stack, 'Second', { role });
    expect(describeFinding(s.useWriter(second).expectWrite().check().findingOf('declared'))).toBe('ALLOW [] ');
  });

  test('the app\'s own role re-imported by ARN (Role.fromRoleArn(role.roleArn)) and granted through the import: ALLOW', () => {
    // CDK attaches the policy to the role name it splits out of the ARN (Fn::Select/Fn::Split over GetAtt Role.Arn).
    const { finding, error } = judged(s => {
      const role = new iam.Role(s.stack, 'Role', { assumedBy: lambdaTrust() });
      s.withBucket().withWriter({ role }).bucket.grantPut(iam.Role.fromRoleArn(s.stack, 'Again', role.roleArn));
    });
    expect(describeFinding(finding)).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test('an imported mutable role (Role.fromRoleName) granted in the app: ALLOW or UNKNOWN (its other policies are unknown)', () => {
    const { finding, error } = judged(s => s.withBucket().withWriter({ role: iam.Role.fromRoleName(s.stack, 'Existing', 'platform-writer') }).grantPut());
    expect([WriteVerdict.ALLOW, WriteVerdict.UNKNOWN]).toContain(finding.verdict);
    expect(error).toBeUndefined();
  });

  test('grant to the function\'s alias (alias.grantPrincipal is the role): ALLOW for the function', () => {
    const { finding } = judged(s => s.withBucket().withWriter().bucket.grantPut(s.fn.addAlias('live')), 'inferred');
    expect(describeFinding(finding)).toBe('ALLOW [] ');
  });

  test('identity Allow conditioned on aws:PrincipalTag/team, the function tagged with Tags.of(fn): ALLOW', () => {
    const { finding } = judged(s => {
      s.withBucket().withWriter().roleAllows({
        actions: ['s3:PutObject'], resources: [s.bucket.arnForObjects('*')], conditions: { StringEquals: { 'aws:PrincipalTag/team': 'ingest' } },
      });
      Tags.of(s.fn).add('team', 'ingest');
    });
    expect(describeFinding(finding)).toBe('ALLOW [] ');
  });
});

describe('prefixes', () => {
  /** grantPut on `granted`, the code writing under `written`. */
  const prefixes = (granted: string, written: string) => judged(s => s.withBucket().withWriter().grantPut(granted), { keyPrefix: written });

  test('grantPut on "in/*", the code writes keys starting "in" (some in/…, some inbox…): not DENY (not every request is denied)', () => {
    const { finding, error } = prefixes('in/*', 'in');
    expectNotDeny(finding);
    expect(error).toBeUndefined();
  });

  test('grantPut on "*.csv" (a suffix pattern), the code writes under exports/: not DENY (some keys end in .csv)', () => {
    expectNotDeny(prefixes('*.csv', 'exports/').finding);
  });

  test('grantPut on "exports/*", the code writes under "exports/daily/": ALLOW', () => {
    expect(describeFinding(prefixes('exports/*', 'exports/daily/').finding)).toBe('ALLOW [] ');
  });
});

describe('S3 ABAC (aws:ResourceTag on buckets; AWS News Blog 2025-11-20, S3 User Guide "buckets-tagging")', () => {
  function abacApp(abacStatus: string | undefined) {
    return judged(s => {
      s.withBucket();
      Tags.of(s.bucket).add('data-class', 'ingest');
      if (abacStatus) (s.bucket.node.defaultChild as s3.CfnBucket).abacStatus = abacStatus;
      s.withWriter().roleAllows({
        actions: ['s3:PutObject'], resources: ['arn:aws:s3:::*/*'], conditions: { StringEquals: { 'aws:ResourceTag/data-class': 'ingest' } },
      });
    }).finding;
  }
  test('ABAC enabled and the bucket tagged: ALLOW', () => {
    expect(describeFinding(abacApp('Enabled'))).toBe('ALLOW [] ');
  });
  test('ABAC not enabled: the tag key is absent from the request, the Allow does not apply: DENY', () => {
    expect(abacApp(undefined).verdict).toBe(WriteVerdict.DENY);
  });
});
