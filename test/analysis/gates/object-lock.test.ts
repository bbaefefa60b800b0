import { appBucket, expectWellFormed, importedBucket, OPAQUE } from './fixtures';
import { checkObjectLock, OBJECT_LOCK_REQUEST_CODE } from '../../../src/analysis/gates';
import { worst } from '../../../src/analysis/step-outcome';

const locked = { ObjectLockEnabled: true, VersioningConfiguration: { Status: 'Enabled' } };
const lockedWithDefault = { ...locked, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 1 } } } };

// S3 User Guide, "Locking objects with Object Lock" and PutObject API reference (x-amz-object-lock-*, Content-MD5):
// lock headers on a bucket without Object Lock fail with 400; with it, a retention period needs a checksum.
describe('Object Lock headers vs the bucket (400 InvalidRequest)', () => {
  test.each([
    ['retention header, no Object Lock', {}, { objectLockMode: 'GOVERNANCE' }, 'deny'],
    ['retention header, Object Lock enabled', locked, { objectLockMode: 'GOVERNANCE' }, 'pass'],
    ['legal hold, ObjectLockEnabled false', { ObjectLockEnabled: 'false' }, { objectLockLegalHold: true }, 'deny'],
    ['legal hold, Object Lock enabled', locked, { objectLockLegalHold: true }, 'pass'],
    ['no lock headers, no Object Lock', {}, {}, 'pass'],
  ])('%s', (_name, props, request, expected) => {
    const outcomes = checkObjectLock({ request, bucket: appBucket(props) });
    expect(worst(outcomes)).toBe(expected);
    expectWellFormed(outcomes);
  });

  test('the deny names the header and the prop to enable', () => {
    const [o] = checkObjectLock({ request: { objectLockMode: 'COMPLIANCE' }, bucket: appBucket({}) });
    expect(o.code).toBe(OBJECT_LOCK_REQUEST_CODE);
    expect(o.reason).toContain('x-amz-object-lock-mode: COMPLIANCE');
    expect(o.reason).toContain('Stack/Bucket/Resource');
    expect(o.fix).toContain('objectLockEnabled');
  });
});

describe('Content-MD5 / checksum under a retention period', () => {
  test.each([
    ['retention header, checksum sent', locked, { objectLockMode: 'GOVERNANCE', checksum: true }, 'pass'],
    ['retention header, checksum explicitly not sent', locked, { objectLockMode: 'GOVERNANCE', checksum: false }, 'deny'],
    ['default retention, checksum explicitly not sent', lockedWithDefault, { checksum: false }, 'deny'],
    ['default retention, checksum sent', lockedWithDefault, { checksum: true }, 'pass'],
    ['no retention anywhere, no checksum', locked, { checksum: false }, 'pass'],
    ['legal hold only, no checksum', locked, { objectLockLegalHold: true, checksum: false }, 'pass'],
  ])('%s', (_name, props, request, expected) => {
    const outcomes = checkObjectLock({ request, bucket: appBucket(props) });
    expect(worst(outcomes)).toBe(expected);
    expectWellFormed(outcomes);
  });

  test('checksum not declared: passes with a note saying SDKs send one by default', () => {
    const outcomes = checkObjectLock({ request: { objectLockMode: 'GOVERNANCE' }, bucket: appBucket(locked) });
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0].result).toBe('pass');
    expect(outcomes[0].reason).toMatch(/checksum/);
  });
});

describe('robustness', () => {
  test('imported bucket with lock headers → unknown; without → nothing', () => {
    expect(worst(checkObjectLock({ request: { objectLockLegalHold: true }, bucket: importedBucket() }))).toBe('unknown');
    expect(checkObjectLock({ request: {}, bucket: importedBucket() })).toEqual([]);
  });

  test('unresolved ObjectLockEnabled → unknown', () => {
    expect(worst(checkObjectLock({ request: { objectLockMode: 'GOVERNANCE' }, bucket: appBucket({ ObjectLockEnabled: OPAQUE }) }))).toBe('unknown');
  });

  test('a mode S3 does not know → unknown', () => {
    const outcomes = checkObjectLock({ request: { objectLockMode: 'FOREVER' }, bucket: appBucket(locked) });
    expect(outcomes.some((o) => o.result === 'unknown' && o.reason.includes('FOREVER'))).toBe(true);
  });

  test('garbage never throws', () => {
    expect(worst(checkObjectLock(null as any))).toBe('unknown');
    expect(worst(checkObjectLock({ request: { objectLockMode: 'GOVERNANCE' }, bucket: appBucket({ ObjectLockConfiguration: 5 }) }))).not.toBe('deny');
  });
});
