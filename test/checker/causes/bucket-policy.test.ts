import { Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ExpectWriteOptions, WriteAccessChecker, ObjectEncryption, WriteVerdict } from '../../../src/checker';
import { causeSuiteApp, codesOf, declaredFinding, findingFor, synthChecked } from '../../support/harness';

// Bucket policies: an explicit Deny in the resource policy denies whatever the role allows; same-account, an
// Allow in either the identity or the resource policy suffices
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html,
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html).

const app = causeSuiteApp;

function denyPuts(bucket: s3.Bucket, keys: string, conditions?: Record<string, unknown>) {
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'DenyPuts',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['s3:PutObject'],
    resources: [bucket.arnForObjects(keys)],
    conditions,
  }));
}

/** grantPut, a Deny of every put unless `conditions`, `tweak` (a tag…), the declared `intent`: the verdict. */
function verdictUnless(
  bucketProps: s3.BucketProps, conditions: Record<string, unknown>, intent: ExpectWriteOptions = {}, tweak?: (fn: lambda.Function) => void,
) {
  const { app: a, fn, bucket } = app(bucketProps);
  bucket.grantPut(fn);
  denyPuts(bucket, '*', conditions);
  tweak?.(fn);
  WriteAccessChecker.expectWrite(fn, bucket, intent);
  return findingFor(synthChecked(a).checker, fn, bucket).verdict;
}

describe('BUCKET_POLICY_DENY', () => {
  /** grantPut, a Deny 'DenyPuts' of every put on `keys`, the write declared under out/: synthesized. */
  function withDenyOn(keys: string) {
    const { app: a, fn, bucket } = app();
    bucket.grantPut(fn);
    denyPuts(bucket, keys);
    return declaredFinding(a, fn, bucket, { keyPrefix: 'out/' });
  }

  test('addToResourcePolicy with a Deny on the prefix: DENY, located at the bucket policy and its Sid', () => {
    const { finding, error } = withDenyOn('out/*');
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)[0]).toBe('BUCKET_POLICY_DENY');
    expect(finding.causes[0].statement).toBe('DenyPuts');
    expect(finding.causes[0].location).toBe('Stack/Bucket/Policy');
    expect(error?.message).toContain("'WriteAccessChecker::BUCKET_POLICY_DENY'");
  });

  test('twin: the Deny on another prefix → ALLOW', () => {
    const { finding, error } = withDenyOn('archive/*');
    expect(finding.verdict).toBe(WriteVerdict.ALLOW);
    expect(error).toBeUndefined();
  });

  test('enforceSSL (Deny when aws:SecureTransport is false) allows SDK writes, which use HTTPS', () => {
    const { app: a, fn, bucket } = app({ enforceSSL: true });
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket);
    expect(findingFor(synthChecked(a).checker, fn, bucket).verdict).toBe(WriteVerdict.ALLOW);
  });

  test('a grant only in the bucket policy is enough in the same account', () => {
    const { app: a, fn, bucket } = app();
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [fn.role!], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')],
    }));
    WriteAccessChecker.expectWrite(fn, bucket);
    expect(findingFor(synthChecked(a).checker, fn, bucket).verdict).toBe(WriteVerdict.ALLOW);
  });
});

describe('conditions on the request (s3:x-amz-server-side-encryption)', () => {
  const requireKmsHeader = { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } };

  test('a Deny unless the SSE-KMS header is sent: the default request (no header) is DENIED; bucket default encryption does not set it', () => {
    const { app: a, fn, bucket } = app({ encryption: s3.BucketEncryption.KMS });
    bucket.grantPut(fn);
    denyPuts(bucket, '*', requireKmsHeader);
    WriteAccessChecker.expectWrite(fn, bucket);
    const finding = findingFor(synthChecked(a).checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    // The request (its missing header) decides, at the bucket policy's statement.
    expect(codesOf(finding)).toEqual(['REQUEST_CONDITION']);
    expect(finding.causes[0]).toEqual(expect.objectContaining({ location: 'Stack/Bucket/Policy', statement: 'DenyPuts' }));
    expect(finding.fix).toContain("ServerSideEncryption: 'aws:kms'");
  });

  test('twin: the code sends ServerSideEncryption aws:kms → ALLOW', () => {
    const { app: a, fn, bucket } = app({ encryption: s3.BucketEncryption.KMS });
    bucket.grantPut(fn);
    denyPuts(bucket, '*', requireKmsHeader);
    WriteAccessChecker.expectWrite(fn, bucket, { request: { encryption: ObjectEncryption.KMS } });
    expect(findingFor(synthChecked(a).checker, fn, bucket).verdict).toBe(WriteVerdict.ALLOW);
  });

  test('inferred intent (request unknown): CONDITIONAL, naming the header the code must send', () => {
    const { app: a, fn, bucket } = app({ encryption: s3.BucketEncryption.KMS });
    bucket.grantPut(fn);
    denyPuts(bucket, '*', requireKmsHeader);
    const { checker, error } = synthChecked(a);
    const finding = findingFor(checker, fn, bucket);
    expect(finding.intent).toBe('inferred');
    expect(finding.verdict).toBe(WriteVerdict.CONDITIONAL);
    expect(JSON.stringify(finding.causes)).toContain('x-amz-server-side-encryption');
    expect(error).toBeUndefined();
  });

  const kmsBucket = { encryption: s3.BucketEncryption.KMS };
  const requireSseHeader = { Null: { 's3:x-amz-server-side-encryption': 'true' } };
  test('a Deny with Null on the SSE header allows a request that sends it', () => {
    expect(verdictUnless(kmsBucket, requireSseHeader, { request: { encryption: ObjectEncryption.KMS } })).toBe(WriteVerdict.ALLOW);
  });

  test('…and denies one that does not', () => {
    expect(verdictUnless(kmsBucket, requireSseHeader, { request: { encryption: ObjectEncryption.NONE } })).toBe(WriteVerdict.DENY);
  });
});

describe('conditions on the principal (aws:PrincipalTag) with Tags.of', () => {
  const requireTeamTag = { StringNotEquals: { 'aws:PrincipalTag/team': 'ingest' } };

  test('a Deny unless the role carries team=ingest: untagged role → DENY', () => {
    expect(verdictUnless({}, requireTeamTag)).toBe(WriteVerdict.DENY);
  });

  test('twin: Tags.of(fn).add(team, ingest) tags the execution role → ALLOW', () => {
    expect(verdictUnless({}, requireTeamTag, {}, fn => Tags.of(fn).add('team', 'ingest'))).toBe(WriteVerdict.ALLOW);
  });
});

describe('conditions on object tags (s3:RequestObjectTag)', () => {
  const requireClassification = { StringNotEquals: { 's3:RequestObjectTag/classification': 'internal' } };

  test('a Deny unless the object is tagged classification=internal: untagged writes are DENIED', () => {
    expect(verdictUnless({}, requireClassification)).toBe(WriteVerdict.DENY);
  });

  test('twin: the code sends the tag (grantPut includes s3:PutObjectTagging) → ALLOW', () => {
    expect(verdictUnless({}, requireClassification, { request: { objectTags: { classification: 'internal' } } })).toBe(WriteVerdict.ALLOW);
  });
});
