import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { expectAllowFinding, expectNotDenied, scenario } from '../../support/scenario';

// The bucket's default key named in other ways: an alias of a CDK key, an external key, DSSE.

/** A declared write to a bucket with these props (the key made in the scenario's stack by `bucketProps`). */
function declaredWrite(bucketProps: (stack: Stack) => s3.BucketProps, props = {}) {
  const s = scenario();
  const outcome = s.withBucket(bucketProps(s.stack)).withWriter().grantPut().expectWrite().check(props);
  return { finding: outcome.findingOf('declared'), error: outcome.error };
}

const EXTERNAL_KEY = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('encryption keys', () => {
  test('the bucket\'s default key given as a kms.Alias of a CDK key (KMSMasterKeyID is the alias ARN): ALLOW', () => {
    // S3 User Guide, "Specifying server-side encryption with AWS KMS": the default key may be given by key ID, key ARN,
    // or alias ARN; KMS authorizes on the key the alias points to, which the grant (Alias.grant → the target key) names.
    const outcome = declaredWrite(stack => ({ encryptionKey: new kms.Key(stack, 'Key').addAlias('alias/ingest-data'), encryption: s3.BucketEncryption.KMS }));
    expectAllowFinding(outcome.finding);
    expect(outcome.error).toBeUndefined();
  });

  test('an external key (Key.fromKeyArn) as the bucket key: UNKNOWN or ALLOW, not DENY', () => {
    expectNotDenied(declaredWrite(stack => ({ encryptionKey: kms.Key.fromKeyArn(stack, 'Key', EXTERNAL_KEY), encryption: s3.BucketEncryption.KMS })));
  });

  // Policies given to the checker must be literal (WriteAccessCheckerProps): AccountRootPrincipal() would carry
  // ${AWS::AccountId}, so the ARN is spelled out.
  test('the same external key with its key policy given (account delegation): ALLOW', () => {
    const { finding } = declaredWrite(stack => ({ encryptionKey: kms.Key.fromKeyArn(stack, 'Key', EXTERNAL_KEY), encryption: s3.BucketEncryption.KMS }), {
      externalKeyPolicies: {
        [EXTERNAL_KEY]: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ principals: [new iam.ArnPrincipal('arn:aws:iam::111111111111:root')], actions: ['kms:*'], resources: ['*'] })] }),
      },
    });
    expectAllowFinding(finding);
  });

  test.each([
    ['DSSE with a CDK key', s3.BucketEncryption.DSSE],
    ['DSSE_MANAGED', s3.BucketEncryption.DSSE_MANAGED],
  ] as Array<[string, s3.BucketEncryption]>)('%s: ALLOW', (_n, encryption) => {
    expectAllowFinding(declaredWrite(() => ({ encryption })).finding);
  });
});
