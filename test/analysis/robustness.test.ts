import { analyze, app, bucket, declared, fn, grantPut, identityPolicy, only, stack, statement } from './support/app';
import { analyzeAssembly } from '../../src/analysis/analyze';
import { INTENT_METADATA_KEY } from '../../src/contract/intent';

// "Bad input never crashes: malformed policies, unknown resource types, unresolvable tokens give UNKNOWN with a
// reason" (the project's standards). A false DENY is the worst bug: unknown input must never produce one.

describe('never throws, never guesses', () => {
  test('input that is not an assembly gives a report, not an exception', () => {
    for (const input of [undefined, null, 5, 'x', {}, { stacks: 'x' }, { stacks: [null, 3, { template: [] }] }]) {
      expect(() => analyzeAssembly(input as never)).not.toThrow();
      expect(analyzeAssembly(input as never).version).toBe(1);
    }
  });

  test('a malformed identity policy statement makes the write UNKNOWN with the reason, not DENY', () => {
    const broken = identityPolicy([grantPut(), { Effect: 'Maybe', Action: 's3:PutObject', Resource: '*' }]);
    const f = only(analyze(stack(app({ FnPolicy: broken, Fn: fn('FnRole', {}, [declared()]) }))));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes[0].code).toBe('UNRESOLVED');
    expect(f.causes[0].message.length).toBeGreaterThan(20);
  });

  test('a policy document that is not an object is UNKNOWN, and so are the writes it may grant elsewhere', () => {
    const broken = { ...identityPolicy([]), Properties: { PolicyName: 'p', Roles: [{ Ref: 'FnRole' }], PolicyDocument: 'nonsense' } };
    const findings = analyze(stack(app({ FnPolicy: broken, Fn: fn('FnRole', {}, [declared()]) })));
    expect(findings.map((f) => [f.intent, f.verdict])).toEqual([['declared', 'UNKNOWN'], ['inferred', 'UNKNOWN']]);
    expect(findings[1].causes[0].location).toBe('Stack/Fn/ServiceRole/DefaultPolicy');
  });

  test('a grant whose resource is an unresolvable token (a parameter) is UNKNOWN, never DENY', () => {
    const grant = identityPolicy([statement('Allow', 's3:PutObject', { 'Fn::Join': ['', [{ Ref: 'Target' }, '/*']] })]);
    const f = only(analyze(stack(app({ FnPolicy: grant, Fn: fn('FnRole', {}, [declared()]) }), {
      extra: { Parameters: { Target: { Type: 'String' } } },
    })));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.causes[0].message).toContain('Target');
  });

  test('unknown resource types and intrinsics elsewhere in the template change nothing', () => {
    // A resource CloudFormation rejects (no Type, not an object) is another matter: test/hostile/analysis-wrong-types.
    const f = only(analyze(stack(app({
      Weird: { Type: 'Custom::Thing', Properties: { X: { 'Fn::Magic': 1 } } },
      Bare: { Type: 'Custom::Bare' },
    }))));
    expect(f.verdict).toBe('ALLOW');
  });

  test('malformed write-intent metadata is an UNKNOWN finding naming the problem', () => {
    const f1 = fn('FnRole');
    f1.Metadata[INTENT_METADATA_KEY] = 'not a list';
    expect(only(analyze(stack(app({ Fn: f1, FnPolicy: undefined })))).causes[0].message).toContain('not a list');
    const f2 = fn('FnRole');
    f2.Metadata[INTENT_METADATA_KEY] = [{ keyPrefix: 'x/' }];
    const finding = only(analyze(stack(app({ Fn: f2, FnPolicy: undefined }))));
    expect(finding.verdict).toBe('UNKNOWN');
    expect(finding.causes[0].message).toContain('no bucket reference');
  });

  test('a function whose role does not resolve is UNKNOWN for its declared write', () => {
    const f = only(analyze(stack(app({ Fn: fn('FnRole', { Role: { 'Fn::GetAtt': ['Missing', 'Arn'] } }, [declared()]) }))));
    expect(f.verdict).toBe('UNKNOWN');
  });

  test('an imported role (literal ARN) is UNKNOWN: its policies outside the app are not known', () => {
    const f = only(analyze(stack(app({ Fn: fn('FnRole', { Role: 'arn:aws:iam::111111111111:role/imported' }, [declared()]) }))));
    expect(f.verdict).toBe('UNKNOWN');
    expect(f.role).toBe('arn:aws:iam::111111111111:role/imported');
  });

  test('a resource whose Condition is false does not count', () => {
    const f = only(analyze(stack(app({
      FnPolicy: { ...identityPolicy([grantPut()]), Condition: 'Never' },
      Fn: fn('FnRole', {}, [declared()]),
    }), { extra: { Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } } } })));
    expect(f.verdict).toBe('DENY');
    void bucket;
  });
});
