import * as fc from 'fast-check';
import {
  bucketAbacContext, checkAccessPoint, checkAcl, checkObjectLock, checkOtherBucketFeatures, decideNetworkPath, GateOutcome, guardGate,
} from '../../../src/analysis/gates';
import { parseBucketSettings } from '../../../src/analysis/model/bucket-settings';
import { worst } from '../../../src/analysis/step-outcome';

const outcome = (result: GateOutcome['result']): GateOutcome => ({ result, code: 'NETWORK_PATH', reason: result });

describe('merging outcomes: the worst wins', () => {
  test.each([
    [[], 'pass'],
    [['pass', 'conditional'], 'conditional'],
    [['conditional', 'unknown', 'pass'], 'unknown'],
    [['unknown', 'deny', 'conditional'], 'deny'],
  ] as [GateOutcome['result'][], string][])('%j → %s', (list, expected) => {
    expect(worst(list.map(outcome))).toBe(expected);
  });

  test('guardGate turns an exception into an unknown outcome naming the gate', () => {
    const got = guardGate('demo', 'UNRESOLVED', 'Stack/X', () => { throw new Error('boom'); }, (o) => [o]);
    expect(got).toEqual([{ result: 'unknown', code: 'UNRESOLVED', reason: 'the demo check could not read its input (boom)', location: 'Stack/X' }]);
    expect(guardGate('demo', 'UNRESOLVED', undefined, () => ['fine'], () => ['caught'])).toEqual(['fine']);
  });
});

// The project's standard: malformed or hostile input never throws. Each gate, fed arbitrary JSON where its input goes.
describe('hostile input never throws out of a gate', () => {
  const anything = fc.anything({ withNullPrototype: true, maxDepth: 3 });
  const results = new Set(['pass', 'deny', 'conditional', 'unknown']);
  const wellShaped = (outcomes: readonly GateOutcome[]) => outcomes.every((o) => results.has(o.result) && typeof o.reason === 'string');

  test.each([
    ['acl', (a: any, b: any) => checkAcl({ request: { acl: a }, bucket: { location: 'B', type: 'AWS::S3::Bucket', settings: parseBucketSettings('B', b) } })],
    ['object lock', (a: any, b: any) => checkObjectLock({ request: { objectLockMode: a, checksum: false }, bucket: { location: 'B', type: 'AWS::S3::Bucket', settings: parseBucketSettings('B', b) } })],
    ['other features', (a: any, b: any) => checkOtherBucketFeatures({ request: { sseCustomerKey: true }, bucket: { location: 'B', type: a, settings: parseBucketSettings('B', b) }, sameAccount: 'false' })],
    ['network', (a: any, b: any) => decideNetworkPath({ functionLocation: 'F', vpcConfig: a, resources: [{ location: 'R', type: 'AWS::EC2::Subnet', properties: b, ref: 's' }] }).outcomes],
    ['access point', (a: any, b: any) => checkAccessPoint({
      accessPoint: 'A', accessPoints: [{ location: 'A', properties: b }], bucket: { location: 'B', name: 'b' }, keyPattern: '*', region: 'r', account: '1', acl: a,
    }).outcomes],
    ['abac', (a: any, b: any) => bucketAbacContext({ bucket: { location: 'B', type: 'AWS::S3::Bucket', settings: parseBucketSettings('B', b) }, policies: [{ location: 'P', document: a }] }).notes.map(
      (n) => ({ result: 'pass' as const, code: 'UNRESOLVED' as const, reason: n.message }))],
  ])('%s', (_name, run) => {
    fc.assert(fc.property(anything, anything, (a, b) => wellShaped(run(a, b))), { numRuns: 300 });
  });
});
