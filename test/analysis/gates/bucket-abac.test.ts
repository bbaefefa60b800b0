import { appBucket, importedBucket, OPAQUE } from './fixtures';
import { bucketAbacContext, findTagConditions, trueWhenAbsent } from '../../../src/analysis/gates';

const tags = [{ Key: 'team', Value: 'ingest' }, { Key: 'env', Value: 'prod' }];
const allowIfTeam = {
  location: 'Stack/Role/DefaultPolicy',
  document: { Statement: [{ Sid: 'TeamOnly', Effect: 'Allow', Action: 's3:PutObject', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'ingest' } } }] },
};
const denyUnlessProd = {
  location: 'Stack/Bucket/Policy',
  document: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 's3:BucketTag/env': 'prod' } } }] },
};

// AWS News Blog 2025-11-20, "Introducing attribute-based access control for Amazon S3 general purpose buckets":
// aws:ResourceTag/* and s3:BucketTag/* carry the bucket's tags only when ABAC is enabled.
describe('bucket ABAC context keys', () => {
  test('ABAC enabled: both key families carry the tags', () => {
    const f = bucketAbacContext({ bucket: appBucket({ AbacStatus: 'Enabled', Tags: tags }) });
    expect(f.enabled).toBe('true');
    expect(f.context).toEqual({
      'aws:ResourceTag/team': 'ingest',
      's3:BucketTag/team': 'ingest',
      'aws:ResourceTag/env': 'prod',
      's3:BucketTag/env': 'prod',
    });
  });

  test.each([
    ['AbacStatus not set (off by default)', { Tags: tags }],
    ['AbacStatus Disabled', { AbacStatus: 'Disabled', Tags: tags }],
  ])('%s: the keys are absent', (_name, props) => {
    const f = bucketAbacContext({ bucket: appBucket(props) });
    expect(f.enabled).toBe('false');
    expect(f.context).toEqual({});
  });

  test('a tag value not known at synth time is an unknown value, its key still present', () => {
    const f = bucketAbacContext({ bucket: appBucket({ AbacStatus: 'Enabled', Tags: [{ Key: 'team', Value: { 'Fn::If': [] } }] }) });
    expect(f.context['aws:ResourceTag/team']).toEqual({ unknown: expect.stringContaining('team') });
  });

  test('symbolic tag values are kept as they are (atoms for the evaluator)', () => {
    const f = bucketAbacContext({ bucket: appBucket({ AbacStatus: 'Enabled', Tags: [{ Key: 'stage', Value: OPAQUE }] }) });
    expect(f.context['s3:BucketTag/stage']).toBe(OPAQUE);
  });
});

describe('notes on tag conditions', () => {
  test('ABAC off: a tag-gated Allow grants nothing and a negated tag Deny fires — both explained', () => {
    const f = bucketAbacContext({ bucket: appBucket({ Tags: tags }), policies: [allowIfTeam, denyUnlessProd] });
    expect(f.notes.map((n) => `${n.policy}:${n.statement}:${n.effect}`)).toEqual([
      'Stack/Role/DefaultPolicy:TeamOnly:Allow', 'Stack/Bucket/Policy:#0:Deny',
    ]);
    expect(f.notes[0].message).toContain('grants nothing');
    expect(f.notes[1].message).toContain('Deny fires');
    expect(f.notes[0].fix).toContain('AbacStatus: Enabled');
  });

  test('ABAC on with the tags: no note', () => {
    const f = bucketAbacContext({ bucket: appBucket({ AbacStatus: 'Enabled', Tags: tags }), policies: [allowIfTeam, denyUnlessProd] });
    expect(f.notes).toEqual([]);
  });

  test('ABAC on but the tag is missing: the note says to tag the bucket', () => {
    const f = bucketAbacContext({ bucket: appBucket({ AbacStatus: 'Enabled', Tags: [{ Key: 'env', Value: 'prod' }] }), policies: [allowIfTeam] });
    expect(f.notes).toHaveLength(1);
    expect(f.notes[0].message).toContain('no tag team');
    expect(f.notes[0].fix).toContain('Tag Stack/Bucket/Resource with team');
  });

  test('ABAC off: a Deny that never fires and an Allow that needs no tag get no note; an IfExists Deny does', () => {
    const st = (effect: string, op: string) => ({ Effect: effect, Action: '*', Resource: '*', Condition: { [op]: { 'aws:ResourceTag/x': 'y' } } });
    const policy = { location: 'P', document: { Statement: [st('Deny', 'StringEquals'), st('Allow', 'StringEqualsIfExists'), st('Deny', 'StringEqualsIfExists')] } };
    const f = bucketAbacContext({ bucket: appBucket({}), policies: [policy] });
    expect(f.notes.map((n) => n.statement)).toEqual(['#2']);
  });

  test('imported bucket: state unknown, mentioned keys become unknown and possibly absent', () => {
    const f = bucketAbacContext({ bucket: importedBucket(), policies: [allowIfTeam] });
    expect(f.enabled).toBe('unknown');
    expect(f.context['aws:ResourceTag/team']).toEqual({ unknown: expect.any(String), mayBeAbsent: true });
    expect(f.notes).toHaveLength(1);
  });

  test('tags with unreadable keys: a mentioned key not among the known tags may be present', () => {
    const f = bucketAbacContext({ bucket: appBucket({ AbacStatus: 'Enabled', Tags: [{ Key: OPAQUE, Value: 'v' }] }), policies: [allowIfTeam] });
    expect(f.context['aws:ResourceTag/team']).toEqual({ unknown: expect.any(String), mayBeAbsent: true });
  });
});

// IAM User Guide, condition operators: absent keys, ...IfExists, Null, ForAllValues.
describe('trueWhenAbsent', () => {
  test.each([
    ['StringEquals', 'x', false], ['StringNotEquals', 'x', true], ['StringNotLike', 'x', true],
    ['StringEqualsIfExists', 'x', true], ['Null', 'true', true], ['Null', 'false', false],
    ['ForAllValues:StringEquals', 'x', true], ['ForAnyValue:StringEquals', 'x', false], ['ArnNotEquals', 'x', true],
  ])('%s', (op, values, expected) => {
    expect(trueWhenAbsent(op, values)).toBe(expected);
  });
});

describe('robustness', () => {
  test.each([
    ['AbacStatus unresolved', { AbacStatus: OPAQUE }],
    ['AbacStatus odd', { AbacStatus: 'Maybe' }],
    ['Tags not a list', { AbacStatus: 'Enabled', Tags: 'x' }],
  ])('%s → unknown state with a reason', (_name, props) => {
    const f = bucketAbacContext({ bucket: appBucket(props), policies: [allowIfTeam] });
    expect(f.enabled === 'unknown' || f.context['aws:ResourceTag/team'] !== undefined).toBe(true);
    expect(f.reason.length).toBeGreaterThan(10);
  });

  test('malformed policies are skipped, garbage never throws', () => {
    expect(findTagConditions([{ location: 'x', document: 'nope' }, { location: 'y', document: { Statement: [null, 5] } }])).toEqual([]);
    expect(bucketAbacContext(undefined as any).enabled).toBe('unknown');
  });
});
