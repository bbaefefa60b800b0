import { matchPrincipal, matchStatementPrincipal } from '../../../src/iam/match/principal';
import { PrincipalSpec, RequestPrincipal } from '../../../src/iam/model';
import { atom } from '../../../src/iam/symbolic';

const A = '111111111111';
const B = '222222222222';
const ROLE = `arn:aws:iam::${A}:role/service-role/FnRole`;
const SESSION = `arn:aws:sts::${A}:assumed-role/FnRole/Fn`;
const lambdaSession: RequestPrincipal = { kind: 'AssumedRole', arn: SESSION, roleArn: ROLE, account: A };
const spec = (p: Partial<PrincipalSpec>): PrincipalSpec => ({ wildcard: false, aws: [], service: [], federated: [], canonicalUser: [], ...p });

// IAM "AWS JSON policy elements: Principal"; the match kinds drive the §1.4 role-ARN rule.
describe('matchPrincipal', () => {
  test('"*" names everyone, anonymous included', () => {
    expect(matchPrincipal(spec({ wildcard: true }), lambdaSession)).toMatchObject({ result: 'true', match: 'wildcard' });
    expect(matchPrincipal(spec({ wildcard: true }), { kind: 'Anonymous', arn: '', account: '' }).result).toBe('true');
    expect(matchPrincipal(spec({ aws: [ROLE] }), { kind: 'Anonymous', arn: '', account: '' }).result).toBe('false');
  });

  test('an account ID and arn:aws:iam::A:root both name the account (delegation)', () => {
    expect(matchPrincipal(spec({ aws: [A] }), lambdaSession)).toMatchObject({ result: 'true', match: 'account' });
    expect(matchPrincipal(spec({ aws: [`arn:aws:iam::${A}:root`] }), lambdaSession)).toMatchObject({ result: 'true', match: 'account' });
    expect(matchPrincipal(spec({ aws: [B, `arn:aws:iam::${B}:root`] }), lambdaSession)).toMatchObject({ result: 'false', match: 'none' });
  });

  test('the role ARN names the role\'s sessions as "role"', () => {
    expect(matchPrincipal(spec({ aws: [ROLE] }), lambdaSession)).toMatchObject({ result: 'true', match: 'role' });
    expect(matchPrincipal(spec({ aws: [`arn:aws:iam::${A}:role/Other`] }), lambdaSession).result).toBe('false');
  });

  test('the session ARN names the session itself as "session"', () => {
    expect(matchPrincipal(spec({ aws: [SESSION] }), lambdaSession)).toMatchObject({ result: 'true', match: 'session' });
    expect(matchPrincipal(spec({ aws: [`arn:aws:sts::${A}:assumed-role/FnRole/Other`] }), lambdaSession).result).toBe('false');
  });

  test('a user ARN names that user as "session"; a role ARN does not name a user', () => {
    const user: RequestPrincipal = { kind: 'User', arn: `arn:aws:iam::${A}:user/u`, account: A };
    expect(matchPrincipal(spec({ aws: [`arn:aws:iam::${A}:user/u`] }), user)).toMatchObject({ result: 'true', match: 'session' });
    expect(matchPrincipal(spec({ aws: [ROLE] }), user).result).toBe('false');
  });

  test('no partial wildcards: "arn:aws:iam::A:role/*" names nobody', () => {
    expect(matchPrincipal(spec({ aws: [`arn:aws:iam::${A}:role/*`] }), lambdaSession).result).toBe('false');
    expect(matchPrincipal(spec({ aws: [`arn:aws:sts::${A}:assumed-role/FnRole/*`] }), lambdaSession).result).toBe('false');
  });

  test('service principals match a service caller only', () => {
    const service: RequestPrincipal = { kind: 'Service', arn: '', account: '', service: 'lambda.amazonaws.com' };
    expect(matchPrincipal(spec({ service: ['lambda.amazonaws.com'] }), service)).toMatchObject({ result: 'true', match: 'service' });
    expect(matchPrincipal(spec({ service: ['s3.amazonaws.com'] }), service).result).toBe('false');
    expect(matchPrincipal(spec({ service: ['lambda.amazonaws.com'] }), lambdaSession).result).toBe('false');
    // A service principal is in no account: naming an account does not name it.
    expect(matchPrincipal(spec({ aws: [A, `arn:aws:iam::${A}:root`] }), { ...service, account: A }).result).toBe('false');
  });

  test('canonical users: compared when the caller knows its canonical ID, unknown otherwise', () => {
    expect(matchPrincipal(spec({ canonicalUser: ['abc'] }), { ...lambdaSession, canonicalUserId: 'abc' }).result).toBe('true');
    expect(matchPrincipal(spec({ canonicalUser: ['abc'] }), { ...lambdaSession, canonicalUserId: 'xyz' }).result).toBe('false');
    expect(matchPrincipal(spec({ canonicalUser: ['abc'] }), lambdaSession).result).toBe('unknown');
  });

  test('several entries: each kind is kept apart, the strongest certain one is reported', () => {
    const both = matchPrincipal(spec({ aws: [ROLE, SESSION, A] }), lambdaSession);
    expect(both.match).toBe('session');
    expect(both.byKind).toMatchObject({ session: 'true', role: 'true', account: 'true', wildcard: 'false' });
  });

  test('atoms: the same account atom names the account; an opaque one may or may not', () => {
    const acct = atom('opaque', 'AWS::AccountId');
    const principal: RequestPrincipal = { kind: 'AssumedRole', arn: `arn:aws:sts::${acct}:assumed-role/FnRole/Fn`, roleArn: `arn:aws:iam::${acct}:role/FnRole`, account: acct };
    expect(matchPrincipal(spec({ aws: [`arn:aws:iam::${acct}:root`] }), principal)).toMatchObject({ result: 'true', match: 'account' });
    expect(matchPrincipal(spec({ aws: [acct] }), principal)).toMatchObject({ result: 'true', match: 'account' });
    expect(matchPrincipal(spec({ aws: [atom('opaque', 'OtherAccountParam')] }), principal).result).toBe('unknown');
    expect(matchPrincipal(spec({ aws: [`arn:aws:iam::${B}:root`] }), principal).result).toBe('unknown');
  });

  test('a generated role name matches its own role ARN and not a hand-written one', () => {
    const roleName = atom('generated', 'Stack/FnRole.Name');
    const principal: RequestPrincipal = { kind: 'AssumedRole', arn: `arn:aws:sts::${A}:assumed-role/${roleName}/Fn`, roleArn: `arn:aws:iam::${A}:role/${roleName}`, account: A };
    expect(matchPrincipal(spec({ aws: [`arn:aws:iam::${A}:role/${roleName}`] }), principal).result).toBe('true');
    expect(matchPrincipal(spec({ aws: [`arn:aws:iam::${A}:role/FnRole`] }), principal).result).toBe('false');
  });
});

describe('matchStatementPrincipal: NotPrincipal (IAM "NotPrincipal element")', () => {
  test('NotPrincipal applies to everyone not listed', () => {
    expect(matchStatementPrincipal({ notPrincipal: spec({ aws: [`arn:aws:iam::${B}:root`] }) }, lambdaSession)?.result).toBe('true');
  });
  test('listing the role, the session or the account excludes the caller', () => {
    for (const entry of [ROLE, SESSION, `arn:aws:iam::${A}:root`]) {
      expect(matchStatementPrincipal({ notPrincipal: spec({ aws: [entry] }) }, lambdaSession)?.result).toBe('false');
    }
  });
  test('no Principal element: undefined (the evaluator decides what that means for the layer)', () => {
    expect(matchStatementPrincipal({}, lambdaSession)).toBeUndefined();
  });
});
