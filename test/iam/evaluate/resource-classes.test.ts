import fc from 'fast-check';
import { evaluate } from '../../../src/iam';
import { resourceClasses } from '../../../src/iam/evaluate/resource-classes';
import { SMALL_POLICY } from '../../../src/iam/evaluate/statement-index';
import { AuthorizationRequest, PolicySet } from '../../../src/iam/model';
import { atom } from '../../../src/iam/symbolic';
import { expectDecidedAlike, givenPolicies, policyOf, ROLE, writerRequest } from '../support/decide-alike';

/**
 * One evaluation decides a class of resources (src/iam/evaluate/resource-classes.ts) only if the evaluator really
 * cannot tell its members apart: every resource of a class must get, for the same request otherwise, the same
 * decision — outcome, decisive statements and trace — in every layer, indexed policies and small ones alike.
 */

const A = atom('generated', 'App/BucketA.Name');
const B = atom('generated', 'App/BucketB.Name');
const ANY_KEY = atom('generated', 'writers probe: any key');
const INTENT_KEY = atom('opaque', 'object key part 0 (any value the code writes)');

const RESOURCE_ENTRIES = [
  `arn:aws:s3:::${A}/*`, `arn:aws:s3:::${A}/incoming/*`, `arn:aws:s3:::${A}`, `arn:aws:s3:::${B}/*`, 'arn:aws:s3:::plain/*',
  'arn:aws:s3:::plain/logs/*', '*', 'arn:aws:s3:::*', `arn:aws:s3:::${A}/${'${aws:username}'}/*`, 'arn:aws:s3:::plain/a?c',
  `arn:aws:s3:::${A}/*.txt`, 'arn:aws:s3',
];
const RESOURCES = [
  `arn:aws:s3:::${A}/${ANY_KEY}`, `arn:aws:s3:::${A}/${INTENT_KEY}`, `arn:aws:s3:::${A}/incoming/${INTENT_KEY}`,
  `arn:aws:s3:::${A}/incoming/a.txt`, `arn:aws:s3:::${A}/b.txt`, `arn:aws:s3:::${A}`, `arn:aws:s3:::${B}/${ANY_KEY}`,
  'arn:aws:s3:::plain/abc', 'arn:aws:s3:::plain/logs/x', 'arn:aws:s3:::plain/axc', 'short',
];

const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Allow', 'Deny', 'Maybe'),
  Action: fc.constantFrom('s3:PutObject', 's3:*', 's3:GetObject'),
  entries: fc.array(fc.constantFrom(...RESOURCE_ENTRIES), { minLength: 1, maxLength: 3 }),
  not: fc.boolean(),
  condition: fc.constantFrom(undefined, undefined, { StringEquals: { 's3:x-amz-acl': 'private' } }, { Bool: { 'aws:SecureTransport': 'false' } }),
  principal: fc.constantFrom(undefined, { AWS: ROLE }),
}).map((s) => ({
  Effect: s.Effect,
  Action: s.Action,
  [s.not ? 'NotResource' : 'Resource']: s.entries,
  ...(s.condition ? { Condition: s.condition } : {}),
  ...(s.principal ? { Principal: s.principal } : {}),
}));

function request(resource: string): AuthorizationRequest {
  return writerRequest('s3:PutObject', resource, {
    'aws:SecureTransport': 'true',
    's3:x-amz-acl': { unknown: 'whatever the request carries', mayBeAbsent: true },
    'aws:username': { unknown: 'not known', mayBeAbsent: true },
  });
}

describe('resources no statement tells apart are decided alike', () => {
  test('random policies, small and indexed, in every layer: each class is one decision, and the classes split the list in order', () => {
    // Both sides of the index's threshold: policies matched statement by statement, and indexed ones.
    const layer = fc.array(statement, { minLength: 1, maxLength: SMALL_POLICY + 8 });
    fc.assert(fc.property(layer, layer, layer, fc.shuffledSubarray(RESOURCES, { minLength: 1 }), (id, res, scp, resources) => {
      const set: PolicySet = {
        identity: [policyOf(id, 'identity')],
        resource: policyOf(res.map((s) => ({ Principal: { AWS: ROLE }, ...s })), 'bucket policy'),
        serviceControlPolicies: [[policyOf([{ Effect: 'Allow', Action: '*', Resource: '*' }, ...scp], 'scp')]],
      };
      expectDecidedAlike(resources, resourceClasses(resources, givenPolicies(set)), set, request);
    }), { seed: 3, numRuns: 300 });
  });

  test('the writers\' any key and an intent\'s key are one class under bucket/*, two under a prefix the intent key may or may not be in', () => {
    const keys = [`arn:aws:s3:::${A}/${ANY_KEY}`, `arn:aws:s3:::${A}/${INTENT_KEY}`];
    const whole = policyOf([{ Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${A}/*` }], 'grantPut');
    expect(resourceClasses(keys, [whole])).toEqual([keys]);
    const prefix = policyOf([{ Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${A}/incoming/*` }], 'prefix');
    // The generated name is certainly not under incoming/; the code's key may be: unknown, so a class of its own.
    expect(resourceClasses(keys, [whole, prefix])).toEqual([[keys[0]], [keys[1]]]);
    const set = { identity: [prefix] };
    expect(evaluate(request(keys[0]), set).outcome).toBe('implicit-deny');
    expect(evaluate(request(keys[1]), set).outcome).not.toBe('implicit-deny');
  });

  test('a Resource with a policy variable keeps each resource apart: its match depends on the context', () => {
    const keys = [`arn:aws:s3:::${A}/${ANY_KEY}`, `arn:aws:s3:::${A}/b.txt`];
    const variable = policyOf([{ Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${A}/\${aws:username}` }], 'home');
    expect(resourceClasses(keys, [variable])).toEqual([[keys[0]], [keys[1]]]);
    // Different buckets are different classes even when a statement matches both alike.
    const any = policyOf([{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }], 'any');
    expect(resourceClasses([`arn:aws:s3:::${A}/x`, `arn:aws:s3:::${B}/x`], [any])).toHaveLength(2);
  });
});
