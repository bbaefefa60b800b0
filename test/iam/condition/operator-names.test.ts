import { checkConditions, evaluate } from './helpers';
import { evaluateCondition } from '../../../src/iam/condition';
import { COMPARISON_OPERATORS } from '../../../src/iam/condition/operators';
import { ConditionClause } from '../../../src/iam/model';

// Operator names: `[ForAnyValue:|ForAllValues:]Operator[IfExists]` (IAM condition operators). IAM rejects a
// miscased name ("MalformedPolicyDocument: Invalid Condition type"), so one is never silently evaluated.

describe('every operator AWS documents is supported, plain, IfExists and in sets', () => {
  const names = COMPARISON_OPERATORS.map((op) => op.name);
  test('there are 26 comparison operators', () => {
    expect(names).toHaveLength(26);
    expect(new Set(names).size).toBe(26);
  });
  test.each(names.flatMap((n) => [n, `${n}IfExists`, `ForAnyValue:${n}`, `ForAllValues:${n}IfExists`]))('%s is understood', (name) => {
    // With the key absent every form gives a definite answer from the missing-key table, never "unsupported".
    const trace = evaluate(name, 'test:key', ['x'], {});
    expect(trace.result).not.toBe('unknown');
    expect(trace.reason).not.toMatch(/unsupported/);
  });
});

describe('names AWS does not accept', () => {
  checkConditions([
    { rule: 'an unknown operator → unsupported operator', operator: 'StringSortOf', key: 'k', values: ['a'], context: { k: 'a' }, expected: 'unknown', reason: /^unsupported operator 'StringSortOf'$/ },
    { rule: 'a miscased operator → unsupported, with the right spelling', operator: 'stringEquals', key: 'k', values: ['a'], context: { k: 'a' }, expected: 'unknown', reason: /unsupported operator 'stringEquals'.*case-sensitive.*'StringEquals'/ },
    { rule: 'the right spelling of the same clause is evaluated', operator: 'StringEquals', key: 'k', values: ['a'], context: { k: 'a' }, expected: 'true' },
    { rule: 'a miscased set qualifier → unsupported, with the right spelling', operator: 'forallvalues:stringequals', key: 'k', values: ['a'], context: {}, expected: 'unknown', reason: /'ForAllValues:StringEquals'/ },
    { rule: 'a miscased IfExists → unsupported', operator: 'StringEqualsifexists', key: 'k', values: ['a'], context: {}, expected: 'unknown', reason: /'StringEqualsIfExists'/ },
    { rule: 'an unknown set qualifier → unsupported', operator: 'ForSomeValues:StringEquals', key: 'k', values: ['a'], context: {}, expected: 'unknown', reason: /unsupported operator/ },
    { rule: 'IfExists alone is no operator', operator: 'IfExists', key: 'k', values: ['a'], context: {}, expected: 'unknown', reason: /unsupported operator/ },
    { rule: 'an empty name → unsupported', operator: '', key: 'k', values: ['a'], context: {}, expected: 'unknown', reason: /unsupported operator/ },
    { rule: 'a clause without values is not guessed', operator: 'StringEquals', key: 'k', values: [], context: { k: 'a' }, expected: 'unknown', reason: /lists no values/ },
  ]);
});

describe('bad input never throws', () => {
  test('values that are not strings (a malformed clause) give an answer, not an exception', () => {
    const clause = { operator: 'StringEquals', key: 'k', values: [null, 42, { a: 1 }] } as unknown as ConditionClause;
    const run = () => evaluateCondition(clause, { k: 'a' }, '2012-10-17');
    expect(run).not.toThrow();
    expect(run()).toMatchObject({ result: 'unknown', reason: expect.stringMatching(/not strings/) });
  });

  test('a context value of the wrong shape gives an answer, not an exception', () => {
    const context = { k: 42 } as unknown as Record<string, string>;
    const run = () => evaluateCondition({ operator: 'NumericEquals', key: 'k', values: ['42'] }, context, '2012-10-17');
    expect(run).not.toThrow();
    expect(run()).toMatchObject({ result: 'unknown', reason: expect.stringMatching(/malformed value \(42\)/) });
  });

  test('the trace echoes the clause as written', () => {
    const trace = evaluate('ForAnyValue:StringLikeIfExists', 'AWS:TagKeys', ['a*'], { 'aws:tagkeys': ['ab'] });
    expect(trace).toMatchObject({ operator: 'ForAnyValue:StringLikeIfExists', key: 'AWS:TagKeys', result: 'true' });
  });
});
