import {
  ACCOUNT, analyze, app, bucketPolicy, declared, fn, identityPolicy, objects, only, roleArn, stack, statement,
} from '../analysis/support/app';

// GitHub issue #10, item 4: the analysis writes values the templates do not fix as "atoms" between private-use
// characters (src/iam/symbolic.ts). A template is plain text to AWS: a literal string holding those characters is
// just an odd string that names no bucket and no role. It must never be read as the analysis's own atom.

/** Exactly how the analysis spells the generated name of `Stack/Bucket` and of `Stack/FnRole`. */
const FORGED_BUCKET_NAME = '\uE000generated:Stack/Bucket.Ref\uE001';
const FORGED_ROLE_NAME = '\uE000generated:Stack/FnRole.Ref\uE001';

const declaredWriter = fn('FnRole', {}, [declared()]);

describe('a literal string that spells an atom is not that atom', () => {
  test('an identity Allow on a literal "generated bucket name" does not grant the app bucket (AWS: no match, denied)', () => {
    const forged = identityPolicy([statement('Allow', 's3:PutObject', `arn:aws:s3:::${FORGED_BUCKET_NAME}/*`)]);
    const f = only(analyze(stack(app({ FnPolicy: forged, Fn: declaredWriter }))));
    expect(f.verdict).not.toBe('ALLOW');
    const messages = f.causes.map((c) => c.message).join(' ');
    expect(messages).toContain('Stack/Fn/ServiceRole/DefaultPolicy');
    expect(messages).toContain('reserved character U+E000');
  });

  test('…the same grant written with Fn::GetAtt is ALLOW', () => {
    const real = identityPolicy([statement('Allow', 's3:PutObject', objects())]);
    expect(only(analyze(stack(app({ FnPolicy: real, Fn: declaredWriter })))).verdict).toBe('ALLOW');
  });

  test('the literal grant infers no write to the app bucket either', () => {
    const forged = identityPolicy([statement('Allow', 's3:PutObject', `arn:aws:s3:::${FORGED_BUCKET_NAME}/*`)]);
    expect(analyze(stack(app({ FnPolicy: forged }))).filter((f) => f.verdict === 'ALLOW')).toEqual([]);
  });

  test('a bucket-policy Deny exempting a literal "generated role ARN" still applies to the real role (not ALLOW)', () => {
    const denyOthers = (exempt: unknown) => bucketPolicy([statement('Deny', 's3:PutObject', objects(), {
      Principal: '*', Sid: 'OnlyTheWriter', Condition: { ArnNotEquals: { 'aws:PrincipalArn': exempt } },
    })]);
    const forged = only(analyze(stack(app({
      BucketPolicy: denyOthers(`arn:aws:iam::${ACCOUNT}:role/${FORGED_ROLE_NAME}`), Fn: declaredWriter,
    }))));
    expect(forged.verdict).not.toBe('ALLOW');
    const real = only(analyze(stack(app({ BucketPolicy: denyOthers(roleArn()), Fn: declaredWriter }))));
    expect(real.verdict).toBe('ALLOW');
  });

  test('a policy document given as JSON text cannot forge an atom with a \\u escape', () => {
    const document = { Version: '2012-10-17', Statement: [statement('Allow', 's3:PutObject', `arn:aws:s3:::${FORGED_BUCKET_NAME}/*`)] };
    const text = JSON.stringify(document).replace(/\uE000/g, '\\uE000').replace(/\uE001/g, '\\uE001');
    expect(text).not.toMatch(/[\uE000-\uE003]/);
    const forged = identityPolicy([]);
    forged.Properties.PolicyDocument = text;
    const f = only(analyze(stack(app({ FnPolicy: forged, Fn: declaredWriter }))));
    expect(f.verdict).not.toBe('ALLOW');
    // Read, and judged for the reserved characters it spells (not merely unreadable).
    expect(f.causes.map((c) => c.message).join(' ')).toContain('reserved character U+E000');
    // The same JSON text with the real ARN (the escape is the only difference) is ALLOW.
    const real = identityPolicy([]);
    real.Properties.PolicyDocument = {
      'Fn::Join': ['', [
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"', { 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*"}]}',
      ]],
    };
    expect(only(analyze(stack(app({ FnPolicy: real, Fn: declaredWriter })))).verdict).toBe('ALLOW');
  });
});
