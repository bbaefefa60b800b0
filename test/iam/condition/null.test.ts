import { checkConditions } from './helpers';

// IAM condition operators — "Condition operator to check existence of condition keys": Null true = the key is
// absent, false = it is present; no policy variables, no IfExists, no set operators.
const SSE = 's3:x-amz-server-side-encryption';

describe('Null', () => {
  checkConditions([
    { rule: 'Null true: key absent (no SSE header) → true', operator: 'Null', key: SSE, values: ['true'], context: {}, expected: 'true', reason: /absent/ },
    { rule: 'Null true: key present → false', operator: 'Null', key: SSE, values: ['true'], context: { [SSE]: 'aws:kms' }, expected: 'false', reason: /present/ },
    { rule: 'Null false: key present → true', operator: 'Null', key: SSE, values: ['false'], context: { [SSE]: 'aws:kms' }, expected: 'true' },
    { rule: 'Null false: key absent → false', operator: 'Null', key: SSE, values: ['false'], context: {}, expected: 'false' },
    { rule: 'Null: an empty value is still present', operator: 'Null', key: SSE, values: ['true'], context: { [SSE]: '' }, expected: 'false' },
    { rule: 'Null: an empty set carries no value', operator: 'Null', key: 'aws:TagKeys', values: ['true'], context: { 'aws:TagKeys': [] }, expected: 'true' },
    { rule: 'Null: a set with values is present', operator: 'Null', key: 'aws:TagKeys', values: ['true'], context: { 'aws:TagKeys': ['team'] }, expected: 'false' },
    { rule: 'Null: values case-insensitive', operator: 'Null', key: SSE, values: ['TRUE'], context: {}, expected: 'true' },
    { rule: 'Null: several values OR (true or false: always true)', operator: 'Null', key: SSE, values: ['true', 'false'], context: { [SSE]: 'x' }, expected: 'true' },
    { rule: 'Null: an unknown value that is surely sent is present', operator: 'Null', key: SSE, values: ['true'], context: { [SSE]: { unknown: 'set by code' } }, expected: 'false' },
    { rule: 'Null: an unknown value that may be absent leaves presence unknown', operator: 'Null', key: SSE, values: ['true'], context: { [SSE]: { unknown: 'request profile', mayBeAbsent: true } }, expected: 'unknown', reason: /presence of .* unknown \(request profile\)/ },
    { rule: 'Null: a value other than true/false is unknown', operator: 'Null', key: SSE, values: ['yes'], context: {}, expected: 'unknown', reason: /'true' or 'false'/ },
    { rule: 'Null: no policy variables (a ${...} value is not true/false)', operator: 'Null', key: SSE, values: ['${aws:PrincipalTag/x}'], context: { 'aws:PrincipalTag/x': 'true' }, expected: 'unknown' },
    { rule: 'Null takes no IfExists suffix', operator: 'NullIfExists', key: SSE, values: ['true'], context: {}, expected: 'unknown', reason: /unsupported operator/ },
    { rule: 'Null takes no set operator', operator: 'ForAnyValue:Null', key: SSE, values: ['true'], context: {}, expected: 'unknown', reason: /unsupported operator/ },
  ]);
});

describe('Null on malformed input', () => {
  checkConditions([
    { rule: 'a context value of the wrong shape leaves presence unknown', operator: 'Null', key: 'k', values: ['true'], context: { k: 42 as unknown as string }, expected: 'unknown', reason: /presence of k unknown \(malformed/ },
  ]);
});
