import * as iam from 'aws-cdk-lib/aws-iam';
import { WriteVerdict } from '../../../src/checker';
import { describeFinding, ENV, expectNotDeny, OTHER_ENV } from '../../support/harness';
import { expectAllow, scenario } from '../../support/scenario';

// Service control policies that fence the resources a principal may reach: by the account or organization that owns
// the resource, or by the region the request goes to.

const ORG = 'o-abc123defg';
const allowAll = () => new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })] });

describe('resource-owner keys in data perimeters (IAM global condition keys: aws:ResourceAccount, aws:ResourceOrgID)', () => {
  // IAM User Guide, "AWS global condition context keys": aws:ResourceAccount is the account that owns the resource,
  // aws:ResourceOrgID the organization of that account; both are in the request context of every S3 object request.
  const perimeterScp = (key: string, value: string | string[], strict = false) => new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }),
      new iam.PolicyStatement({
        sid: strict ? undefined : 'EnforceResourcePerimeter',
        effect: iam.Effect.DENY,
        actions: ['s3:*'],
        resources: ['*'],
        conditions: { [strict ? 'StringNotEquals' : 'StringNotEqualsIfExists']: { [key]: value } },
      }),
    ],
  });

  /** The bucket in 222222222222, the function in 111111111111, granted on both sides (identity + bucket policy). */
  function crossAccountApp() {
    const s = scenario({ stackId: 'Data', env: OTHER_ENV }).withBucket({ bucketName: 'shared-data-222' });
    s.withWriter({ functionName: 'cross-writer' }, s.addStack('Compute', ENV));
    void iam.Role.fromRoleName(s.stack, 'WriterRole', 'cross-writer-role');
    s.roleAllows({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::shared-data-222/*'] });
    return s.bucketPolicy(new iam.PolicyStatement({
      principals: [new iam.AccountPrincipal(ENV.account)], actions: ['s3:PutObject'], resources: [s.bucket.arnForObjects('*')],
    }));
  }

  test('SCP "only our org\'s resources" (aws:ResourceOrgID) with organizationId given, bucket in another account of the org: ALLOW', () => {
    expectAllow(crossAccountApp().check({ organizationId: ORG, serviceControlPolicies: [allowAll(), perimeterScp('aws:ResourceOrgID', ORG)] }));
  });

  test('SCP aws:ResourceOrgID naming ANOTHER organization: DENY by SCP', () => {
    const f = crossAccountApp().check({ organizationId: ORG, serviceControlPolicies: [allowAll(), perimeterScp('aws:ResourceOrgID', 'o-zzzzzzzzzz')] }).finding;
    expect(f.verdict).toBe(WriteVerdict.DENY);
    expect(f.causes[0].code).toBe('SCP_DENY');
  });

  test('SCP aws:ResourceOrgID without organizationId: not DENY (the org is unknown)', () => {
    const { finding, error } = crossAccountApp().check({ serviceControlPolicies: [allowAll(), perimeterScp('aws:ResourceOrgID', ORG)] });
    expectNotDeny(finding);
    expect(error).toBeUndefined();
  });

  test('SCP aws:ResourceAccount listing both accounts: ALLOW; listing only the function\'s account: DENY', () => {
    // Every level needs an Allow (Organizations User Guide, "SCP evaluation"): FullAWSAccess plus the guard.
    const both = perimeterScp('aws:ResourceAccount', [ENV.account!, OTHER_ENV.account!], true);
    expect(describeFinding(crossAccountApp().check({ serviceControlPolicies: [allowAll(), both] }).finding)).toBe('ALLOW [] ');
    const only = perimeterScp('aws:ResourceAccount', ENV.account!);
    expect(crossAccountApp().check({ serviceControlPolicies: [allowAll(), only] }).finding.verdict).toBe(WriteVerdict.DENY);
  });

  test('identity-policy guard "Deny s3:* unless aws:ResourceAccount = \\${aws:PrincipalAccount}" on a same-account bucket: ALLOW', () => {
    const s = scenario().withBucket().withWriter();
    s.bucket.grantWrite(s.fn);
    expectAllow(s.roleAllows({
      effect: iam.Effect.DENY,
      actions: ['s3:*'],
      resources: ['*'],
      conditions: { StringNotEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } },
    }).check());
  });
});

describe('aws:RequestedRegion is the region of the S3 request, the bucket\'s region (IAM global keys)', () => {
  function regionApp(bucketRegion: string) {
    const s = scenario({ stackId: 'Compute' });
    s.withBucket({ bucketName: `logs-${bucketRegion}` }, s.addStack('Data', { account: ENV.account, region: bucketRegion })).withWriter();
    s.roleAllows({ actions: ['s3:PutObject'], resources: [`arn:aws:s3:::logs-${bucketRegion}/*`] }).expectWrite();
    const scp = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }),
        new iam.PolicyStatement({
          sid: 'RegionLock',
          effect: iam.Effect.DENY,
          notActions: ['iam:*', 'sts:*'],
          resources: ['*'],
          conditions: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } },
        }),
      ],
    });
    return s.check({ serviceControlPolicies: [scp] }).finding;
  }
  test('bucket in the allowed region: ALLOW', () => {
    expect(describeFinding(regionApp('us-east-1'))).toBe('ALLOW [] ');
  });
  test('bucket in eu-west-1 written from us-east-1: not ALLOW (the request goes to eu-west-1, the SCP denies it)', () => {
    expect(regionApp('eu-west-1').verdict).not.toBe(WriteVerdict.ALLOW);
  });
});
