import { checkConditions } from './helpers';

// IAM condition operators — Boolean: "true"/"false"; policy variables supported.
const KEY = 'aws:SecureTransport';

describe('Bool', () => {
  checkConditions([
    { rule: 'Bool: true matches true (HTTPS request)', operator: 'Bool', key: KEY, values: ['true'], context: { [KEY]: 'true' }, expected: 'true' },
    { rule: 'Bool: true does not match false (HTTP request)', operator: 'Bool', key: KEY, values: ['true'], context: { [KEY]: 'false' }, expected: 'false' },
    { rule: 'Bool: the classic deny-HTTP statement applies to HTTP', operator: 'Bool', key: KEY, values: ['false'], context: { [KEY]: 'false' }, expected: 'true' },
    { rule: 'Bool: the classic deny-HTTP statement does not apply to HTTPS', operator: 'Bool', key: KEY, values: ['false'], context: { [KEY]: 'true' }, expected: 'false' },
    { rule: 'Bool: case-insensitive values', operator: 'Bool', key: KEY, values: ['TRUE'], context: { [KEY]: 'True' }, expected: 'true' },
    { rule: 'Bool: case-insensitive values (and still compared)', operator: 'Bool', key: KEY, values: ['FALSE'], context: { [KEY]: 'True' }, expected: 'false' },
    { rule: 'Bool: key absent → false (deny-HTTP does not apply)', operator: 'Bool', key: KEY, values: ['false'], context: {}, expected: 'false', reason: /absent: positive operator is false/ },
    { rule: 'BoolIfExists: key absent → true', operator: 'BoolIfExists', key: KEY, values: ['false'], context: {}, expected: 'true', reason: /IfExists is true/ },
    { rule: 'Bool: a value that is not a boolean is unknown', operator: 'Bool', key: KEY, values: ['yes'], context: { [KEY]: 'true' }, expected: 'unknown', reason: /not true or false/ },
    { rule: 'Bool: policy variables are substituted', operator: 'Bool', key: KEY, values: ['${aws:PrincipalTag/https}'], context: { [KEY]: 'true', 'aws:PrincipalTag/https': 'true' }, expected: 'true' },
    { rule: 'Bool: policy variables are substituted (other value)', operator: 'Bool', key: KEY, values: ['${aws:PrincipalTag/https}'], context: { [KEY]: 'true', 'aws:PrincipalTag/https': 'false' }, expected: 'false' },
  ]);
});
