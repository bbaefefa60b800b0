import { checkConditions } from './helpers';

// IAM condition operators — BinaryEquals: "compares byte for byte" base64-encoded values; no variables.
const KEY = 'example:binaryKey';

describe('BinaryEquals', () => {
  checkConditions([
    { rule: 'BinaryEquals: the same bytes', operator: 'BinaryEquals', key: KEY, values: ['QmluYXJ5VmFsdWU='], context: { [KEY]: 'QmluYXJ5VmFsdWU=' }, expected: 'true' },
    { rule: 'BinaryEquals: other bytes', operator: 'BinaryEquals', key: KEY, values: ['QmluYXJ5VmFsdWU='], context: { [KEY]: 'QmluYXJ5VmFsdWF=' }, expected: 'false' },
    { rule: 'BinaryEquals: several values OR', operator: 'BinaryEquals', key: KEY, values: ['AAAA', 'QUJD'], context: { [KEY]: 'QUJD' }, expected: 'true' },
    { rule: 'BinaryEquals: key absent → false', operator: 'BinaryEquals', key: KEY, values: ['QUJD'], context: {}, expected: 'false' },
    { rule: 'BinaryEquals: not base64 → unknown', operator: 'BinaryEquals', key: KEY, values: ['not base64!'], context: { [KEY]: 'QUJD' }, expected: 'unknown', reason: /not base64/ },
    { rule: 'BinaryEquals: no policy variables', operator: 'BinaryEquals', key: KEY, values: ['${aws:PrincipalTag/b}'], context: { [KEY]: 'QUJD', 'aws:PrincipalTag/b': 'QUJD' }, expected: 'unknown', reason: /do not substitute/ },
  ]);
});
