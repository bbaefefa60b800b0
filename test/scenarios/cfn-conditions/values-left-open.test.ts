import { CfnParameter, Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteVerdict } from '../../../src/checker';
import { expectNotDeny } from '../../support/harness';
import { expectNotDenied, scenario } from '../../support/scenario';

// Values a template leaves to deploy time (parameters) or to the code (headers, checksums): the checker cannot settle
// them at synth, so it answers UNKNOWN or CONDITIONAL, never DENY.

describe('values the templates leave open: never DENY', () => {
  test('bucket name from a CfnParameter, grant on it', () => {
    const s = scenario();
    const name = new CfnParameter(s.stack, 'BucketName', { type: 'String' });
    const { checker, error } = s.useBucket(s3.Bucket.fromBucketName(s.stack, 'Param', name.valueAsString)).withWriter().grantPut().expectWrite().check();
    for (const f of checker.findings) expectNotDeny(f);
    expect(error).toBeUndefined();
  });

  test('a prefix from a CfnParameter in the grant, inferred intent', () => {
    const s = scenario();
    const prefix = new CfnParameter(s.stack, 'Prefix', { type: 'String', default: 'in' });
    expectNotDenied(s.withBucket().withWriter().grantPut(`${prefix.valueAsString}/*`).check());
  });

  test('an identity Allow conditioned on the SSE header, inferred: CONDITIONAL, not DENY', () => {
    const s = scenario().withBucket().withWriter();
    const { finding, error } = s.roleAllows({
      actions: ['s3:PutObject'], resources: [s.bucket.arnForObjects('*')], conditions: { StringEquals: { 's3:x-amz-server-side-encryption': 'AES256' } },
    }).check();
    expect(finding.verdict).toBe(WriteVerdict.CONDITIONAL);
    expect(error).toBeUndefined();
  });

  test('Object Lock with default retention, grantPut, default request: not DENY (SDK v3 sends a checksum)', () => {
    // S3 User Guide, "Object Lock": PUTs to a bucket with default retention need Content-MD5 or an x-amz-sdk-checksum
    // header; current AWS SDKs send CRC32 by default. The checker cannot see the SDK version.
    const s = scenario().withBucket({ objectLockEnabled: true, objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(30)) });
    const outcome = s.withWriter().grantPut().expectWrite().check();
    expectNotDenied({ finding: outcome.findingOf('declared'), error: outcome.error });
  });
});
