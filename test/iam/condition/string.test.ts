import { checkConditions } from './helpers';
import { atom } from '../../../src/iam/symbolic';

// IAM JSON policy elements: Condition operators — String condition operators
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
const SSE = 's3:x-amz-server-side-encryption';
const BUCKET = atom('generated', 'Stack/Bucket.Name');
const PARAM = atom('opaque', 'Stack/Param');

describe('StringEquals / StringNotEquals', () => {
  checkConditions([
    { rule: 'StringEquals: exact match', operator: 'StringEquals', key: SSE, values: ['aws:kms'], context: { [SSE]: 'aws:kms' }, expected: 'true', reason: /matches 'aws:kms'/ },
    { rule: 'StringEquals: a different value does not match', operator: 'StringEquals', key: SSE, values: ['aws:kms'], context: { [SSE]: 'AES256' }, expected: 'false', reason: /matches none of 'aws:kms'/ },
    { rule: 'StringEquals: case-sensitive', operator: 'StringEquals', key: SSE, values: ['aws:kms'], context: { [SSE]: 'AWS:KMS' }, expected: 'false' },
    { rule: 'StringEquals: no wildcards (* is literal)', operator: 'StringEquals', key: 's3:prefix', values: ['home/*'], context: { 's3:prefix': 'home/alice' }, expected: 'false' },
    { rule: 'multiple values under a positive operator: OR (one matches)', operator: 'StringEquals', key: SSE, values: ['AES256', 'aws:kms'], context: { [SSE]: 'aws:kms' }, expected: 'true' },
    { rule: 'multiple values under a positive operator: OR (none matches)', operator: 'StringEquals', key: SSE, values: ['AES256', 'aws:kms'], context: { [SSE]: 'aws:kms:dsse' }, expected: 'false' },
    { rule: 'StringNotEquals: negated matching, a different value', operator: 'StringNotEquals', key: SSE, values: ['aws:kms'], context: { [SSE]: 'AES256' }, expected: 'true', reason: /negated operator is true/ },
    { rule: 'StringNotEquals: negated matching, the same value', operator: 'StringNotEquals', key: SSE, values: ['aws:kms'], context: { [SSE]: 'aws:kms' }, expected: 'false', reason: /negated operator is false/ },
    { rule: 'multiple values under a negated operator: NOR (matches one → false)', operator: 'StringNotEquals', key: SSE, values: ['AES256', 'aws:kms'], context: { [SSE]: 'AES256' }, expected: 'false' },
    { rule: 'multiple values under a negated operator: NOR (matches none → true)', operator: 'StringNotEquals', key: SSE, values: ['AES256', 'aws:kms'], context: { [SSE]: 'aws:kms:dsse' }, expected: 'true' },
    { rule: 'condition keys are case-insensitive', operator: 'StringEquals', key: 'S3:X-AMZ-SERVER-SIDE-ENCRYPTION', values: ['aws:kms'], context: { [SSE]: 'aws:kms' }, expected: 'true' },
    { rule: 'condition keys are case-insensitive (and a different value still fails)', operator: 'StringEquals', key: 'S3:X-AMZ-SERVER-SIDE-ENCRYPTION', values: ['aws:kms'], context: { [SSE]: 'AES256' }, expected: 'false' },
  ]);
});

describe('StringEqualsIgnoreCase / StringNotEqualsIgnoreCase', () => {
  checkConditions([
    { rule: 'StringEqualsIgnoreCase: exact match ignoring case', operator: 'StringEqualsIgnoreCase', key: 'aws:PrincipalTag/team', values: ['Payments'], context: { 'aws:PrincipalTag/team': 'PAYMENTS' }, expected: 'true' },
    { rule: 'StringEqualsIgnoreCase: other letters still differ', operator: 'StringEqualsIgnoreCase', key: 'aws:PrincipalTag/team', values: ['Payments'], context: { 'aws:PrincipalTag/team': 'PAYMENT' }, expected: 'false' },
    { rule: 'StringNotEqualsIgnoreCase: same value in another case → false', operator: 'StringNotEqualsIgnoreCase', key: 'aws:PrincipalTag/team', values: ['payments'], context: { 'aws:PrincipalTag/team': 'Payments' }, expected: 'false' },
    { rule: 'StringNotEqualsIgnoreCase: a different value → true', operator: 'StringNotEqualsIgnoreCase', key: 'aws:PrincipalTag/team', values: ['payments'], context: { 'aws:PrincipalTag/team': 'billing' }, expected: 'true' },
  ]);
});

describe('StringLike / StringNotLike', () => {
  checkConditions([
    { rule: 'StringLike: * matches any run, / included', operator: 'StringLike', key: 's3:prefix', values: ['home/*'], context: { 's3:prefix': 'home/alice/docs' }, expected: 'true' },
    { rule: 'StringLike: the literal part must match', operator: 'StringLike', key: 's3:prefix', values: ['home/*'], context: { 's3:prefix': 'public/alice' }, expected: 'false' },
    { rule: 'StringLike: ? is one character', operator: 'StringLike', key: 'aws:PrincipalTag/env', values: ['dev?'], context: { 'aws:PrincipalTag/env': 'dev1' }, expected: 'true' },
    { rule: 'StringLike: ? is not two characters', operator: 'StringLike', key: 'aws:PrincipalTag/env', values: ['dev?'], context: { 'aws:PrincipalTag/env': 'dev12' }, expected: 'false' },
    { rule: 'StringLike: case-sensitive', operator: 'StringLike', key: 's3:prefix', values: ['home/*'], context: { 's3:prefix': 'HOME/alice' }, expected: 'false' },
    { rule: 'StringNotLike: a value like the pattern → false', operator: 'StringNotLike', key: 's3:prefix', values: ['home/*'], context: { 's3:prefix': 'home/alice' }, expected: 'false' },
    { rule: 'StringNotLike: a value unlike every pattern → true', operator: 'StringNotLike', key: 's3:prefix', values: ['home/*', 'shared/*'], context: { 's3:prefix': 'public/x' }, expected: 'true' },
  ]);
});

describe('a plain operator on a multivalued context value', () => {
  checkConditions([
    { rule: 'a set operator is required for a multivalued key: plain positive → false', operator: 'StringEquals', key: 'aws:TagKeys', values: ['team'], context: { 'aws:TagKeys': ['team'] }, expected: 'false', reason: /multivalued/ },
    { rule: 'a set operator is required for a multivalued key: plain negated → false too', operator: 'StringNotEquals', key: 'aws:TagKeys', values: ['team'], context: { 'aws:TagKeys': ['env', 'cost'] }, expected: 'false', reason: /ForAnyValue/ },
    { rule: 'the same clause on a single value is decided normally', operator: 'StringNotEquals', key: 'aws:TagKeys', values: ['team'], context: { 'aws:TagKeys': 'env' }, expected: 'true' },
  ]);
});

describe('policy variables in String operators (IAM "Variables and tags")', () => {
  checkConditions([
    { rule: 'a variable is replaced by the request value (ABAC: team tag equals principal tag)', operator: 'StringEquals', key: 'aws:RequestTag/team', values: ['${aws:PrincipalTag/team}'], context: { 'aws:RequestTag/team': 'a', 'aws:PrincipalTag/team': 'a' }, expected: 'true', reason: /= 'a'/ },
    { rule: 'a variable is replaced by the request value (tags differ)', operator: 'StringEquals', key: 'aws:RequestTag/team', values: ['${aws:PrincipalTag/team}'], context: { 'aws:RequestTag/team': 'a', 'aws:PrincipalTag/team': 'b' }, expected: 'false' },
    { rule: 'StringLike keeps the wildcards around a variable', operator: 'StringLike', key: 's3:prefix', values: ['home/${aws:username}/*'], context: { 's3:prefix': 'home/alice/x', 'aws:username': 'alice' }, expected: 'true' },
    { rule: 'StringLike keeps the wildcards around a variable (other user)', operator: 'StringLike', key: 's3:prefix', values: ['home/${aws:username}/*'], context: { 's3:prefix': 'home/bob/x', 'aws:username': 'alice' }, expected: 'false' },
    { rule: 'no value: a positive operator does not match', operator: 'StringEquals', key: 'aws:RequestTag/team', values: ['${aws:PrincipalTag/team}'], context: { 'aws:RequestTag/team': 'a' }, expected: 'false', reason: /has no value/ },
    { rule: 'no value: a negated operator matches (IAM doc; iam-simulate differs, see test/iam/KNOWN-DIFFERENCES.md)', operator: 'StringNotEquals', key: 'aws:RequestTag/team', values: ['${aws:PrincipalTag/team}'], context: { 'aws:RequestTag/team': 'a' }, expected: 'true', reason: /has no value/ },
    { rule: 'no value: StringNotLike matches too', operator: 'StringNotLike', key: 's3:prefix', values: ['home/${aws:username}/*'], context: { 's3:prefix': 'home/x/y' }, expected: 'true' },
    { rule: 'a default stands in for an absent key', operator: 'StringEquals', key: 'aws:RequestTag/team', values: ["${aws:PrincipalTag/team, 'shared'}"], context: { 'aws:RequestTag/team': 'shared' }, expected: 'true' },
    { rule: 'a default stands in for an absent key (and is compared)', operator: 'StringEquals', key: 'aws:RequestTag/team', values: ["${aws:PrincipalTag/team, 'shared'}"], context: { 'aws:RequestTag/team': 'other' }, expected: 'false' },
    { rule: 'Version 2008-10-17: ${...} is literal text', operator: 'StringEquals', key: 'aws:RequestTag/team', values: ['${aws:PrincipalTag/team}'], context: { 'aws:RequestTag/team': '${aws:PrincipalTag/team}', 'aws:PrincipalTag/team': 'a' }, expected: 'true', version: '2008-10-17' },
    { rule: 'Version 2012-10-17: the same text is a variable', operator: 'StringEquals', key: 'aws:RequestTag/team', values: ['${aws:PrincipalTag/team}'], context: { 'aws:RequestTag/team': '${aws:PrincipalTag/team}', 'aws:PrincipalTag/team': 'a' }, expected: 'false' },
    { rule: 'escape ${*}: a literal star matches only a star', operator: 'StringLike', key: 's3:prefix', values: ['a${*}'], context: { 's3:prefix': 'a*' }, expected: 'true' },
    { rule: 'escape ${*}: a literal star is no wildcard', operator: 'StringLike', key: 's3:prefix', values: ['a${*}'], context: { 's3:prefix': 'abc' }, expected: 'false' },
    { rule: 'an unknown variable is unknown', operator: 'StringEquals', key: 'aws:RequestTag/team', values: ['${aws:PrincipalTag/team}'], context: { 'aws:RequestTag/team': 'a', 'aws:PrincipalTag/team': { unknown: 'role tags set outside the app' } }, expected: 'unknown', reason: /role tags set outside the app/ },
    { rule: 'an unknown variable: the literal parts may still rule a match out', operator: 'StringLike', key: 's3:prefix', values: ['home/${aws:PrincipalTag/team}/*'], context: { 's3:prefix': 'public/x', 'aws:PrincipalTag/team': { unknown: 'role tags set outside the app' } }, expected: 'false' },
    { rule: 'an unknown variable that may be absent is unknown under a negated operator', operator: 'StringNotLike', key: 's3:prefix', values: ['home/${aws:PrincipalTag/team}/*'], context: { 's3:prefix': 'home/x/y', 'aws:PrincipalTag/team': { unknown: 'maybe untagged', mayBeAbsent: true } }, expected: 'unknown' },
    { rule: 'a variable for the key itself equals its own unknown value', operator: 'StringEquals', key: 'aws:PrincipalTag/team', values: ['${aws:PrincipalTag/team}'], context: { 'aws:PrincipalTag/team': { unknown: 'tags set outside the app' } }, expected: 'unknown' },
  ]);
});

describe('atoms in context and policy values go through the glob matcher', () => {
  checkConditions([
    { rule: 'the same generated name on both sides matches', operator: 'StringEquals', key: 's3:ExistingObjectTag/bucket', values: [BUCKET], context: { 's3:ExistingObjectTag/bucket': BUCKET }, expected: 'true' },
    { rule: 'a generated name never equals a literal a person wrote', operator: 'StringEquals', key: 's3:ExistingObjectTag/bucket', values: ['my-bucket'], context: { 's3:ExistingObjectTag/bucket': BUCKET }, expected: 'false' },
    { rule: 'the same: negated operator is then true', operator: 'StringNotEquals', key: 's3:ExistingObjectTag/bucket', values: ['my-bucket'], context: { 's3:ExistingObjectTag/bucket': BUCKET }, expected: 'true' },
    { rule: 'an opaque value may equal a literal: unknown', operator: 'StringEquals', key: 'aws:SourceVpce', values: ['vpce-123'], context: { 'aws:SourceVpce': PARAM }, expected: 'unknown', reason: /depends on values the templates do not fix/ },
    { rule: 'an opaque value under a negated operator: unknown', operator: 'StringNotEquals', key: 'aws:SourceVpce', values: ['vpce-123'], context: { 'aws:SourceVpce': PARAM }, expected: 'unknown' },
    { rule: 'an opaque policy value (a parameter) against a literal: unknown', operator: 'StringLike', key: 'aws:SourceVpce', values: [`${PARAM}*`], context: { 'aws:SourceVpce': 'vpce-1' }, expected: 'unknown' },
    { rule: 'a lone * matches whatever an atom stands for', operator: 'StringLike', key: 'aws:SourceVpce', values: ['*'], context: { 'aws:SourceVpce': PARAM }, expected: 'true' },
    { rule: 'a definite match on another value settles an OR despite an unknown one', operator: 'StringEquals', key: 'aws:SourceVpce', values: [PARAM, 'vpce-1'], context: { 'aws:SourceVpce': 'vpce-1' }, expected: 'true' },
    { rule: 'a definite match on another value settles a NOR despite an unknown one', operator: 'StringNotEquals', key: 'aws:SourceVpce', values: [PARAM, 'vpce-1'], context: { 'aws:SourceVpce': 'vpce-1' }, expected: 'false' },
  ]);
});
