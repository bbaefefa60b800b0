import { matchResource, matchStatementResource } from '../../../src/iam/match/resource';
import { atom } from '../../../src/iam/symbolic';

const V2012 = '2012-10-17' as const;
const object = 'arn:aws:s3:::amzn-s3-demo-bucket/incoming/2024/a.json';

// IAM "Resource element".
describe('matchResource', () => {
  test('* alone covers every resource', () => {
    expect(matchResource('*', object, {}, V2012)).toBe('true');
  });
  test('* in the resource part runs across "/" (arn:aws:s3:::bucket/*test* covers bucket/1/2/test/3/object.jpg)', () => {
    expect(matchResource('arn:aws:s3:::bucket/*test*', 'arn:aws:s3:::bucket/1/2/test/3/object.jpg', {}, V2012)).toBe('true');
    expect(matchResource('arn:aws:s3:::amzn-s3-demo-bucket/*', object, {}, V2012)).toBe('true');
    expect(matchResource('arn:aws:s3:::amzn-s3-demo-bucket/outgoing/*', object, {}, V2012)).toBe('false');
  });
  // S3 "Policy resources for Amazon S3": an object's ARN is arn:aws:s3:::bucket/key
  // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/security_iam_service-with-iam.html#security_iam_service-with-iam-id-based-policies-resources).
  test('a bucket ARN without /* does not cover its objects (S3 object ARNs are bucket/key)', () => {
    expect(matchResource('arn:aws:s3:::amzn-s3-demo-bucket', object, {}, V2012)).toBe('false');
  });
  test('matching is case-sensitive', () => {
    expect(matchResource('arn:aws:s3:::amzn-s3-demo-bucket/Incoming/*', object, {}, V2012)).toBe('false');
    expect(matchResource('arn:aws:s3:::amzn-s3-demo-bucket/incoming/*', object, {}, V2012)).toBe('true');
  });
  test('a wildcard does not span the colon between two components (IAM "ARN condition operators")', () => {
    expect(matchResource('arn:*:s3:::amzn-s3-demo-bucket/*', object, {}, V2012)).toBe('true');
    expect(matchResource('arn:aws:s3:*:*:amzn-s3-demo-bucket/*', object, {}, V2012)).toBe('true');
    // As one string, "*" could swallow "s3:us-east-1"; component by component the empty region does not match.
    expect(matchResource('arn:aws:*:::b/*', 'arn:aws:s3:us-east-1:::b/k', {}, V2012)).toBe('false');
    expect(matchResource('arn:aws:*:*::b/*', 'arn:aws:s3:us-east-1::b/k', {}, V2012)).toBe('true');
  });
  test('policy variables are substituted in the resource part (IAM "Variables and tags")', () => {
    const ctx = { 'aws:PrincipalTag/team': 'incoming' };
    expect(matchResource('arn:aws:s3:::amzn-s3-demo-bucket/${aws:PrincipalTag/team}/*', object, ctx, V2012)).toBe('true');
    expect(matchResource('arn:aws:s3:::amzn-s3-demo-bucket/${aws:PrincipalTag/team}/*', object, { 'aws:PrincipalTag/team': 'other' }, V2012)).toBe('false');
  });
  test('a variable with no value makes the entry match nothing', () => {
    expect(matchResource('arn:aws:s3:::amzn-s3-demo-bucket/${aws:PrincipalTag/team}*', object, {}, V2012)).toBe('false');
  });
  test('without Version 2012-10-17 a variable is literal text', () => {
    const ctx = { 'aws:PrincipalTag/team': 'incoming' };
    expect(matchResource('arn:aws:s3:::amzn-s3-demo-bucket/${aws:PrincipalTag/team}/*', object, ctx, '2008-10-17')).toBe('false');
  });
  test('a variable whose value is unknown: unknown, unless no value could match', () => {
    const ctx = { 'aws:PrincipalTag/team': { unknown: 'tag value is a parameter' } };
    expect(matchResource('arn:aws:s3:::amzn-s3-demo-bucket/${aws:PrincipalTag/team}/*', object, ctx, V2012)).toBe('unknown');
    expect(matchResource('arn:aws:s3:::other-bucket/${aws:PrincipalTag/team}/*', object, ctx, V2012)).toBe('false');
  });
  test('atoms: the same generated bucket matches itself, a different literal bucket does not', () => {
    const bucket = atom('generated', 'Stack/Bucket.Name');
    const arn = `arn:aws:s3:::${bucket}/incoming/a.json`;
    expect(matchResource(`arn:aws:s3:::${bucket}/*`, arn, {}, V2012)).toBe('true');
    expect(matchResource('arn:aws:s3:::amzn-s3-demo-bucket/*', arn, {}, V2012)).toBe('false');
  });
  test('a resource that is wholly unresolved is unknown against a specific entry', () => {
    expect(matchResource('arn:aws:s3:::amzn-s3-demo-bucket/*', atom('opaque', 'ImportedArn'), {}, V2012)).toBe('unknown');
  });
});

describe('matchStatementResource (IAM "NotResource element")', () => {
  test('NotResource covers every resource except the listed ones', () => {
    expect(matchStatementResource({ notResource: ['arn:aws:s3:::other/*'] }, object, {}, V2012).result).toBe('true');
    expect(matchStatementResource({ notResource: ['arn:aws:s3:::amzn-s3-demo-bucket/*'] }, object, {}, V2012).result).toBe('false');
  });
  test('a NotResource entry whose variable has no value is unknown ("might cause the entire statement to be invalid")', () => {
    const entry = { notResource: ['arn:aws:s3:::amzn-s3-demo-bucket/${aws:PrincipalTag/team}/*'] };
    expect(matchStatementResource(entry, object, {}, V2012)).toEqual({ result: 'unknown', reason: expect.stringContaining('policy variable with no value') });
    expect(matchStatementResource(entry, object, { 'aws:PrincipalTag/team': 'incoming' }, V2012).result).toBe('false');
    expect(matchStatementResource(entry, object, { 'aws:PrincipalTag/team': 'other' }, V2012).result).toBe('true');
  });
  test('Resource: any entry', () => {
    expect(matchStatementResource({ resource: ['arn:aws:s3:::x/*', 'arn:aws:s3:::amzn-s3-demo-bucket/*'] }, object, {}, V2012).result).toBe('true');
  });
});
