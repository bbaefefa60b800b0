import { matchAction, matchStatementAction } from '../../../src/iam/match/action';
import { atom } from '../../../src/iam/symbolic';

// IAM "Action element": service prefix and action name are case-insensitive; * and ? are wildcards.
describe('matchAction', () => {
  test('exact action, any case', () => {
    expect(matchAction('s3:PutObject', 's3:PutObject')).toBe('true');
    expect(matchAction('S3:putobject', 's3:PutObject')).toBe('true');
    expect(matchAction('s3:GetObject', 's3:PutObject')).toBe('false');
    expect(matchAction('s3express:PutObject', 's3:PutObject')).toBe('false');
  });
  test('* alone and service:* cover every action of their scope', () => {
    expect(matchAction('*', 's3:PutObject')).toBe('true');
    expect(matchAction('s3:*', 's3:PutObject')).toBe('true');
    expect(matchAction('kms:*', 's3:PutObject')).toBe('false');
  });
  test('s3:PutObject* covers PutObject and PutObjectAcl, not GetObject', () => {
    expect(matchAction('s3:PutObject*', 's3:PutObject')).toBe('true');
    expect(matchAction('s3:PutObject*', 's3:PutObjectAcl')).toBe('true');
    expect(matchAction('s3:Put*Acl', 's3:PutObject')).toBe('false');
  });
  test('? matches exactly one character', () => {
    expect(matchAction('s3:PutObjec?', 's3:PutObject')).toBe('true');
    expect(matchAction('s3:PutObjec?', 's3:PutObjects')).toBe('false');
  });
  test('an action that is an unresolved value is unknown, unless a wildcard covers everything', () => {
    expect(matchAction(atom('opaque', 'Param'), 's3:PutObject')).toBe('unknown');
    expect(matchAction('*', 's3:PutObject')).toBe('true');
  });
});

describe('matchStatementAction (IAM "NotAction element")', () => {
  test('Action: any entry covers the request', () => {
    expect(matchStatementAction({ action: ['s3:GetObject', 's3:Put*'] }, 's3:PutObject')).toBe('true');
    expect(matchStatementAction({ action: ['s3:GetObject'] }, 's3:PutObject')).toBe('false');
  });
  test('NotAction: every action except the listed ones, in every service', () => {
    expect(matchStatementAction({ notAction: ['iam:*'] }, 's3:PutObject')).toBe('true');
    expect(matchStatementAction({ notAction: ['s3:*'] }, 's3:PutObject')).toBe('false');
  });
});
