import { checkConditions } from './helpers';
import { atom } from '../../../src/iam/symbolic';

// IAM condition operators — Numeric condition operators: integers and decimals, no wildcards, no policy variables.
const KEY = 's3:max-keys';
const at = (value: string) => ({ [KEY]: value });

describe('Numeric operators', () => {
  checkConditions([
    { rule: 'NumericEquals: equal numbers', operator: 'NumericEquals', key: KEY, values: ['10'], context: at('10'), expected: 'true' },
    { rule: 'NumericEquals: different numbers', operator: 'NumericEquals', key: KEY, values: ['10'], context: at('11'), expected: 'false' },
    { rule: 'NumericEquals: compares values, not text (10 = 10.0 = 010)', operator: 'NumericEquals', key: KEY, values: ['10.0'], context: at('010'), expected: 'true' },
    { rule: 'NumericEquals: decimals compare exactly (0.1 ≠ 0.10000000000000001)', operator: 'NumericEquals', key: KEY, values: ['0.1'], context: at('0.10000000000000001'), expected: 'false' },
    { rule: 'NumericEquals: large integers compare exactly', operator: 'NumericEquals', key: KEY, values: ['9007199254740993'], context: at('9007199254740992'), expected: 'false' },
    { rule: 'NumericEquals: -0 is 0', operator: 'NumericEquals', key: KEY, values: ['0'], context: at('-0'), expected: 'true' },
    { rule: 'NumericNotEquals: different numbers → true', operator: 'NumericNotEquals', key: KEY, values: ['10'], context: at('11'), expected: 'true' },
    { rule: 'NumericNotEquals: equal numbers → false', operator: 'NumericNotEquals', key: KEY, values: ['10'], context: at('10'), expected: 'false' },
    { rule: 'NumericLessThan: request below the policy value', operator: 'NumericLessThan', key: KEY, values: ['10'], context: at('9.5'), expected: 'true' },
    { rule: 'NumericLessThan: equal is not less', operator: 'NumericLessThan', key: KEY, values: ['10'], context: at('10'), expected: 'false' },
    { rule: 'NumericLessThan: negative numbers order', operator: 'NumericLessThan', key: KEY, values: ['-1'], context: at('-2'), expected: 'true' },
    { rule: 'NumericLessThan: negative numbers order (other way)', operator: 'NumericLessThan', key: KEY, values: ['-2'], context: at('-1'), expected: 'false' },
    { rule: 'NumericLessThanEquals: equal', operator: 'NumericLessThanEquals', key: KEY, values: ['10'], context: at('10'), expected: 'true' },
    { rule: 'NumericLessThanEquals: above', operator: 'NumericLessThanEquals', key: KEY, values: ['10'], context: at('10.01'), expected: 'false' },
    { rule: 'NumericGreaterThan: above', operator: 'NumericGreaterThan', key: KEY, values: ['10'], context: at('100'), expected: 'true' },
    { rule: 'NumericGreaterThan: below (more digits is not more when negative)', operator: 'NumericGreaterThan', key: KEY, values: ['-1'], context: at('-100'), expected: 'false' },
    { rule: 'NumericGreaterThanEquals: equal', operator: 'NumericGreaterThanEquals', key: KEY, values: ['.5'], context: at('0.50'), expected: 'true' },
    { rule: 'NumericGreaterThanEquals: below', operator: 'NumericGreaterThanEquals', key: KEY, values: ['0.5'], context: at('0.49'), expected: 'false' },
    { rule: 'several values: OR', operator: 'NumericEquals', key: KEY, values: ['1', '2'], context: at('2'), expected: 'true' },
    { rule: 'several values under NumericNotEquals: NOR', operator: 'NumericNotEquals', key: KEY, values: ['1', '2'], context: at('2'), expected: 'false' },
  ]);
});

describe('Numeric: what cannot be compared is unknown', () => {
  checkConditions([
    { rule: 'no wildcards: a * is not a number', operator: 'NumericEquals', key: KEY, values: ['1*'], context: at('10'), expected: 'unknown', reason: /not a number/ },
    { rule: 'a request value that is not a number', operator: 'NumericLessThan', key: KEY, values: ['10'], context: at('ten'), expected: 'unknown', reason: /'ten' is not a number/ },
    { rule: 'no policy variables in Numeric operators (the text stays literal)', operator: 'NumericEquals', key: KEY, values: ['${aws:PrincipalTag/n}'], context: { [KEY]: '5', 'aws:PrincipalTag/n': '5' }, expected: 'unknown', reason: /do not substitute policy variables/ },
    { rule: 'a parameter (atom) as the policy number', operator: 'NumericLessThan', key: KEY, values: [atom('opaque', 'MaxKeys')], context: at('5'), expected: 'unknown', reason: /depends on a value the templates do not fix/ },
    { rule: 'an unknown number alongside a matching one: OR is still true', operator: 'NumericEquals', key: KEY, values: ['abc', '5'], context: at('5'), expected: 'true' },
  ]);
});
