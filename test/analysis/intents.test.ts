import { ACCOUNT, analyze, app, bucket, bucketArn, declared, fn, grantPut, identityPolicy, only, role, stack, statement } from './support/app';

// Intents: declared/construct ones from function metadata, inferred ones from identity grants.

describe('inferred intents', () => {
  test('one intent per (function, bucket) the role may write to, with the key pattern of the grant', () => {
    const findings = analyze(stack(app({
      FnPolicy: identityPolicy([grantPut('incoming/*'), grantPut('*', 'Logs')]),
      Logs: bucket({}, 'Stack/Logs/Resource'),
    })));
    expect(findings.map((f) => [f.bucket, f.keyPattern, f.intent, f.verdict]).sort()).toEqual([
      ['Stack/Bucket', 'incoming/*', 'inferred', 'ALLOW'],
      ['Stack/Logs', '*', 'inferred', 'ALLOW'],
    ]);
  });

  test('Resource "*" names no bucket and infers nothing', () => {
    expect(analyze(stack(app({ FnPolicy: identityPolicy([statement('Allow', 's3:PutObject', '*')]) })))).toEqual([]);
  });

  test('read-only grants infer nothing', () => {
    expect(analyze(stack(app({ FnPolicy: identityPolicy([statement('Allow', 's3:GetObject', bucketArn())]) })))).toEqual([]);
  });

  test('a declared intent replaces the inferred one for the same pair', () => {
    const f = only(analyze(stack(app({ Fn: fn('FnRole', {}, [declared({ serverSideEncryption: 'AES256' }, 'in/')]) }))));
    expect(f.intent).toBe('declared');
    expect(f.keyPattern).toBe('in/*');
  });

  test('construct intents keep their source', () => {
    const f = only(analyze(stack(app({ Fn: fn('FnRole', {}, [{ ...declared(), source: 'construct' }]) }))));
    expect(f.intent).toBe('construct');
  });
});

describe('declared intents find their bucket', () => {
  test('by literal bucket name', () => {
    const f = only(analyze(stack(app({
      Bucket: bucket({ BucketName: 'named-bucket' }),
      Fn: fn('FnRole', {}, [declared({}, '', { bucketName: 'named-bucket' })]),
    }))));
    expect(f.bucket).toBe('Stack/Bucket');
    expect(f.verdict).toBe('ALLOW');
  });

  test('a bucket outside the app without its policy is UNKNOWN naming externalBucketPolicies; with it, judged', () => {
    const resources = app({
      FnPolicy: identityPolicy([statement('Allow', 's3:PutObject', 'arn:aws:s3:::partner-bucket/*')]),
      Fn: fn('FnRole', {}, [declared({}, '', { bucketName: 'partner-bucket', account: ACCOUNT })]),
    });
    const f = analyze(stack(resources)).find((x) => x.bucket === 'partner-bucket')!;
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes[0].message).toContain('externalBucketPolicies');
    const given = analyze(stack(resources), { externalBucketPolicies: { 'partner-bucket': {} } }).find((x) => x.bucket === 'partner-bucket')!;
    expect(given.verdict).toBe('ALLOW');
    expect(given.notes).toContainEqual(expect.stringContaining('default encryption of bucket partner-bucket'));
  });

  test('a function sharing a role with another: each function gets its finding', () => {
    const findings = analyze(stack(app({ Fn2: { ...fn('FnRole'), Metadata: { 'aws:cdk:path': 'Stack/Fn2/Resource' } } })));
    expect(findings.map((f) => f.function).sort()).toEqual(['Stack/Fn', 'Stack/Fn2']);
    void role;
  });
});
