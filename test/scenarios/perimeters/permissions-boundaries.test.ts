import { App, PermissionsBoundary, Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteVerdict } from '../../../src/checker';
import { describeFinding, ENV } from '../../support/harness';
import { expectAllow, expectNotDenied, scenario } from '../../support/scenario';

// Permissions boundaries limit what the role's policies grant: the effective permissions are the intersection, and a
// boundary the app does not define is unknown (IAM User Guide, "Permissions boundaries for IAM entities").

describe('permissions boundaries (IAM User Guide, "Permissions boundaries for IAM entities": the effective permissions are the intersection)', () => {
  function boundaryApp(boundary: (stack: Stack) => iam.IManagedPolicy, encryption = s3.BucketEncryption.S3_MANAGED) {
    const s = scenario().withBucket({ encryption }).withWriter().grantPut();
    iam.PermissionsBoundary.of(s.stack).apply(boundary(s.stack));
    return s;
  }
  const boundaryOf = (...statements: iam.PolicyStatementProps[]) => (stack: Stack) =>
    new iam.ManagedPolicy(stack, 'Boundary', { statements: statements.map(props => new iam.PolicyStatement(props)) });

  test('a boundary ManagedPolicy of the app that allows s3:*: ALLOW', () => {
    expectAllow(boundaryApp(boundaryOf({ actions: ['s3:*'], resources: ['*'] }, { actions: ['logs:*'], resources: ['*'] })).check());
  });

  test('a "developer" boundary (Allow *:*, Deny IAM user/boundary changes) on an SSE-KMS bucket: ALLOW', () => {
    expectAllow(boundaryApp(boundaryOf(
      { actions: ['*'], resources: ['*'] },
      { effect: iam.Effect.DENY, actions: ['iam:CreateUser', 'iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary'], resources: ['*'] },
    ), s3.BucketEncryption.KMS).check());
  });

  test('the same boundary on an SSE-KMS bucket: it allows no kms:*, so S3 cannot get a data key: DENY (PERMISSIONS_BOUNDARY)', () => {
    // S3 calls kms:GenerateDataKey with the caller's credentials (S3 User Guide, "Using SSE-KMS"); the boundary
    // limits that call as any other (no Allow of kms:* in the boundary = implicit deny).
    const { finding, error } = boundaryApp(boundaryOf({ actions: ['s3:*'], resources: ['*'] }), s3.BucketEncryption.KMS).check();
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(finding.causes.map(c => c.code)).toContain('PERMISSIONS_BOUNDARY');
    expect(error?.message).toMatch(/PERMISSIONS_BOUNDARY/);
  });

  test('a boundary that allows only logs:*: DENY (PERMISSIONS_BOUNDARY)', () => {
    const { finding } = boundaryApp(boundaryOf({ actions: ['logs:*'], resources: ['*'] })).check();
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(finding.causes.map(c => c.code)).toEqual(['PERMISSIONS_BOUNDARY']);
  });

  test('an external boundary by name (the bootstrap cdk-hnb659fds-permissions-boundary): UNKNOWN, not DENY', () => {
    const { finding, error } = boundaryApp(stack =>
      iam.ManagedPolicy.fromManagedPolicyName(stack, 'Boundary', 'cdk-hnb659fds-permissions-boundary-111111111111-us-east-1')).check();
    expect(finding.verdict).toBe(WriteVerdict.UNKNOWN);
    expect(error).toBeUndefined();
  });

  test('an external boundary by ARN, given in externalManagedPolicies as allowing s3:*: ALLOW', () => {
    const arn = 'arn:aws:iam::111111111111:policy/org-boundary';
    const { finding } = boundaryApp(stack => iam.ManagedPolicy.fromManagedPolicyArn(stack, 'Boundary', arn)).check({
      externalManagedPolicies: { [arn]: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['s3:*', 'logs:*'], resources: ['*'] })] }) },
    });
    expect(describeFinding(finding)).toBe('ALLOW [] ');
  });
});

describe('permissions boundaries', () => {
  /** The app's stack 'App' in a Stage 'Prod' whose permissionsBoundary names a policy by name. */
  function stageWithBoundary(name: string) {
    const within = (app: App) => new Stage(app, 'Prod', { env: ENV, permissionsBoundary: PermissionsBoundary.fromName(name) });
    return scenario({ within, env: null }).withBucket().withWriter().grantPut();
  }

  test('Stage permissionsBoundary naming a bootstrap policy the app does not define: not DENY (unknown policy)', () => {
    expectNotDenied(stageWithBoundary('cdk-hnb659fds-permissions-boundary').check());
  });

  test('the same boundary given through externalManagedPolicies: allowing s3:PutObject ALLOW, allowing only reads DENY', () => {
    for (const actions of [['s3:*', 'logs:*'], ['s3:GetObject', 'logs:*']]) {
      const s = stageWithBoundary('cdk-boundary');
      const boundary = new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions, resources: ['*'] })] });
      const f = s.check({ externalManagedPolicies: { 'arn:aws:iam::111111111111:policy/cdk-boundary': boundary } }).finding;
      expect(`${actions[0]}: ${f.verdict} ${f.causes[0]?.code ?? ''}`).toBe(actions[0] === 's3:*' ? 's3:*: ALLOW ' : 's3:GetObject: DENY PERMISSIONS_BOUNDARY');
    }
  });
});
