import fc from 'fast-check';
import { evaluate } from '../../../src/iam';
import { RequestContext, UnknownValue } from '../../../src/iam/model';
import { DiffCase } from '../differential/case';
import { statementsOf } from '../differential/features';
import { generateCase } from '../differential/generate';
import { toOurs } from '../differential/to-ours';
import { CONDITION_KEYS } from '../differential/vocabulary';

/**
 * Three-valued soundness: replacing a context value by "unknown" widens the set of requests the question is
 * about, so a definite answer may become 'unknown' but never the opposite definite answer. A key that was
 * absent may only become unknown with `mayBeAbsent` (absent is one of its possible states).
 */
const SEED = 11;
const RUNS = 1000;

/** Context keys the case's policies read (conditions and variables), then every key of the vocabulary. */
function keysReadBy(c: DiffCase): string[] {
  const read = new Set<string>();
  for (const { statement } of statementsOf(c)) {
    for (const keys of Object.values((statement.Condition ?? {}) as Record<string, object>)) Object.keys(keys).forEach((k) => read.add(k));
    for (const m of JSON.stringify(statement).matchAll(/\$\{([^},]+)/g)) read.add(m[1]);
  }
  return [...read, ...CONDITION_KEYS.map((k) => k.key)];
}

type Side = 'allow' | 'deny' | 'unknown';
const side = (outcome: string): Side => (outcome === 'allow' ? 'allow' : outcome === 'unknown' ? 'unknown' : 'deny');

function withUnknown(context: RequestContext, key: string, mayBeAbsentIfPresent: boolean): RequestContext {
  const present = Object.keys(context).find((k) => k.toLowerCase() === key.toLowerCase());
  const unknown: UnknownValue = { unknown: 'test', mayBeAbsent: present === undefined ? true : mayBeAbsentIfPresent };
  const rest = Object.fromEntries(Object.entries(context).filter(([k]) => k !== present));
  return { ...rest, [key]: unknown };
}

describe('property: unknown context values', () => {
  test('making one or two context values unknown never flips allow and deny', () => {
    const flips = { toUnknown: 0, kept: 0 };
    fc.assert(
      fc.property(
        fc.nat({ max: 1_000_000 }),
        fc.array(fc.record({ key: fc.nat(), mayBeAbsent: fc.boolean() }), { minLength: 1, maxLength: 2 }),
        (index, picks) => {
          const c = generateCase(SEED, index);
          const read = keysReadBy(c);
          // Mostly keys the policies read, sometimes any key.
          const readOnly = Math.max(1, read.length - CONDITION_KEYS.length);
          const edits = picks.map((p) => ({ key: read[p.key % (p.key % 4 === 0 ? read.length : readOnly)], mayBeAbsent: p.mayBeAbsent }));
          const { request, policies } = toOurs(c);
          const before = side(evaluate(request, policies).outcome);
          // Already unknown with a concrete context: only where AWS leaves the reading open (KNOWN-DIFFERENCES.md).
          fc.pre(before !== 'unknown');
          let context = request.context;
          for (const e of edits) context = withUnknown(context, e.key, e.mayBeAbsent);
          const after = side(evaluate({ ...request, context }, policies).outcome);
          if (after === 'unknown') {flips.toUnknown++;} else {
            flips.kept++;
            expect(after).toBe(before);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    // Both branches were exercised: some answers depended on the key, most did not.
    expect(flips.toUnknown).toBeGreaterThan(RUNS / 50);
    expect(flips.kept).toBeGreaterThan(RUNS / 4);
  });

  test('an Allow conditioned on an unknown key is unknown, not allow, and the same key concrete decides it', () => {
    const c = toOurs({
      index: -1,
      principal: { kind: 'AssumedRole', arn: 'arn:aws:sts::111111111111:assumed-role/writer/fn', roleArn: 'arn:aws:iam::111111111111:role/writer', account: '111111111111' },
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::bucket-a/incoming/a.txt',
      resourceAccount: '111111111111',
      context: { 's3:x-amz-server-side-encryption': 'aws:kms' },
      identity: [{
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*', Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } }],
      }],
      resourceKind: 'default',
    });
    expect(evaluate(c.request, c.policies).outcome).toBe('allow');
    const unknown = withUnknown(c.request.context, 's3:x-amz-server-side-encryption', false);
    expect(evaluate({ ...c.request, context: unknown }, c.policies).outcome).toBe('unknown');
    expect(evaluate({ ...c.request, context: { 's3:x-amz-server-side-encryption': 'AES256' } }, c.policies).outcome).toBe('implicit-deny');
  });
});
