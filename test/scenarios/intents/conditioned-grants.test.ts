import { Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { WriteVerdict } from '../../../src/checker';
import { describeFinding, findingsOf, synthWithChecker, verdictFor, writerFunction } from '../../support/harness';
import { expectAllow, scenario } from '../../support/scenario';

// Intents inferred from identity grants that carry a condition or a policy variable: the grant expresses a write only
// when the request context of the function's role session can satisfy it (IAM User Guide, "IAM policy elements:
// Variables and tags"; "AWS global condition context keys": lambda:SourceFunctionArn, aws:PrincipalTag).

describe('inferred intents from conditioned grants and policy variables', () => {
  test('grant conditioned on lambda:SourceFunctionArn = this function: ALLOW', () => {
    const s = scenario().withBucket().withWriter();
    new iam.Policy(s.stack, 'WritePolicy', {
      roles: [s.fn.role!],
      statements: [new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [s.bucket.arnForObjects('out/*')],
        conditions: { ArnEquals: { 'lambda:SourceFunctionArn': s.fn.functionArn } },
      })],
    });
    expectAllow(s.check());
  });

  test('a role shared by two functions, grant conditioned on the OTHER function: no DENY for the first', () => {
    const s = scenario().withBucket();
    const role = new iam.Role(s.stack, 'Shared', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const a = writerFunction(s.stack, 'A', { role });
    const b = writerFunction(s.stack, 'B', { role });
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['s3:PutObject'],
      resources: [s.bucket.arnForObjects('*')],
      conditions: { ArnEquals: { 'lambda:SourceFunctionArn': b.functionArn } },
    }));
    const { checker, error } = synthWithChecker(s.app);
    expect(error).toBeUndefined();
    expect(findingsOf(checker, a).filter(f => f.verdict === WriteVerdict.DENY).map(describeFinding)).toEqual([]);
    expect(describeFinding(verdictFor(checker, b, s.bucket))).toBe('ALLOW [] ');
  });

  test('ABAC prefix "${aws:PrincipalTag/team}/*" with the role tagged team=ingest: ALLOW', () => {
    const s = scenario().withBucket().withWriter();
    Tags.of(s.fn.role!).add('team', 'ingest');
    const outcome = s.roleAllows({ actions: ['s3:PutObject'], resources: [`${s.bucket.bucketArn}/\${aws:PrincipalTag/team}/*`] }).check();
    expectAllow(outcome);
    expect(outcome.finding.keyPattern).toBe('ingest/*');
  });

  test('grant conditioned on aws:PrincipalTag/team = ingest, role tagged team=ingest: ALLOW; tagged team=other: no ALLOW', () => {
    for (const tag of ['ingest', 'other']) {
      const s = scenario().withBucket().withWriter();
      Tags.of(s.fn.role!).add('team', tag);
      s.roleAllows({ actions: ['s3:PutObject'], resources: [s.bucket.arnForObjects('*')], conditions: { StringEquals: { 'aws:PrincipalTag/team': 'ingest' } } });
      const v = s.expectWrite().check().finding.verdict;
      if (tag === 'ingest') expect(v).toBe(WriteVerdict.ALLOW);
      else expect(v).not.toBe(WriteVerdict.ALLOW);
    }
  });
});
