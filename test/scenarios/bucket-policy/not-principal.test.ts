import * as iam from 'aws-cdk-lib/aws-iam';
import { WriteVerdict } from '../../../src/checker';
import { expectNotDenied, scenario } from '../../support/scenario';

describe('NotPrincipal with Deny (IAM User Guide, "NotPrincipal": list the account, role and session ARNs)', () => {
  function notPrincipalApp(exempt: string[]) {
    const s = scenario().withBucket();
    const role = new iam.Role(s.stack, 'Role', { roleName: 'ingest-role', assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    s.withWriter({ role, functionName: 'ingest' }).grantPut();
    return s.bucketPolicy(new iam.PolicyStatement({
      sid: 'OnlyIngest', effect: iam.Effect.DENY, notPrincipals: exempt.map(a => new iam.ArnPrincipal(a)), actions: ['s3:PutObject'], resources: [s.bucket.arnForObjects('*')],
    })).check();
  }
  test('account, role and session ARN all listed: ALLOW', () => {
    expectNotDenied(notPrincipalApp([
      'arn:aws:iam::111111111111:root', 'arn:aws:iam::111111111111:role/ingest-role', 'arn:aws:sts::111111111111:assumed-role/ingest-role/ingest',
    ]));
  });
  test('only another role listed: DENY BUCKET_POLICY_DENY', () => {
    const f = notPrincipalApp(['arn:aws:iam::111111111111:root', 'arn:aws:iam::111111111111:role/other-role']).finding;
    expect(f.verdict).toBe(WriteVerdict.DENY);
    expect(f.causes[0].code).toBe('BUCKET_POLICY_DENY');
  });
});
