import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteAccessChecker, WriteAccessCheckerProps, WriteVerdict } from '../../../src/checker';
import { codesOf, findingFor, newApp, synthChecked, writerFunction } from '../../support/harness';

// Permissions boundaries cap identity permissions; SCPs cap the account's principals, RCPs the account's resources:
// each must allow, and any explicit Deny denies
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html,
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html,
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html).

function app() {
  const a = newApp();
  const stack = new Stack(a, 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
  const fn = writerFunction(stack, 'Fn');
  const bucket = new s3.Bucket(stack, 'Bucket');
  bucket.grantPut(fn);
  WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'out/' });
  return { app: a, stack, fn, bucket };
}

function boundary(stack: Stack, actions: string[]): iam.ManagedPolicy {
  return new iam.ManagedPolicy(stack, 'Boundary', {
    statements: [new iam.PolicyStatement({ actions, resources: ['*'] })],
  });
}

describe('PERMISSIONS_BOUNDARY', () => {
  test('iam.PermissionsBoundary.of(fn) with a boundary that allows only reads: DENY', () => {
    const { app: a, stack, fn, bucket } = app();
    iam.PermissionsBoundary.of(fn).apply(boundary(stack, ['s3:GetObject', 'logs:*']));
    const finding = findingFor(synthChecked(a).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('PERMISSIONS_BOUNDARY');
  });

  test('twin: a boundary that allows s3:PutObject → ALLOW', () => {
    const { app: a, stack, fn, bucket } = app();
    iam.PermissionsBoundary.of(fn).apply(boundary(stack, ['s3:GetObject', 's3:PutObject', 'logs:*']));
    expect(findingFor(synthChecked(a).checker, fn, bucket).verdict).toBe(WriteVerdict.ALLOW);
  });

  test('a boundary applied to the whole stack (a mutating aspect) is seen too', () => {
    const { app: a, stack, fn, bucket } = app();
    iam.PermissionsBoundary.of(stack).apply(boundary(stack, ['sqs:*']));
    expect(findingFor(synthChecked(a).checker, fn, bucket).verdict).toBe(WriteVerdict.DENY);
  });

  test('a boundary outside the app: UNKNOWN without its document, decided with externalManagedPolicies', () => {
    const arn = 'arn:aws:iam::111111111111:policy/DeveloperBoundary';
    const build = () => {
      const { app: a, stack, fn, bucket } = app();
      iam.PermissionsBoundary.of(fn).apply(iam.ManagedPolicy.fromManagedPolicyArn(stack, 'Imported', arn));
      return { a, fn, bucket };
    };
    const unknown = build();
    expect(findingFor(synthChecked(unknown.a).checker, unknown.fn, unknown.bucket).verdict).toBe(WriteVerdict.UNKNOWN);

    const denied = build();
    const props: WriteAccessCheckerProps = {
      externalManagedPolicies: { [arn]: iam.PolicyDocument.fromJson({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) },
    };
    const finding = findingFor(synthChecked(denied.a, props).checker, denied.fn, denied.bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('PERMISSIONS_BOUNDARY');
  });
});

const FULL_ACCESS = { Sid: 'FullAWSAccess', Effect: 'Allow', Action: '*', Resource: '*' };
const DENY_PUTS = { Sid: 'NoUploads', Effect: 'Deny', Action: 's3:PutObject', Resource: '*' };
const doc = (...Statement: object[]) => iam.PolicyDocument.fromJson({ Version: '2012-10-17', Statement });

describe('SCP_DENY (serviceControlPolicies)', () => {
  test('an SCP at the account level that denies s3:PutObject: DENY', () => {
    const { app: a, fn, bucket } = app();
    const finding = findingFor(synthChecked(a, {
      serviceControlPolicies: [doc(FULL_ACCESS), doc(FULL_ACCESS, DENY_PUTS)],
    }).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('SCP_DENY');
  });

  test('twin: FullAWSAccess at every level → ALLOW', () => {
    const { app: a, fn, bucket } = app();
    const checked = synthChecked(a, { serviceControlPolicies: [doc(FULL_ACCESS), doc(FULL_ACCESS)] });
    expect(findingFor(checked.checker, fn, bucket).verdict).toBe(WriteVerdict.ALLOW);
  });

  test('a level whose SCPs allow only other services denies by omission', () => {
    const { app: a, fn, bucket } = app();
    const finding = findingFor(synthChecked(a, {
      serviceControlPolicies: [doc(FULL_ACCESS), doc({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' })],
    }).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('SCP_DENY');
  });
});

describe('RCP_DENY (resourceControlPolicies)', () => {
  const rcpFull = { Sid: 'RCPFullAWSAccess', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' };
  const denyOutsideOrg = {
    Sid: 'EnforceOrgIdentities',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: '*',
    Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } },
  };

  test('an RCP that denies principals outside the organization, with the app\'s accounts in another organization: DENY', () => {
    const { app: a, fn, bucket } = app();
    const finding = findingFor(synthChecked(a, {
      organizationId: 'o-other', resourceControlPolicies: [doc(rcpFull, denyOutsideOrg)],
    }).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toContain('RCP_DENY');
  });

  test('twin: the accounts are in that organization → ALLOW', () => {
    const { app: a, fn, bucket } = app();
    const checked = synthChecked(a, { organizationId: 'o-abc123', resourceControlPolicies: [doc(rcpFull, denyOutsideOrg)] });
    expect(findingFor(checked.checker, fn, bucket).verdict).toBe(WriteVerdict.ALLOW);
  });

  test('…and without the organization ID it cannot be decided: UNKNOWN, naming organizationId', () => {
    const { app: a, fn, bucket } = app();
    const finding = findingFor(synthChecked(a, { resourceControlPolicies: [doc(rcpFull, denyOutsideOrg)] }).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.UNKNOWN);
    expect(JSON.stringify(finding)).toContain('organizationId');
  });
});
