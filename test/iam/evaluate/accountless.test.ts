import { ACCOUNT, ALLOW_ALL, grantTo, KEY_ARN, policies, policy, putObject, generateDataKey } from './fixtures';
import { evaluate } from '../../../src/iam';
import { RequestPrincipal } from '../../../src/iam/model';

// Callers without an account: an anonymous request and an AWS service principal. They have no identity policies,
// and SCPs "affect only IAM users and roles that are managed by accounts that are part of the organization"
// (AWS Organizations User Guide, "Service control policies (SCPs)"): the resource-based policy alone decides,
// RCPs and VPC endpoint policies still apply. (IAM User Guide, "AWS JSON policy elements: Principal": anonymous
// access is granted with "Principal": "*"; AWS service principals are named with "Service".)

const anonymous: RequestPrincipal = { kind: 'Anonymous', arn: '', account: '' };
const logging: RequestPrincipal = { kind: 'Service', arn: 'logging.s3.amazonaws.com', service: 'logging.s3.amazonaws.com', account: '' };
const role = putObject().principal;
const publicWrite = policy('BucketPolicy', grantTo('*'));
const serviceWrite = policy('BucketPolicy', grantTo({ Service: 'logging.s3.amazonaws.com' }));
const scpDenyingWrites = [[policy('FullAWSAccess', ALLOW_ALL), policy('NoWrites', { Effect: 'Deny', Action: 's3:PutObject', Resource: '*' })]];

describe('an anonymous caller (a public bucket policy)', () => {
  test('"Principal": "*" grants it: allow (not routed as cross-account, where it would need an identity policy)', () => {
    const d = evaluate(putObject({ principal: anonymous }), policies({ resource: publicWrite }));
    expect(d.outcome).toBe('allow');
    expect(d.decisive).toEqual([expect.objectContaining({ layer: 'resource', sid: 'Grant' })]);
  });

  test('twin: a bucket policy naming only an account does not name it: implicit deny, by the resource policy', () => {
    const d = evaluate(putObject({ principal: anonymous }), policies({ resource: policy('BucketPolicy', grantTo({ AWS: ACCOUNT })) }));
    expect(d.outcome).toBe('implicit-deny');
    expect(d.blockedBy).toEqual(['resource']);
  });

  test('SCPs do not apply to it: a Deny SCP leaves the public write allowed; the same SCP denies a role of a member account', () => {
    expect(evaluate(putObject({ principal: anonymous }), policies({ resource: publicWrite, serviceControlPolicies: scpDenyingWrites })).outcome).toBe('allow');
    expect(evaluate(putObject({ principal: role }), policies({ resource: publicWrite, serviceControlPolicies: scpDenyingWrites })).outcome).toBe('explicit-deny');
  });

  test('RCPs do apply (they are the resource\'s): an RCP Deny denies it', () => {
    const rcp = [[policy('NoPublic', { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: '*' })]];
    expect(evaluate(putObject({ principal: anonymous }), policies({ resource: publicWrite, resourceControlPolicies: rcp })).outcome).toBe('explicit-deny');
  });
});

describe('an AWS service principal (S3 server access log delivery)', () => {
  test('the bucket policy names the service: allow, whatever account the resource is in', () => {
    for (const resourceAccount of [ACCOUNT, '999999999999']) {
      expect(evaluate(putObject({ principal: logging, resourceAccount }), policies({ resource: serviceWrite })).outcome).toBe('allow');
    }
  });

  test('twin: no statement names it: implicit deny', () => {
    expect(evaluate(putObject({ principal: logging }), policies({ resource: publicWrite })).outcome).toBe('allow');
    expect(evaluate(putObject({ principal: logging }), policies({ resource: policy('BucketPolicy', grantTo({ AWS: ACCOUNT })) })).outcome).toBe('implicit-deny');
  });

  test('SCPs do not apply to it', () => {
    expect(evaluate(putObject({ principal: logging }), policies({ resource: serviceWrite, serviceControlPolicies: scpDenyingWrites })).outcome).toBe('allow');
  });

  test('a KMS key policy must name the service itself', () => {
    const keyPolicy = policy('KeyPolicy', { Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 'kms:GenerateDataKey', Resource: '*' });
    expect(evaluate(generateDataKey({ principal: logging }), policies({ resource: keyPolicy, resourceKind: 'kms' })).outcome).toBe('allow');
    const rootOnly = policy('KeyPolicy', { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: KEY_ARN });
    expect(evaluate(generateDataKey({ principal: logging }), policies({ resource: rootOnly, resourceKind: 'kms' })).outcome).toBe('implicit-deny');
  });
});
