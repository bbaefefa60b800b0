import { requesterPaysSetting } from '../../../src/analysis/gates';
import { AnalysisEnvironment } from '../../../src/analysis/input';
import { analyze, app, codes, declared, fn, identityPolicy, OTHER_ACCOUNT, stack, statement } from '../support/app';

// S3 User Guide, "Using Requester Pays buckets": a requester other than the bucket owner must send
// x-amz-request-payer: requester, else 403. CloudFormation cannot set Requester Pays, so the environment's
// `requesterPaysBuckets` (by bucket name) says which buckets have it on; a bucket not listed is assumed off.

const PARTNER = 'partner-drop';
const allowRole = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${PARTNER}/*` }] };

function findingFor(request: Record<string, unknown>, environment: AnalysisEnvironment = {}) {
  const resources = app({
    FnPolicy: identityPolicy([statement('Allow', 's3:PutObject', `arn:aws:s3:::${PARTNER}/*`)]),
    Fn: fn('FnRole', {}, [declared(request, '', { bucketName: PARTNER, account: OTHER_ACCOUNT })]),
  });
  const found = analyze(stack(resources), { externalBucketPolicies: { [PARTNER]: allowRole }, ...environment }).find((f) => f.bucket === PARTNER);
  if (!found) throw new Error(`no finding for ${PARTNER}`);
  return found;
}

describe('requesterPaysBuckets reaches the Requester Pays gate', () => {
  test('not given: assumed off, ALLOW with a note naming the bucket and the setting (not UNKNOWN)', () => {
    const f = findingFor({});
    expect(f.verdict).toBe('ALLOW');
    expect(f.notes).toContainEqual(expect.stringMatching(/^Requester Pays assumed off for partner-drop: set `requesterPaysBuckets`/));
  });

  test('given true and the request lacks the header: DENY naming the header', () => {
    const f = findingFor({}, { requesterPaysBuckets: { [PARTNER]: true } });
    expect(f.verdict).toBe('DENY');
    expect(codes(f)).toEqual(['REQUEST_CONDITION']);
    expect(f.causes[0].message).toContain('Requester Pays on');
    expect(JSON.stringify(f)).toContain('x-amz-request-payer: requester');
  });

  test('given true and the request sends the header: ALLOW', () => {
    expect(findingFor({ requesterPays: true }, { requesterPaysBuckets: { [PARTNER]: true } }).verdict).toBe('ALLOW');
  });

  test('given false: ALLOW with no assumption noted', () => {
    const f = findingFor({}, { requesterPaysBuckets: { [PARTNER]: false } });
    expect(f.verdict).toBe('ALLOW');
    expect(f.notes?.length).toBeGreaterThan(0);
    expect((f.notes ?? []).join('\n')).not.toContain('Requester Pays assumed off');
  });

  test('another bucket listed as requester pays does not affect this one', () => {
    expect(findingFor({}, { requesterPaysBuckets: { 'some-other-bucket': true } }).verdict).toBe('ALLOW');
  });
});

describe('requesterPaysSetting reads the environment', () => {
  test.each([
    [{ [PARTNER]: true }, true],
    [{ [PARTNER]: false }, false],
    [{ [PARTNER]: 'TRUE' }, true],
    [{ [PARTNER]: 'false' }, false],
    [{ [PARTNER]: 'yes' }, undefined],
    [{ other: true }, undefined],
    [undefined, undefined],
  ])('%j → %s', (given, expected) => {
    expect(requesterPaysSetting({ name: PARTNER }, { requesterPaysBuckets: given as any })).toBe(expected);
  });

  test('a name inherited from Object.prototype is not a setting', () => {
    expect(requesterPaysSetting({ name: 'constructor' }, { requesterPaysBuckets: {} })).toBeUndefined();
  });
});
