import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteAccessChecker } from '../../src/checker';
import { toAnalysisEnvironment } from '../../src/checker/environment';

const DENY_PUT = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'NoPuts', Effect: 'Deny', Action: 's3:PutObject', Resource: '*' }],
};

describe('WriteAccessCheckerProps become the analysis environment', () => {
  test('no props, no environment: nothing is assumed given', () => {
    expect(toAnalysisEnvironment({})).toEqual({});
  });

  test('SCPs and RCPs: one level per document, root first, as policy JSON named after the prop', () => {
    const env = toAnalysisEnvironment({
      serviceControlPolicies: [iam.PolicyDocument.fromJson(DENY_PUT), new iam.PolicyDocument()],
      resourceControlPolicies: [iam.PolicyDocument.fromJson(DENY_PUT)],
    });
    expect(env.serviceControlPolicies).toEqual([
      [{ name: 'serviceControlPolicies[0]', document: DENY_PUT }],
      // An empty document allows nothing: it must not vanish (that would read as "not given").
      [{ name: 'serviceControlPolicies[1]', document: { Version: '2012-10-17', Statement: [] } }],
    ]);
    expect(env.resourceControlPolicies).toEqual([[{ name: 'resourceControlPolicies[0]', document: DENY_PUT }]]);
  });

  test('external bucket, key and managed policies by name/ARN; L2 principals become literal ARNs', () => {
    const env = toAnalysisEnvironment({
      externalBucketPolicies: {
        'partner-drop': new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({
            actions: ['s3:PutObject'], resources: ['arn:aws:s3:::partner-drop/*'], principals: [new iam.AccountPrincipal('111111111111')],
          })],
        }),
      },
      externalKeyPolicies: { 'arn:aws:kms:eu-west-1:222222222222:key/k': iam.PolicyDocument.fromJson(DENY_PUT) },
      externalManagedPolicies: { 'arn:aws:iam::111111111111:policy/Boundary': iam.PolicyDocument.fromJson(DENY_PUT) },
      externalBucketAccounts: { 'partner-drop': '222222222222' },
    });
    expect(env.externalBucketPolicies).toEqual({
      'partner-drop': {
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Action: 's3:PutObject',
          Resource: 'arn:aws:s3:::partner-drop/*',
          Principal: { AWS: 'arn:aws:iam::111111111111:root' },
        }],
      },
    });
    expect(env.externalKeyPolicies).toEqual({ 'arn:aws:kms:eu-west-1:222222222222:key/k': DENY_PUT });
    expect(env.externalManagedPolicies).toEqual({ 'arn:aws:iam::111111111111:policy/Boundary': DENY_PUT });
    expect(env.externalBucketAccounts).toEqual({ 'partner-drop': '222222222222' });
  });

  test('account Block Public Access by account, with only the settings given', () => {
    const env = toAnalysisEnvironment({
      accountBlockPublicAccess: { '*': { blockPublicAcls: true, ignorePublicAcls: true }, '111111111111': s3.BlockPublicAccess.BLOCK_ALL },
    });
    expect(env.accountBlockPublicAccess).toEqual({
      '*': { blockPublicAcls: true, ignorePublicAcls: true },
      '111111111111': { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
    });
  });

  test('organization, default account and strictness pass through', () => {
    expect(toAnalysisEnvironment({ organizationId: 'o-123', defaultAccount: '111111111111', strict: true, reportFile: false }))
      .toEqual({ organizationId: 'o-123', defaultAccount: '111111111111', strict: true });
  });

  test('AWS::AccountId (AccountRootPrincipal) has no value outside a stack: refused, naming the prop and the fix', () => {
    const doc = new iam.PolicyDocument({
      statements: [new iam.PolicyStatement({ actions: ['kms:*'], resources: ['*'], principals: [new iam.AccountRootPrincipal()] })],
    });
    expect(() => toAnalysisEnvironment({ externalKeyPolicies: { 'arn:aws:kms:eu-west-1:222222222222:key/k': doc } }))
      .toThrow(/externalKeyPolicies\['arn:aws:kms:eu-west-1:222222222222:key\/k'\] uses AWS::AccountId.*AccountPrincipal\('111111111111'\)/);
  });

  test('a policy that references a resource of the app is refused when the checker is created, naming the prop', () => {
    const stack = new Stack(new App(), 'Stack');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const doc = new iam.PolicyDocument({
      statements: [new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] })],
    });
    expect(() => new WriteAccessChecker({ serviceControlPolicies: [iam.PolicyDocument.fromJson(DENY_PUT), doc] }))
      .toThrow(/serviceControlPolicies\[1\] references a resource of the app \(Fn::GetAtt/);
    expect(() => new WriteAccessChecker({ externalBucketPolicies: { other: doc } }))
      .toThrow(/externalBucketPolicies\['other'\] references a resource of the app/);
  });
});
