import fc from 'fast-check';
import { actionsSomeAllowMayApply, someAllowMayApply } from '../../src/analysis/least-privilege/probe';
import { evaluate, parsePolicy } from '../../src/iam';
import { evaluationCounters } from '../../src/iam/evaluate/counters';
import { candidatePositions, keptAnswers, SMALL_POLICY } from '../../src/iam/evaluate/statement-index';
import { AuthorizationRequest, Policy, PolicySet } from '../../src/iam/model';
import { atom } from '../../src/iam/symbolic';
import { ACCOUNT, ROLE, writerRequest } from '../iam/support/decide-alike';

/**
 * The statement index (src/iam/evaluate/statement-index.ts) changes how many statements are evaluated, never the
 * decision: a policy of many statements, indexed, decides every request exactly as the same statements do when
 * split into policies too small to be indexed (same policy id, same statement positions, so even the traces and
 * references must come out identical).
 */

const A = atom('generated', 'App/BucketA.Name');
const B = atom('generated', 'App/BucketB.Name');
const C = atom('generated', 'App/BucketC.Name');
const OPAQUE = atom('opaque', 'a bucket name parameter');

/** Resource entries: fixed names the index may rule out, and every shape it must not. */
const RESOURCES = [
  `arn:aws:s3:::${A}/*`, `arn:aws:s3:::${A}`, `arn:aws:s3:::${B}/incoming/*`, `arn:aws:s3:::${C}/*`,
  'arn:aws:s3:::plain-bucket/*', 'arn:aws:s3:::plain-bucket-2/*', 'arn:aws:s3:::plain-bucket',
  '*', 'arn:aws:s3:::*', 'arn:aws:s3:::plain-*/*', `arn:aws:s3:::${A}*`, 'arn:aws:s3:::plain-bucke?/*',
  'arn:aws:s3:::${aws:username}/*', `arn:aws:s3:::${OPAQUE}/*`, `arn:aws:s3:::${A}-logs/*`, 'arn:aws:s3:::\uE002/*',
  'arn:aws:s3', `arn:aws:kms:us-east-1:${ACCOUNT}:key/1`, 'arn:aws:s3:::plain-bucket/${aws:PrincipalTag/team}/*',
];
const REQUESTS = [
  `arn:aws:s3:::${A}/incoming/a.txt`, `arn:aws:s3:::${B}/incoming/a.txt`, `arn:aws:s3:::${C}/x`, `arn:aws:s3:::${A}`,
  'arn:aws:s3:::plain-bucket/a.txt', 'arn:aws:s3:::plain-bucket-2/a', 'arn:aws:s3:::other/a', `arn:aws:s3:::${OPAQUE}/a`,
  'arn:aws:s3:::plain-bucket', 'short-resource',
];

const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Allow', 'Deny', 'Maybe'),
  Action: fc.constantFrom('s3:PutObject', 's3:*', ['s3:GetObject', 's3:PutObject'], 's3:GetObject'),
  resources: fc.array(fc.constantFrom(...RESOURCES), { minLength: 1, maxLength: 3 }),
  not: fc.boolean(),
  principal: fc.constantFrom(undefined, undefined, undefined, { AWS: ROLE }),
  condition: fc.constantFrom(undefined, undefined, { StringEquals: { 's3:x-amz-acl': 'private' } }, { Bool: { 'AWS:SecureTransport': 'true' } }),
}).map((s) => ({
  Effect: s.Effect,
  Action: s.Action,
  [s.not ? 'NotResource' : 'Resource']: s.resources,
  ...(s.principal ? { Principal: s.principal } : {}),
  ...(s.condition ? { Condition: s.condition } : {}),
}));

function request(resource: string): AuthorizationRequest {
  return writerRequest('s3:PutObject', resource, { 'aws:SecureTransport': 'true', 'aws:username': { unknown: 'not known', mayBeAbsent: true } });
}

/** The same statements in policies too small to be indexed, with the same id. */
function split(policy: Policy): Policy[] {
  const parts: Policy[] = [];
  for (let i = 0; i < policy.statements.length; i += SMALL_POLICY) {
    parts.push({ ...policy, statements: policy.statements.slice(i, i + SMALL_POLICY) });
  }
  return parts;
}

describe('the statement index keeps every decision', () => {
  test('random policies of many statements, in every layer that has statements', () => {
    fc.assert(fc.property(fc.array(statement, { minLength: 9, maxLength: 30 }), fc.constantFrom(...REQUESTS), (statements, resource) => {
      const policy = parsePolicy({ Version: '2012-10-17', Statement: statements }, 'the policy');
      const req = request(resource);
      const sets: [PolicySet, PolicySet][] = [
        [{ identity: [policy] }, { identity: split(policy) }],
        [{ identity: [], resource: policy }, { identity: [], resource: policy }],
        [{ identity: [policy], permissionsBoundary: policy }, { identity: split(policy), permissionsBoundary: policy }],
        [{ identity: [policy], serviceControlPolicies: [[policy]] }, { identity: split(policy), serviceControlPolicies: [split(policy)] }],
      ];
      for (const [indexed, plain] of sets) {
        expect(evaluate(req, indexed)).toEqual(evaluate(req, plain));
      }
    }), { seed: 7, numRuns: 400 });
  });

  test('a statement naming another bucket is not evaluated; one that may cover the bucket always is', () => {
    const others = Array.from({ length: 20 }, (_, i) => ({
      Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${atom('generated', `App/Other${i}.Name`)}/*`,
    }));
    const mayCover = [
      { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::*/incoming/*' },
      { Effect: 'Deny', Action: 's3:PutObject', NotResource: `arn:aws:s3:::${B}/*` },
      { Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${OPAQUE}/*` },
    ];
    const policy = parsePolicy({ Version: '2012-10-17', Statement: [...others, ...mayCover, { Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${A}/*` }] }, 'p');
    evaluationCounters.statements = 0;
    const decision = evaluate(request(`arn:aws:s3:::${A}/incoming/a.txt`), { identity: [policy] });
    // The three that may cover it and the grant on the bucket itself; none of the 20 on other buckets.
    expect(evaluationCounters.statements).toBe(4);
    expect(decision.outcome).toBe('explicit-deny');
    // The near misses (action matched, resource did not) are still in the trace, in order, as a full evaluation gives them.
    expect(decision.trace.filter((t) => t.resource === 'false').length).toBe(20);
    expect(decision).toEqual(evaluate(request(`arn:aws:s3:::${A}/incoming/a.txt`), { identity: split(policy) }));
  });
});

/**
 * The least-privilege probes ask "may an Allow grant any of these forty actions here?" once per resource
 * (`actionsSomeAllowMayApply`) instead of once per action: the answer must be, action by action, the one-action
 * question's (`someAllowMayApply`), in every shape a statement's Action can take.
 */
describe('the actions some Allow may grant, asked for a list at once', () => {
  const PROBED = ['s3:PutObject', 's3:GetObject', 's3:DeleteObject', 's3:PutObjectAcl', 's3:PutBucketPolicy', 'kms:Decrypt', 'kms:PutKeyPolicy'];
  const ACTION_SHAPES: unknown[] = [
    's3:PutObject', 's3:Put*', '*', 's3:*Object', ['s3:GetObject', 'kms:*'], 'S3:DELETEOBJECT', 'kms:Decrypt', 's3:Get?bject', 42,
  ];
  const probeStatement = fc.tuple(statement, fc.constantFrom(...ACTION_SHAPES), fc.boolean()).map(([s, action, not]) => {
    const { Action: _action, ...rest } = s;
    return { ...rest, [not ? 'NotAction' : 'Action']: action };
  });

  test('random policies, as identity and as resource policy, small and indexed, and an unreadable layer', () => {
    fc.assert(fc.property(fc.array(probeStatement, { minLength: 1, maxLength: 24 }), fc.constantFrom(...REQUESTS), (statements, resource) => {
      const policy = parsePolicy({ Version: '2012-10-17', Statement: statements }, 'the policy');
      const sets: PolicySet[] = [
        { identity: [policy] },
        { identity: split(policy) },
        { identity: [], resource: policy },
        { identity: [policy], resource: { unknownPolicy: 'a bucket policy the templates do not give' } },
      ];
      for (const set of sets) {
        const oneByOne = PROBED.filter((action) => someAllowMayApply(action, resource, set));
        expect([...actionsSomeAllowMayApply(PROBED, resource, set)].sort()).toEqual([...oneByOne].sort());
      }
    }), { seed: 11, numRuns: 400 });
  });

  test('only the actions of the statements that name the bucket', () => {
    const others = Array.from({ length: 20 }, (_, i) => ({
      Effect: 'Allow', Action: 's3:*', Resource: `arn:aws:s3:::${atom('generated', `App/Other${i}.Name`)}/*`,
    }));
    const policy = parsePolicy({
      Version: '2012-10-17',
      Statement: [...others, { Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: `arn:aws:s3:::${A}/*` }],
    }, 'p');
    const found = actionsSomeAllowMayApply(PROBED, `arn:aws:s3:::${A}/a.txt`, { identity: [policy] });
    expect([...found].sort()).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(actionsSomeAllowMayApply(PROBED, `arn:aws:s3:::${B}/a.txt`, { identity: [policy] }).size).toBe(0);
  });
});

describe('what the index keeps grows with the policy, not with the requests asked of it', () => {
  test('1,000 other buckets asked of a policy naming 10: 11 answers kept per rule, each still right', () => {
    const names = Array.from({ length: 10 }, (_, i) => atom('generated', `App/Bucket${i}.Name`));
    const policy = parsePolicy({
      Version: '2012-10-17',
      Statement: [
        ...names.map((name) => ({ Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${name}/*` })),
        { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    }, 'many-buckets');
    for (let i = 0; i < 1000; i++) {
      const other = `arn:aws:s3:::${atom('generated', `App/Other${i}.Name`)}/key`;
      // Another bucket: only the statement on `*` (position 10).
      expect(candidatePositions(policy, other, 'forbidden')).toEqual({ positions: [10], name: expect.stringContaining(`App/Other${i}.Name`) });
    }
    names.forEach((name, i) => expect(candidatePositions(policy, `arn:aws:s3:::${name}/key`, 'forbidden')?.positions).toEqual([i, 10]));
    expect(keptAnswers(policy)).toBe(11);
    candidatePositions(policy, `arn:aws:s3:::${names[0]}/key`, 'required');
    expect(keptAnswers(policy)).toBe(11 + 2);
  });
});
