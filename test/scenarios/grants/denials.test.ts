import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { expectAllow, expectDeny, scenario } from '../../support/scenario';

// The identity side of "Lambda s3:PutObject AccessDenied", both ways: with the cause the write is DENY (synth fails
// naming the cause); the same app with the cause removed is ALLOW (synth passes). IAM User Guide, "Policy evaluation
// logic": an explicit Deny in any policy wins; within one account the write needs an Allow in the identity or the
// resource policy.

describe('NO_IDENTITY_ALLOW', () => {
  const app = (read: boolean) => scenario().withBucket().withWriter().with(s => (read ? s.bucket.grantRead(s.fn) : s.bucket.grantReadWrite(s.fn)));
  test('grantRead only, code writes: DENY', () => expectDeny(app(true).checkDeclared(), 'NO_IDENTITY_ALLOW'));
  test('twin: grantReadWrite: ALLOW', () => expectAllow(app(false).checkDeclared()));

  const prefixed = (declared: string) => scenario().withBucket({ enforceSSL: true }).withWriter().grantPut('incoming/*').checkDeclared({ keyPrefix: declared });
  test('grantPut on incoming/*, code writes under processed/: DENY', () => expectDeny(prefixed('processed/'), 'NO_IDENTITY_ALLOW'));
  test('twin: code writes under incoming/: ALLOW', () => expectAllow(prefixed('incoming/')));
  test('code writes under incoming/2024/ (inside the granted prefix): ALLOW', () => expectAllow(prefixed('incoming/2024/')));

  test('the grant names the bucket ARN only (no /*): DENY; with arnForObjects: ALLOW', () => {
    for (const objects of [false, true]) {
      const s = scenario().withBucket().withWriter();
      const result = s.roleAllows({ actions: ['s3:PutObject'], resources: [objects ? s.bucket.arnForObjects('*') : s.bucket.bucketArn] }).checkDeclared();
      if (objects) expectAllow(result); else expectDeny(result, 'NO_IDENTITY_ALLOW');
    }
  });

  test('the grant is on another bucket of the app: DENY', () => {
    const s = scenario().withBucket();
    new s3.Bucket(s.stack, 'Other').grantPut(s.withWriter().fn);
    expectDeny(s.checkDeclared(), 'NO_IDENTITY_ALLOW');
  });
});

describe('IDENTITY_DENY', () => {
  for (const denied of [true, false]) {
    test(`a guard-rail Deny of s3:PutObject on "*" in the role policy: ${denied ? 'DENY' : 'ALLOW without it'}`, () => {
      const s = scenario().withBucket().withWriter().grantPut();
      if (denied) s.roleAllows({ effect: iam.Effect.DENY, actions: ['s3:PutObject'], resources: ['*'] });
      const result = s.checkDeclared();
      if (denied) expectDeny(result, 'IDENTITY_DENY'); else expectAllow(result);
    });
  }

  test('a "Deny s3:* NotResource other bucket" guard in a managed policy: DENY', () => {
    const s = scenario().withBucket();
    const allowed = new s3.Bucket(s.stack, 'Allowed');
    s.withWriter().grantPut().fn.role!.addManagedPolicy(new iam.ManagedPolicy(s.stack, 'OnlyAllowedBucket', {
      statements: [new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:*'], notResources: [allowed.bucketArn, allowed.arnForObjects('*')] })],
    }));
    expectDeny(s.checkDeclared(), 'IDENTITY_DENY');
  });
});
