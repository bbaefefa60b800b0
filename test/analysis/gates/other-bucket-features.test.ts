import { appBucket, expectWellFormed, importedBucket, OPAQUE, results } from './fixtures';
import { checkOtherBucketFeatures, OtherFeaturesGateInput } from '../../../src/analysis/gates';
import { parseBucketSettings } from '../../../src/analysis/model/bucket-settings';
import { worst } from '../../../src/analysis/step-outcome';

const blocking = (types: unknown) => ({
  BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BlockedEncryptionTypes: { EncryptionType: types } }] },
});
const sseC = { sseCustomerKey: true };

function check(more: Partial<OtherFeaturesGateInput>) {
  const outcomes = checkOtherBucketFeatures({ request: {}, bucket: appBucket({}), sameAccount: 'true', ...more });
  expectWellFormed(outcomes);
  return outcomes;
}

// S3 User Guide, "Blocking or unblocking SSE-C for a general purpose bucket": 403 AccessDenied; blocked by default
// on new buckets since April 2026.
describe('SSE-C vs BlockedEncryptionTypes', () => {
  test.each([
    ['SSE-C blocked', blocking(['SSE-C']), 'deny'],
    ['SSE-C unblocked (NONE)', blocking(['NONE']), 'pass'],
    ['not stated: blocked by default on new buckets, so unknown', {}, 'unknown'],
    ['not known', blocking(OPAQUE), 'unknown'],
  ])('%s', (_name, props, expected) => {
    expect(worst(check({ request: sseC, bucket: appBucket(props) }))).toBe(expected);
  });

  test('no SSE-C headers: nothing to check, even on a blocking bucket', () => {
    expect(check({ bucket: appBucket(blocking(['SSE-C'])) })).toEqual([]);
  });

  test('the deny names the setting and the fix the CDK prop', () => {
    const [o] = check({ request: sseC, bucket: appBucket(blocking(['SSE-C'])) });
    expect(o.reason).toContain('BlockedEncryptionTypes');
    expect(o.fix).toContain('blockedEncryptionTypes');
  });

  test('imported bucket → unknown', () => {
    expect(results(check({ request: sseC, bucket: importedBucket() }))).toEqual(['unknown:REQUEST_CONDITION']);
  });
});

describe('directory buckets are out of scope', () => {
  test('AWS::S3Express::DirectoryBucket → unknown UNRESOLVED', () => {
    const [o] = check({ bucket: { location: 'Stack/Dir', type: 'AWS::S3Express::DirectoryBucket', settings: parseBucketSettings('Stack/Dir', {}) } });
    expect(o.result).toBe('unknown');
    expect(o.code).toBe('UNRESOLVED');
    expect(o.reason).toContain('out of scope');
  });

  test('an imported bucket named like a directory bucket, and its general purpose twin', () => {
    expect(results(check({ bucket: importedBucket(), bucketName: 'data--use1-az4--x-s3' }))).toEqual(['unknown:UNRESOLVED']);
    expect(check({ bucket: importedBucket(), bucketName: 'data' })).toEqual([]);
  });
});

// S3 User Guide, "Using Requester Pays buckets": a requester other than the owner must send x-amz-request-payer.
// Requester Pays is off unless the owner turns it on, so a setting nobody gave is assumed off (and said so).
describe('Requester Pays', () => {
  test.each([
    ['requester pays, other account, no header', { sameAccount: 'false', bucketRequesterPays: true }, 'deny'],
    ['… with the header', { sameAccount: 'false', bucketRequesterPays: true, request: { requesterPays: true } }, 'pass'],
    ['… same account', { sameAccount: 'true', bucketRequesterPays: true }, 'pass'],
    ['… account not known', { sameAccount: 'unknown', bucketRequesterPays: true }, 'unknown'],
    ['not requester pays', { sameAccount: 'false', bucketRequesterPays: false }, 'pass'],
    ['imported, other account, not said: assumed off', { sameAccount: 'false', bucket: importedBucket() }, 'pass'],
    ['imported, account not known, not said: assumed off', { sameAccount: 'unknown', bucket: importedBucket() }, 'pass'],
    ['imported, other account, said on', { sameAccount: 'false', bucket: importedBucket(), bucketRequesterPays: true }, 'deny'],
    ['bucket of the app, not said (CloudFormation cannot turn it on)', { sameAccount: 'false' }, 'pass'],
  ] as [string, Partial<OtherFeaturesGateInput>, string][])('%s', (_name, more, expected) => {
    expect(worst(check(more))).toBe(expected);
  });

  test('the deny says which header to send', () => {
    const [o] = check({ sameAccount: 'false', bucketRequesterPays: true });
    expect(o.fix).toContain('x-amz-request-payer: requester');
  });

  test('assumed off for a cross-account bucket outside the app: a note naming the bucket and requesterPaysBuckets', () => {
    const outcomes = check({ sameAccount: 'false', bucket: importedBucket('partner-drop') });
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0].result).toBe('pass');
    expect(outcomes[0].reason).toMatch(/^Requester Pays assumed off for partner-drop: set `requesterPaysBuckets`/);
    expect(outcomes[0].reason).toContain('belongs to another account');
  });

  test('no note where nothing is assumed: the bucket is the function\'s account\'s, or the setting was given', () => {
    expect(check({ sameAccount: 'true', bucket: importedBucket() })).toEqual([]);
    expect(check({ sameAccount: 'false', bucket: importedBucket(), bucketRequesterPays: false })).toEqual([]);
    expect(check({ sameAccount: 'false', bucket: importedBucket(), request: { requesterPays: true } })).toEqual([]);
  });
});

describe('robustness', () => {
  test('malformed BucketEncryption → unknown; garbage never throws', () => {
    expect(worst(check({ request: sseC, bucket: appBucket({ BucketEncryption: { ServerSideEncryptionConfiguration: 'x' } }) }))).toBe('unknown');
    expect(worst(check({ request: sseC, bucket: appBucket({ BucketEncryption: 7 }) }))).toBe('unknown');
    expect(worst(checkOtherBucketFeatures(undefined as any))).toBe('unknown');
  });
});
