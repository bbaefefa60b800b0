import { readRequestProfile, RecordedIntent } from '../../src/contract/intent';
import { analyze, app, bucket, codes, declared, fn, only, stack } from '../analysis/support/app';

// Cloud assemblies synthesized by 0.x versions before the public vocabulary was unified record the SSE-C request
// field as `customerKey`; today's writer and expectWrite record `sseCustomerKey`. The command line reads old
// assemblies too, so both names must give the same verdict.

/** A bucket that blocks (or, with NONE, allows) SSE-C requests: S3 User Guide, "Blocking or unblocking SSE-C for a general purpose bucket". */
const sseCBucket = (blocked: string) => bucket({
  BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BlockedEncryptionTypes: { EncryptionType: [blocked] } }] },
});

function findingFor(request: Record<string, unknown>, blocked = 'SSE-C') {
  const intent = declared(request as RecordedIntent['request'], '', { constructPath: 'Stack/Bucket/Resource' });
  return only(analyze(stack(app({ Fn: fn('FnRole', {}, [intent]), Bucket: sseCBucket(blocked) }))));
}

describe('the SSE-C field of a recorded request, under its old and its new name', () => {
  test.each([
    ['old name customerKey', { customerKey: true }],
    ['new name sseCustomerKey', { sseCustomerKey: true }],
  ])('%s on a bucket that blocks SSE-C: DENY REQUEST_CONDITION', (_name, request) => {
    const finding = findingFor(request);
    expect(finding.verdict).toBe('DENY');
    expect(codes(finding)).toContain('REQUEST_CONDITION');
  });

  test.each([
    ['old name customerKey', { customerKey: true }],
    ['new name sseCustomerKey', { sseCustomerKey: true }],
  ])('twin: %s on a bucket that allows SSE-C: ALLOW', (_name, request) => {
    expect(findingFor(request, 'NONE').verdict).toBe('ALLOW');
  });

  test('twin: no SSE-C field on the blocking bucket: ALLOW', () => {
    expect(findingFor({}).verdict).toBe('ALLOW');
  });
});

describe('readRequestProfile', () => {
  test('customerKey is read as sseCustomerKey; the other fields pass through', () => {
    expect(readRequestProfile({ customerKey: true, acl: 'private' })).toEqual({ sseCustomerKey: true, acl: 'private' });
  });

  test('when both names are present, the current one wins', () => {
    expect(readRequestProfile({ customerKey: true, sseCustomerKey: false })).toEqual({ sseCustomerKey: false });
  });

  test('a profile in today\'s names is unchanged', () => {
    const profile = { serverSideEncryption: 'aws:kms', tags: { team: 'a' }, sseCustomerKey: true };
    expect(readRequestProfile(profile)).toEqual(profile);
  });
});
