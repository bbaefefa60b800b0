import { globMatch, LITERAL_QUESTION, LITERAL_STAR } from '../../src/iam/match/glob';
import { RequestContext } from '../../src/iam/model';
import { atom } from '../../src/iam/symbolic';
import { substituteVariables, unknownValueAtom } from '../../src/iam/variables';

// Rules from IAM "IAM policy elements: Variables and tags"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
const V2012 = '2012-10-17';
const context: RequestContext = {
  'aws:PrincipalTag/team': 'payments',
  'aws:username': 'alice',
  'aws:TagKeys': ['team', 'env'],
  'aws:PrincipalTag/empty': '',
  'aws:SourceVpce': { unknown: 'VPC endpoint not in the templates' },
  's3:x-amz-acl': { unknown: 'request profile', mayBeAbsent: true },
  'aws:PrincipalTag/wild': 'a*b?',
};

describe('substituteVariables', () => {
  test.each([
    { rule: '${key} is replaced by the value of a single-valued key', text: 'home/${aws:username}/*', expected: { value: 'home/alice/*' } },
    { rule: 'text without variables is returned as it is', text: 'arn:aws:s3:::bucket/*', expected: { value: 'arn:aws:s3:::bucket/*' } },
    { rule: 'keys are case-insensitive ("aws:CurrentTime" is "AWS:currenttime")', text: '${AWS:PRINCIPALTAG/TEAM}', expected: { value: 'payments' } },
    { rule: 'several variables in one string', text: '${aws:username}-${aws:PrincipalTag/team}', expected: { value: 'alice-payments' } },
    { rule: 'default value: used when the key is absent', text: "${aws:PrincipalTag/cost, 'company-wide'}", expected: { value: 'company-wide' } },
    { rule: 'default value: ignored when the key is present', text: "${aws:PrincipalTag/team, 'company-wide'}", expected: { value: 'payments' } },
    { rule: 'default value: may be empty', text: "x${aws:PrincipalTag/cost, ''}y", expected: { value: 'xy' } },
    { rule: 'default value: may contain a closing brace', text: "${aws:PrincipalTag/cost, 'a}b'}", expected: { value: 'a}b' } },
    { rule: 'an empty value is a value, not an absent key', text: "${aws:PrincipalTag/empty, 'd'}", expected: { value: '' } },
    { rule: 'escape ${$} is a literal $', text: 'a${$}b', expected: { value: 'a$b' } },
    { rule: 'escape ${*} is a literal * (not a wildcard)', text: 'a${*}', expected: { value: `a${LITERAL_STAR}` } },
    { rule: 'escape ${?} is a literal ? (not a wildcard)', text: 'a${?}', expected: { value: `a${LITERAL_QUESTION}` } },
    { rule: 'an unclosed ${ is literal text', text: 'a${aws:username', expected: { value: 'a${aws:username' } },
    { rule: 'a $ without a brace is literal text', text: 'cost$5', expected: { value: 'cost$5' } },
  ])('$rule', ({ text, expected }) => {
    expect(substituteVariables(text, context, V2012)).toEqual(expected);
  });

  test('Version 2008-10-17 has no variables: ${...} stays literal text', () => {
    expect(substituteVariables('home/${aws:username}/*', context, '2008-10-17')).toEqual({ value: 'home/${aws:username}/*' });
    // The same text under 2012-10-17 is substituted: the version is what decides.
    expect(substituteVariables('home/${aws:username}/*', context, V2012)).toEqual({ value: 'home/alice/*' });
  });

  test('no value: a key absent from the request and no default', () => {
    const result = substituteVariables('home/${aws:PrincipalTag/cost}/*', context, V2012);
    expect(result).toHaveProperty('noValue');
    expect((result as { noValue: string }).noValue).toContain('aws:PrincipalTag/cost');
  });

  test('no value: a multivalued key cannot be a variable', () => {
    const result = substituteVariables('${aws:TagKeys}', context, V2012);
    expect(result).toHaveProperty('noValue');
    expect((result as { noValue: string }).noValue).toMatch(/multivalued/);
  });

  test('a multivalued key with a default takes the default, as an absent key would', () => {
    expect(substituteVariables("${aws:TagKeys, 'none'}", context, V2012)).toEqual({ value: 'none' });
  });

  test('no value wins over an unknown elsewhere in the string', () => {
    expect(substituteVariables('${aws:SourceVpce}/${aws:PrincipalTag/cost}', context, V2012)).toHaveProperty('noValue');
  });

  test('an unknown context value makes the result unknown, with its reason and a symbolic text', () => {
    const result = substituteVariables('vpce/${aws:SourceVpce}', context, V2012);
    expect(result).toEqual({
      unknown: expect.stringContaining('VPC endpoint not in the templates'),
      symbolic: `vpce/${unknownValueAtom('aws:SourceVpce')}`,
    });
  });

  test('an unknown value that may be absent: may have no value', () => {
    const result = substituteVariables('acl-${s3:x-amz-acl}', context, V2012);
    expect(result).toEqual({
      unknown: expect.stringContaining('request profile'),
      symbolic: `acl-${unknownValueAtom('s3:x-amz-acl')}`,
      mayHaveNoValue: true,
    });
  });

  test('an unknown value that may be absent, with a default: no single symbolic text', () => {
    const result = substituteVariables("${s3:x-amz-acl, 'private'}", context, V2012);
    expect(result).toHaveProperty('unknown');
    expect(result).not.toHaveProperty('symbolic');
  });

  test('the symbolic text still proves a mismatch from its literal parts', () => {
    const result = substituteVariables('vpce/${aws:SourceVpce}', context, V2012) as { symbolic: string };
    expect(globMatch(result.symbolic, 'other/x', { wildcards: false })).toBe('false');
    expect(globMatch(result.symbolic, 'vpce/x', { wildcards: false })).toBe('unknown');
  });

  test('the unknown atom of a key is the same whatever the key spelling', () => {
    expect(unknownValueAtom('AWS:SourceVpce')).toBe(unknownValueAtom('aws:sourcevpce'));
    expect(unknownValueAtom('aws:SourceVpce')).not.toBe(unknownValueAtom('aws:SourceVpc'));
  });

  test('a substituted value is data: its * and ? are literal, not wildcards', () => {
    const result = substituteVariables('${aws:PrincipalTag/wild}', context, V2012) as { value: string };
    expect(globMatch(result.value, 'a*b?', { wildcards: true })).toBe('true');
    expect(globMatch(result.value, 'aXXbY', { wildcards: true })).toBe('false');
  });

  test('a context value with atoms is substituted with its atoms', () => {
    const account = atom('opaque', 'AWS::AccountId');
    const result = substituteVariables('arn:aws:iam::${aws:PrincipalAccount}:root', { 'aws:PrincipalAccount': account }, V2012);
    expect(result).toEqual({ value: `arn:aws:iam::${account}:root` });
  });

  test.each([
    { text: '${aws:PrincipalTag/team, default}', why: 'an unquoted default' },
    { text: '${}', why: 'an empty key' },
    { text: "${a'b}", why: 'a quote in the key' },
  ])('a malformed variable ($why) is unknown, never guessed', ({ text }) => {
    const result = substituteVariables(text, context, V2012);
    expect(result).toHaveProperty('unknown');
    expect((result as { unknown: string }).unknown).toMatch(/malformed policy variable/);
  });

  test('a name that only looks like an object property is just an absent key', () => {
    expect(substituteVariables('${toString}', context, V2012)).toHaveProperty('noValue');
    expect(substituteVariables("${constructor, 'd'}", context, V2012)).toEqual({ value: 'd' });
  });
});
