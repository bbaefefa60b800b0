import { buildPutObjectInput, BuildPutObjectInputOptions, WriterInputError } from '../../src/runtime/put-object-input';

// Issue #10, item 11: the runtime helper builds the PutObject request inside the Lambda function. A key or a variable
// that would send the write outside the prefix the policy scopes, or that S3 would reject or store as something else,
// must fail with an Error that names the argument (`key`) or the variable, before any request is made.

const base = { WRITER_BUCKET_NAME: 'my-bucket', WRITER_KEY_PREFIX: 'incoming/', WRITER_SSE: 'AES256' };
const lock = { ...base, WRITER_OBJECT_LOCK_MODE: 'GOVERNANCE', WRITER_OBJECT_LOCK_RETENTION_DAYS: '30' };
const NOW = new Date('2026-01-01T00:00:00Z');

function call(key: unknown, environment: Record<string, string | undefined> = base, options: Partial<BuildPutObjectInputOptions> = {}) {
  return () => buildPutObjectInput(key as string, { environment, now: NOW, ...options });
}

describe('issue #10 item 11: hostile keys are refused, naming the key argument', () => {
  test.each<[string, unknown, RegExp]>([
    ['../ leaves the prefix', '../secret.json', /buildPutObjectInput: key: '\.\.\/secret\.json' has a '\.\.' path segment/],
    ['a/../../ leaves the prefix', 'a/../../x', /key: .*'\.\.' path segment/],
    ['a trailing ..', 'a/..', /key: .*'\.\.' path segment/],
    ['./ is normalized away by some clients', './x', /key: .*'\.' path segment/],
    ['a lone ..', '..', /key: .*'\.\.' path segment/],
    ['missing (undefined)', undefined, /buildPutObjectInput: key: it is undefined, not a string/],
    ['null', null, /key: it is null, not a string/],
    ['a number', 42, /key: it is a number, not a string/],
    ['an object', { key: 'x' }, /key: it is an object, not a string/],
    ['empty', '', /key: it is empty/],
    ['NUL', 'a\u0000b', /key: .*invisible character U\+0000/],
    ['a newline', 'a\nb', /key: .*invisible character U\+000A/],
    ['a bidi override', 'report\u202egnp.exe', /key: .*invisible character U\+202E/],
    ['a lone surrogate', 'a\udc00', /key: .*lone UTF-16 surrogate/],
    ['over 1,024 bytes of UTF-8 with the prefix (fewer than 1,024 characters)', 'é'.repeat(508), /key: .*1025 bytes of UTF-8 with the prefix 'incoming\/'.*at most 1,024/],
  ])('%s', (_name, key, message) => {
    expect(call(key)).toThrow(message);
  });

  test('the error is a WriterInputError whose source names the argument or the variable', () => {
    const fault = (f: () => unknown) => { try { f(); } catch (e) { return e; } return undefined; };
    const byKey = fault(call('../x'));
    expect(byKey).toBeInstanceOf(WriterInputError);
    expect((byKey as WriterInputError).source).toBe('key');
    const byVariable = fault(call('x', { ...lock, WRITER_OBJECT_LOCK_RETENTION_DAYS: '1e12' }));
    expect((byVariable as WriterInputError).source).toBe('WRITER_OBJECT_LOCK_RETENTION_DAYS');
  });

  test('a key that completes a prefix without a trailing slash into a .. segment is refused too', () => {
    expect(call('/../x', { ...base, WRITER_KEY_PREFIX: 'in' })).toThrow(/key: .*'\.\.' path segment/);
  });

  test.each<[string, string, string]>([
    ['a nested key', '2024/01/report.json', 'incoming/2024/01/report.json'],
    ['dots inside names', 'v1.2/data..json', 'incoming/v1.2/data..json'],
    ['a hidden file name', '.env.sample', 'incoming/.env.sample'],
    ['three dots', '.../x', 'incoming/.../x'],
    ['non-Latin text and emoji', 'données/📦.json', 'incoming/données/📦.json'],
    ['exactly 1,024 bytes with the prefix', 'é'.repeat(507) + 'a', `incoming/${'é'.repeat(507)}a`],
  ])('valid twin: %s', (_name, key, expected) => {
    expect(call(key)().Key).toBe(expected);
  });
});

describe('issue #10 item 11: hostile variables are refused, naming the variable', () => {
  test.each<[string, Record<string, string>, RegExp]>([
    ['retention of 1e12 days (an invalid date)', { ...lock, WRITER_OBJECT_LOCK_RETENTION_DAYS: '1e12' }, /WRITER_OBJECT_LOCK_RETENTION_DAYS: '1e12' is not a whole number of days/],
    ['retention of 1000000000000 days', { ...lock, WRITER_OBJECT_LOCK_RETENTION_DAYS: '1000000000000' }, /WRITER_OBJECT_LOCK_RETENTION_DAYS: .*more than 36500/],
    ['retention of 0 days', { ...lock, WRITER_OBJECT_LOCK_RETENTION_DAYS: '0' }, /WRITER_OBJECT_LOCK_RETENTION_DAYS: '0' is not a whole number of days/],
    ['retention of -5 days', { ...lock, WRITER_OBJECT_LOCK_RETENTION_DAYS: '-5' }, /WRITER_OBJECT_LOCK_RETENTION_DAYS: /],
    ['retention of 1.5 days', { ...lock, WRITER_OBJECT_LOCK_RETENTION_DAYS: '1.5' }, /WRITER_OBJECT_LOCK_RETENTION_DAYS: /],
    ['retention of 0x10 days', { ...lock, WRITER_OBJECT_LOCK_RETENTION_DAYS: '0x10' }, /WRITER_OBJECT_LOCK_RETENTION_DAYS: /],
    ['retention with spaces', { ...lock, WRITER_OBJECT_LOCK_RETENTION_DAYS: ' 30 ' }, /WRITER_OBJECT_LOCK_RETENTION_DAYS: /],
    ['retention days without a mode', { ...base, WRITER_OBJECT_LOCK_RETENTION_DAYS: '30' }, /WRITER_OBJECT_LOCK_RETENTION_DAYS is set but WRITER_OBJECT_LOCK_MODE is not/],
    ['an unknown lock mode', { ...lock, WRITER_OBJECT_LOCK_MODE: 'FOREVER' }, /WRITER_OBJECT_LOCK_MODE: 'FOREVER' is not GOVERNANCE or COMPLIANCE/],
    ['tags JSON with a __proto__ key is not dropped: a non-string value is refused', { ...base, WRITER_OBJECT_TAGS: '{"__proto__":{"team":"x"}}' },
      /WRITER_OBJECT_TAGS: the value of tag '__proto__' must be a string/],
    ['an unknown SSE value', { ...base, WRITER_SSE: 'aws:kms:dsse' }, /WRITER_SSE: 'aws:kms:dsse' is not AES256 or aws:kms/],
    ['a Bucket Key flag that is not true or false', { ...base, WRITER_SSE: 'aws:kms', WRITER_BUCKET_KEY_ENABLED: 'yes' }, /WRITER_BUCKET_KEY_ENABLED: 'yes' is not true or false/],
    ['a key prefix with a .. segment', { ...base, WRITER_KEY_PREFIX: '../' }, /WRITER_KEY_PREFIX: .*'\.\.' path segment/],
    ['a key prefix with a newline', { ...base, WRITER_KEY_PREFIX: 'in\n/' }, /WRITER_KEY_PREFIX: .*invisible character U\+000A/],
  ])('%s', (_name, environment, message) => {
    expect(call('x', environment)).toThrow(message);
  });

  test('a custom environment prefix is named in the message', () => {
    const env = { ARCHIVE_BUCKET_NAME: 'b', ARCHIVE_OBJECT_LOCK_MODE: 'GOVERNANCE', ARCHIVE_OBJECT_LOCK_RETENTION_DAYS: '1e12' };
    expect(call('x', env, { environmentPrefix: 'ARCHIVE_' })).toThrow(/ARCHIVE_OBJECT_LOCK_RETENTION_DAYS: '1e12'/);
  });

  test('an invalid environmentPrefix option or now option is named', () => {
    expect(call('x', base, { environmentPrefix: 42 as unknown as string })).toThrow(/buildPutObjectInput: environmentPrefix: it is a number, not a string/);
    expect(call('x', base, { environmentPrefix: 'bad prefix' })).toThrow(/buildPutObjectInput: environmentPrefix: 'bad prefix' is not/);
    expect(call('x', lock, { now: new Date('not a date') })).toThrow(/buildPutObjectInput: now: it is not a valid Date/);
  });

  test('tags JSON with __proto__ and constructor keys keeps them (never silently dropped)', () => {
    const input = call('x', { ...base, WRITER_OBJECT_TAGS: '{"__proto__":"p","constructor":"c","team":"t"}' })();
    expect(input.Tagging).toBe('__proto__=p&constructor=c&team=t');
  });

  test('valid twins: 36,500 days, both modes, OFF and ON legal hold, both SSE values', () => {
    const until = call('x', { ...lock, WRITER_OBJECT_LOCK_RETENTION_DAYS: '36500', WRITER_OBJECT_LOCK_MODE: 'COMPLIANCE' })().ObjectLockRetainUntilDate!;
    expect(until.toISOString()).toBe('2125-12-08T00:00:00.000Z');
    expect(call('x', { ...lock, WRITER_OBJECT_LOCK_LEGAL_HOLD: 'ON' })().ObjectLockLegalHoldStatus).toBe('ON');
    expect(call('x', { ...base, WRITER_SSE: 'aws:kms', WRITER_BUCKET_KEY_ENABLED: 'true' })().BucketKeyEnabled).toBe(true);
  });
});
