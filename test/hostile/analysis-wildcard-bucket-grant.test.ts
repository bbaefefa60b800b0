import { Finding } from '../../src/analysis/report';
import { RecordedIntent } from '../../src/contract/intent';
import { analyze, app, declared, fn, grantPut, identityPolicy, only, stack, statement } from '../analysis/support/app';

// GitHub issue #10, item 1 (the checker's side): an imported bucket whose ARN is `arn:aws:s3:::*` made the writer
// grant s3:PutObject on `arn:aws:s3:::*` + `/in/*`, and the checker said UNKNOWN without a word about the wildcard.
// Every finding a wildcard-bucket write grant takes part in now says the statement reaches every (matching) bucket.

const text = (f: Finding) => [...f.causes.map((c) => c.message), ...(f.notes ?? [])].join('\n');
const writerOf = (intent: RecordedIntent) => fn('FnRole', {}, [intent]);

test('a construct intent for an imported bucket built from arn:aws:s3:::* names the wildcard in its cause and its notes', () => {
  const f = only(analyze(stack(app({
    Bucket: undefined,
    Fn: writerOf({ source: 'construct', bucket: { bucketArn: 'arn:aws:s3:::*' }, keyPrefix: 'in/', request: {} }),
    FnPolicy: identityPolicy([statement('Allow', 's3:PutObject', 'arn:aws:s3:::*/in/*', { Sid: 'Write' })]),
  }))));
  expect(f.verdict).toBe('UNKNOWN');
  expect(f.causes.map((c) => c.message).join(' ')).toContain('is a wildcard, not a bucket name');
  expect(f.notes?.join(' ')).toContain('statement "Write" of policy Stack/Fn/ServiceRole/DefaultPolicy allows s3:PutObject on arn:aws:s3:::*/in/*, which is every bucket');
});

test.each([
  ['Resource "*"', '*', 'every bucket'],
  ['a bucket-name pattern', 'arn:aws:s3:::my-*/*', 'every bucket whose name matches "my-*"'],
  ['a wildcard service ARN', 'arn:aws:*:*:*:*', 'every bucket'],
])('a write grant on %s is named in the finding of a write it covers', (_, resource, scope) => {
  const f = only(analyze(stack(app({ Fn: writerOf(declared()), FnPolicy: identityPolicy([statement('Allow', 's3:PutObject', resource)]) }))));
  expect(f.verdict).not.toBe('DENY');
  expect(text(f)).toContain(`on ${resource}, which is ${scope}`);
});

test('the exact grant (bucket.grantPut) says nothing of the kind', () => {
  const f = only(analyze(stack(app({ Fn: writerOf(declared()), FnPolicy: identityPolicy([grantPut()]) }))));
  expect(f.verdict).toBe('ALLOW');
  expect(text(f)).not.toContain('every bucket');
});

test('a wildcard grant that cannot cover the write (another partition) is not mentioned', () => {
  const f = only(analyze(stack(app({
    Fn: writerOf(declared({}, 'in/')),
    FnPolicy: identityPolicy([grantPut('in/*'), statement('Allow', 's3:PutObject', 'arn:aws-cn:s3:::*/*')]),
  }))));
  expect(f.verdict).toBe('ALLOW');
  expect(text(f)).not.toContain('every bucket');
});
