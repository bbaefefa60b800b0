import { checkConditions } from './helpers';

/*
 * A context value the templates do not fix (UnknownValue) is 'unknown' unless every case agrees: the value may be any
 * single value or any set, and with mayBeAbsent the key may also be missing (then the missing-key table applies).
 */
const SSE = 's3:x-amz-server-side-encryption';
const unknown = { [SSE]: { unknown: 'depends on the code' } };
const maybeAbsent = { [SSE]: { unknown: 'request profile', mayBeAbsent: true } };

describe('unknown values', () => {
  checkConditions([
    { rule: 'a positive operator on an unknown value → unknown, with the reason', operator: 'StringEquals', key: SSE, values: ['aws:kms'], context: unknown, expected: 'unknown', reason: /value of s3:x-amz-server-side-encryption unknown \(depends on the code\)/ },
    { rule: 'a negated operator on an unknown value → unknown', operator: 'StringNotEquals', key: SSE, values: ['aws:kms'], context: unknown, expected: 'unknown' },
    { rule: 'IfExists positive on a maybe-absent unknown value → still unknown', operator: 'StringEqualsIfExists', key: SSE, values: ['aws:kms'], context: maybeAbsent, expected: 'unknown', reason: /may be absent/ },
    { rule: 'IfExists negated on a maybe-absent unknown value → unknown', operator: 'StringNotEqualsIfExists', key: SSE, values: ['aws:kms'], context: maybeAbsent, expected: 'unknown' },
    { rule: 'ForAnyValue on a maybe-absent unknown value → unknown', operator: 'ForAnyValue:StringEquals', key: SSE, values: ['aws:kms'], context: maybeAbsent, expected: 'unknown' },
    { rule: 'a positive operator whose only value is a variable without value: false in every case', operator: 'StringEquals', key: SSE, values: ['${aws:PrincipalTag/missing}'], context: maybeAbsent, expected: 'false', reason: /false in every case/ },
    { rule: 'ForAnyValue whose only value has no value: false in every case', operator: 'ForAnyValue:StringEquals', key: SSE, values: ['${aws:PrincipalTag/missing}'], context: unknown, expected: 'false' },
    { rule: 'ForAllValues with a pattern every value satisfies: true in every case', operator: 'ForAllValues:StringLike', key: SSE, values: ['*'], context: maybeAbsent, expected: 'true', reason: /true in every case/ },
    { rule: 'ForAllValues with a pattern not every value satisfies: unknown', operator: 'ForAllValues:StringLike', key: SSE, values: ['a*'], context: maybeAbsent, expected: 'unknown' },
    { rule: 'a plain StringLike * on an unknown value: a set would not match → unknown', operator: 'StringLike', key: SSE, values: ['*'], context: unknown, expected: 'unknown' },
    { rule: 'the same StringLike * on a known value → true', operator: 'StringLike', key: SSE, values: ['*'], context: { [SSE]: 'AES256' }, expected: 'true' },
    { rule: 'Numeric on an unknown value → unknown', operator: 'NumericLessThan', key: 's3:max-keys', values: ['10'], context: { 's3:max-keys': { unknown: 'caller' } }, expected: 'unknown', reason: /caller/ },
    { rule: 'IpAddress on a maybe-absent unknown source IP → unknown', operator: 'NotIpAddress', key: 'aws:SourceIp', values: ['10.0.0.0/8'], context: { 'aws:SourceIp': { unknown: 'egress path', mayBeAbsent: true } }, expected: 'unknown' },
  ]);
});
