import * as fs from 'fs';
import * as path from 'path';
import { buildPutObjectInput, encodeTagging } from '../../src/runtime/put-object-input';

const base = { WRITER_BUCKET_NAME: 'my-bucket', WRITER_KEY_PREFIX: 'incoming/', WRITER_SSE: 'AES256' };

describe('buildPutObjectInput reads the writer environment and nothing else', () => {
  test('SSE-S3: bucket, key under the prefix, the SSE header', () => {
    expect(buildPutObjectInput('a/b.json', { environment: base })).toEqual({
      Bucket: 'my-bucket', Key: 'incoming/a/b.json', ServerSideEncryption: 'AES256',
    });
  });

  test('SSE-KMS: key id and Bucket Key flag as booleans', () => {
    const env = { ...base, WRITER_SSE: 'aws:kms', WRITER_KMS_KEY_ARN: 'arn:aws:kms:eu-west-1:111111111111:key/k', WRITER_BUCKET_KEY_ENABLED: 'false' };
    expect(buildPutObjectInput('x', { environment: env })).toEqual({
      Bucket: 'my-bucket',
      Key: 'incoming/x',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: 'arn:aws:kms:eu-west-1:111111111111:key/k',
      BucketKeyEnabled: false,
    });
    expect(buildPutObjectInput('x', { environment: { ...env, WRITER_BUCKET_KEY_ENABLED: 'true' } }).BucketKeyEnabled).toBe(true);
  });

  test('tags become a URL-encoded, sorted x-amz-tagging query string; the ACL is passed as is', () => {
    const env = { ...base, WRITER_OBJECT_TAGS: JSON.stringify({ team: 'blue & green', env: 'prod/1' }), WRITER_ACL: 'bucket-owner-full-control' };
    const input = buildPutObjectInput('x', { environment: env });
    expect(input.Tagging).toBe('env=prod%2F1&team=blue%20%26%20green');
    expect(input.ACL).toBe('bucket-owner-full-control');
    expect(new URLSearchParams(input.Tagging).get('team')).toBe('blue & green');
  });

  test('Object Lock: mode, retain-until = the write time + days, legal hold', () => {
    const env = { ...base, WRITER_OBJECT_LOCK_MODE: 'GOVERNANCE', WRITER_OBJECT_LOCK_RETENTION_DAYS: '30', WRITER_OBJECT_LOCK_LEGAL_HOLD: 'ON' };
    const input = buildPutObjectInput('x', { environment: env, now: new Date('2026-01-01T00:00:00Z') });
    expect(input.ObjectLockMode).toBe('GOVERNANCE');
    expect(input.ObjectLockRetainUntilDate?.toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(input.ObjectLockLegalHoldStatus).toBe('ON');
    expect(() => buildPutObjectInput('x', { environment: { ...env, WRITER_OBJECT_LOCK_RETENTION_DAYS: 'soon' } }))
      .toThrow(/WRITER_OBJECT_LOCK_RETENTION_DAYS: 'soon' is not a whole number of days/);
  });

  test('no optional field appears when its variable is absent', () => {
    expect(Object.keys(buildPutObjectInput('x', { environment: { WRITER_BUCKET_NAME: 'b' } }))).toEqual(['Bucket', 'Key']);
  });

  test('an environment prefix selects another writer\'s variables', () => {
    const env = { ...base, ARCHIVE_BUCKET_NAME: 'archive', ARCHIVE_KEY_PREFIX: 'old/', ARCHIVE_SSE: 'aws:kms' };
    expect(buildPutObjectInput('x', { environment: env, environmentPrefix: 'ARCHIVE_' })).toMatchObject({ Bucket: 'archive', Key: 'old/x', ServerSideEncryption: 'aws:kms' });
  });

  test('reads process.env by default', () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, base);
      expect(buildPutObjectInput('k').Bucket).toBe('my-bucket');
    } finally {
      for (const k of Object.keys(base)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });

  test('fails clearly without the bucket variable, with an empty key, or with malformed tags', () => {
    expect(() => buildPutObjectInput('x', { environment: {} })).toThrow(/WRITER_BUCKET_NAME is not set/);
    expect(() => buildPutObjectInput('', { environment: base })).toThrow(/must not be empty/);
    expect(() => buildPutObjectInput('x', { environment: { ...base, WRITER_OBJECT_TAGS: '{' } })).toThrow(/WRITER_OBJECT_TAGS is not valid JSON/);
    expect(() => buildPutObjectInput('x', { environment: { ...base, WRITER_OBJECT_TAGS: '["a"]' } })).toThrow(/must be a JSON object/);
    expect(() => buildPutObjectInput('x', { environment: { ...base, WRITER_OBJECT_TAGS: '{"a":1}' } })).toThrow(/tag 'a' must be a string/);
  });

  test('encodeTagging round-trips through URLSearchParams for any tag text', () => {
    const tags = { 'a b': 'c=d', 'ü': '+/?&' };
    const parsed = Object.fromEntries(new URLSearchParams(encodeTagging(tags)));
    expect(parsed).toEqual(tags);
  });
});

describe('the runtime helper is shippable to Lambda', () => {
  test('its sources import nothing but each other (no aws-cdk-lib, no SDK)', () => {
    const dir = path.join(__dirname, '../../src/runtime');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const imports = [...fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/^import [^;]* from '([^']+)'/gm)].map((m) => m[1]);
      expect(imports.filter((i) => !i.startsWith('./'))).toEqual([]);
    }
  });
});
