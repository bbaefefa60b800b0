import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteVerdict } from '../../../src/checker';
import { describeFinding, verdictFor } from '../../support/harness';
import { expectNotDenied, scenario } from '../../support/scenario';

// A bucket of another account the function writes (imported: its policy is given to the checker), and Requester
// Pays on it.

/** The bucket 'partner-drop' owned elsewhere; its policy allows the function's account. */
const partnerPolicy = () => new iam.PolicyDocument({
  statements: [new iam.PolicyStatement({
    principals: [new iam.AccountPrincipal('111111111111')], actions: ['s3:PutObject'], resources: ['arn:aws:s3:::partner-drop/*'],
  })],
});

describe('Requester Pays assumed off for imported buckets in another account', () => {
  test('imported cross-account bucket with its policy given: not DENY', () => {
    const s = scenario();
    s.useBucket(s3.Bucket.fromBucketAttributes(s.stack, 'Shared', { bucketName: 'partner-drop', account: '333333333333' }));
    // An imported bucket is not a bucket of the app: no intent is inferred, so the write is declared.
    s.withWriter({ functionName: 'dropper' }).grantPut().expectWrite();
    const { checker, error } = s.check({ externalBucketPolicies: { 'partner-drop': partnerPolicy() } });
    expectNotDenied({ finding: verdictFor(checker, s.fn, 'partner-drop'), error });
  });
});

describe('Requester Pays (S3 User Guide, "Using Requester Pays buckets")', () => {
  function importedApp(owner: string, sendsRequestPayer = false) {
    const s = scenario();
    s.useBucket(s3.Bucket.fromBucketName(s.stack, 'Partner', 'partner-drop')).withWriter().grantPut();
    s.expectWrite(sendsRequestPayer ? { request: { requesterPays: true } } : {});
    return s.check({
      externalBucketPolicies: { 'partner-drop': partnerPolicy() }, externalBucketAccounts: { 'partner-drop': owner }, requesterPaysBuckets: { 'partner-drop': true },
    }).checker.findings.find(f => f.bucket === 'partner-drop')!;
  }
  test('another account\'s Requester Pays bucket, the default request sends no x-amz-request-payer: not ALLOW', () => {
    expect(importedApp('333333333333').verdict).not.toBe(WriteVerdict.ALLOW);
  });
  test('the same, the code declares x-amz-request-payer: requester: ALLOW', () => {
    expect(describeFinding(importedApp('333333333333', true))).toBe('ALLOW [] ');
  });
  test('the function\'s own account owns it (the owner pays; no header needed): ALLOW', () => {
    expect(describeFinding(importedApp('111111111111'))).toBe('ALLOW [] ');
  });
});
