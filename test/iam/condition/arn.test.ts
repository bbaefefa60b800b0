import { checkConditions } from './helpers';
import { atom } from '../../../src/iam/symbolic';

// IAM condition operators — ARN: case-sensitive; "Each of the six colon-delimited components of the ARN is checked
// separately and each can include ... wildcards"; ArnEquals behaves as ArnLike; policy variables supported.
const KEY = 'aws:SourceArn';
const FN = 'arn:aws:lambda:us-east-1:123456789012:function:ingest';
const ACCOUNT = atom('opaque', 'AWS::AccountId');
const ROLE = atom('generated', 'Stack/Fn/ServiceRole.Name');

describe('ArnLike / ArnEquals / ArnNotLike / ArnNotEquals', () => {
  checkConditions([
    { rule: 'ArnLike: the same ARN', operator: 'ArnLike', key: KEY, values: [FN], context: { [KEY]: FN }, expected: 'true' },
    { rule: 'ArnLike: another function', operator: 'ArnLike', key: KEY, values: [FN], context: { [KEY]: FN.replace('ingest', 'other') }, expected: 'false' },
    { rule: 'ArnLike: a wildcard per part', operator: 'ArnLike', key: KEY, values: ['arn:aws:lambda:*:123456789012:function:*'], context: { [KEY]: FN }, expected: 'true' },
    { rule: 'ArnLike: a wildcard does not span parts (service * against service:region)', operator: 'ArnLike', key: KEY, values: ['arn:aws:*:123456789012:function:ingest'], context: { [KEY]: FN }, expected: 'false' },
    { rule: 'ArnLike: the same text under StringLike does span parts', operator: 'StringLike', key: KEY, values: ['arn:aws:*:123456789012:function:ingest'], context: { [KEY]: FN }, expected: 'true' },
    { rule: 'ArnLike: the resource part may hold colons', operator: 'ArnLike', key: KEY, values: ['arn:aws:logs:*:*:log-group:/aws/lambda/*:*'], context: { [KEY]: 'arn:aws:logs:us-east-1:1:log-group:/aws/lambda/f:log-stream:x' }, expected: 'true' },
    { rule: 'ArnLike: case-sensitive', operator: 'ArnLike', key: KEY, values: [FN.toUpperCase()], context: { [KEY]: FN }, expected: 'false' },
    { rule: 'ArnEquals ≡ ArnLike: wildcards work in ArnEquals', operator: 'ArnEquals', key: KEY, values: ['arn:aws:lambda:*:123456789012:function:*'], context: { [KEY]: FN }, expected: 'true' },
    { rule: 'ArnEquals ≡ ArnLike: and still compare', operator: 'ArnEquals', key: KEY, values: ['arn:aws:lambda:*:999999999999:function:*'], context: { [KEY]: FN }, expected: 'false' },
    { rule: 'ArnNotLike: a matching ARN → false', operator: 'ArnNotLike', key: KEY, values: ['arn:aws:lambda:*:*:function:ingest'], context: { [KEY]: FN }, expected: 'false' },
    { rule: 'ArnNotLike: no matching ARN → true', operator: 'ArnNotLike', key: KEY, values: ['arn:aws:lambda:*:*:function:other'], context: { [KEY]: FN }, expected: 'true' },
    { rule: 'ArnNotEquals: a matching ARN → false', operator: 'ArnNotEquals', key: KEY, values: [FN], context: { [KEY]: FN }, expected: 'false' },
    { rule: 'ArnNotEquals: key absent → true', operator: 'ArnNotEquals', key: KEY, values: [FN], context: {}, expected: 'true' },
    { rule: 'ArnLike: a request value that is not an ARN does not match', operator: 'ArnLike', key: KEY, values: ['arn:aws:lambda:*:*:function:*'], context: { [KEY]: 'ingest' }, expected: 'false' },
    { rule: 'ArnLike: a policy value that is not an ARN is not guessed', operator: 'ArnLike', key: KEY, values: ['*'], context: { [KEY]: FN }, expected: 'unknown', reason: /not an ARN/ },
  ]);
});

describe('ARN operators with variables and atoms', () => {
  checkConditions([
    { rule: 'policy variables are substituted (aws:PrincipalAccount)', operator: 'ArnLike', key: KEY, values: ['arn:aws:lambda:*:${aws:PrincipalAccount}:function:*'], context: { [KEY]: FN, 'aws:PrincipalAccount': '123456789012' }, expected: 'true' },
    { rule: 'policy variables are substituted (another account)', operator: 'ArnLike', key: KEY, values: ['arn:aws:lambda:*:${aws:PrincipalAccount}:function:*'], context: { [KEY]: FN, 'aws:PrincipalAccount': '999999999999' }, expected: 'false' },
    { rule: 'no value: ArnLike does not match', operator: 'ArnLike', key: KEY, values: ['arn:aws:lambda:*:${aws:PrincipalTag/acct}:function:*'], context: { [KEY]: FN }, expected: 'false' },
    { rule: 'no value: ArnNotLike matches (negated operators match a null variable)', operator: 'ArnNotLike', key: KEY, values: ['arn:aws:lambda:*:${aws:PrincipalTag/acct}:function:*'], context: { [KEY]: FN }, expected: 'true' },
    { rule: 'an opaque account inside the request ARN: a * part absorbs it', operator: 'ArnLike', key: 'aws:PrincipalArn', values: ['arn:aws:iam::*:role/*'], context: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/${ROLE}` }, expected: 'true' },
    { rule: 'a generated role name is not a name a person wrote', operator: 'ArnLike', key: 'aws:PrincipalArn', values: ['arn:aws:iam::*:role/Admin'], context: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/${ROLE}` }, expected: 'false' },
    { rule: 'an opaque account may be any account', operator: 'ArnEquals', key: 'aws:PrincipalArn', values: [`arn:aws:iam::123456789012:role/${ROLE}`], context: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/${ROLE}` }, expected: 'unknown' },
    { rule: 'a whole-ARN parameter may be any ARN', operator: 'ArnLike', key: KEY, values: [atom('opaque', 'SourceArnParam')], context: { [KEY]: FN }, expected: 'unknown' },
    { rule: 'a whole-ARN parameter on both sides is the same ARN', operator: 'ArnLike', key: KEY, values: [atom('opaque', 'SourceArnParam')], context: { [KEY]: atom('opaque', 'SourceArnParam') }, expected: 'true' },
  ]);
});
