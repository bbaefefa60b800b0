import * as fc from 'fast-check';
import { app, declared, fn, stack, statement, objects, bucketPolicy } from './support/app';
import { analyzeAssembly } from '../../src/analysis/analyze';
import { AssemblyInput } from '../../src/analysis/input';

// How the analysis is proved: malformed or hostile input never throws; adding a Deny never turns DENY into ALLOW.

const intrinsicName = fc.constantFrom('Ref', 'Fn::GetAtt', 'Fn::Join', 'Fn::Sub', 'Fn::Select', 'Fn::Split', 'Fn::If',
  'Fn::ImportValue', 'Fn::FindInMap', 'Fn::Base64', 'Condition');
const { value: hostileJson } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('Fn', 'FnRole', 'Bucket', 'AWS::NoValue', 'AWS::AccountId'),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.string(), intrinsicName), tie('value'), { maxKeys: 3 }),
    fc.record({ k: intrinsicName, v: tie('value') }).map(({ k, v }) => ({ [k]: v })),
  ),
}));

/** What analyze.ts and the evaluator guard write when they catch an exception. */
const MASKED_CRASH = /the analysis failed on this write|the templates could not be analysed|the policy evaluator failed/;

test('any JSON in place of properties, policies and metadata: a report, never an exception', () => {
  fc.assert(fc.property(hostileJson, hostileJson, hostileJson, (a, b, c) => {
    const resources = app({
      Fn: { ...fn('FnRole', { Role: a }), Metadata: { 'cdk-secure-lambda-writer:write-intents': b } },
      BucketPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Bucket' }, PolicyDocument: c } },
      Weird: { Type: 'AWS::S3::Bucket', Properties: c },
    });
    const report = analyzeAssembly({ stacks: [stack(resources)] });
    for (const f of report.findings) {
      expect(['ALLOW', 'DENY', 'CONDITIONAL', 'UNKNOWN']).toContain(f.verdict);
      // analyzeAssembly catches everything by construction: a crash would hide here as an UNRESOLVED cause.
      for (const cause of f.causes) expect(cause.message).not.toMatch(MASKED_CRASH);
    }
  }), { numRuns: 150 });
});

test('any JSON as the whole input: never an exception', () => {
  fc.assert(fc.property(hostileJson, (input) => {
    expect(analyzeAssembly(input as unknown as AssemblyInput).version).toBe(1);
    const report = analyzeAssembly({ stacks: [{ artifactId: 'S', stackName: 'S', templatePath: 't', template: input }] });
    expect(report.version).toBe(1);
    for (const f of report.findings) for (const cause of f.causes) expect(cause.message).not.toMatch(MASKED_CRASH);
  }), { numRuns: 150 });
});

test('adding a Deny statement to the bucket policy never turns a DENY or non-ALLOW into ALLOW', () => {
  const action = fc.constantFrom('s3:PutObject', 's3:*', 's3:GetObject', 'kms:*');
  const operator = fc.constantFrom('StringEquals', 'StringNotEquals', 'Null', 'Bool', 'StringNotEqualsIfExists');
  const key = fc.constantFrom('s3:x-amz-server-side-encryption', 'aws:SecureTransport', 'aws:PrincipalAccount', 'aws:SourceIp');
  const value = fc.constantFrom('true', 'false', 'aws:kms', '111111111111');
  const denyStatement = fc.record({ action, operator, key, value }).map(({ action: a, operator: o, key: k, value: v }) =>
    statement('Deny', a, objects(), { Principal: '*', Condition: { [o]: { [k]: v } } }));
  fc.assert(fc.property(fc.array(denyStatement, { maxLength: 2 }), denyStatement, (base, extra) => {
    const verdict = (statements: object[]) => analyzeAssembly({
      stacks: [stack(app({ Fn: fn('FnRole', {}, [declared()]), ...(statements.length ? { BucketPolicy: bucketPolicy(statements as never) } : {}) }))],
    }).findings[0].verdict;
    const before = verdict(base);
    const after = verdict([...base, extra]);
    if (before !== 'ALLOW') expect(after).not.toBe('ALLOW');
  }), { numRuns: 100 });
});
