import { matchPrincipal, matchStatementPrincipal } from '../../../src/iam/match/principal';
import { PrincipalSpec, RequestPrincipal } from '../../../src/iam/model';
import { atom } from '../../../src/iam/symbolic';

const A = '111111111111';
const B = '222222222222';
const ROLE = `arn:aws:iam::${A}:role/service-role/FnRole`;
const SESSION = `arn:aws:sts::${A}:assumed-role/FnRole/Fn`;
const lambdaSession: RequestPrincipal = { kind: 'AssumedRole', arn: SESSION, roleArn: ROLE, account: A };
const spec = (p: Partial<PrincipalSpec>): PrincipalSpec => ({ wildcard: false, aws: [], service: [], federated: [], canonicalUser: [], ...p });

// IAM "AWS JSON policy elements: Principal"; the match kinds drive the role-ARN rule
// (IAM "Policy evaluation logic", "Permissions boundaries for IAM entities").
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

// IAM User Guide, "AWS JSON policy elements: NotPrincipal" (Specifying NotPrincipal with Deny, and the examples of
// its 2023 text): AWS may evaluate the account, then the role, then the session (or the account, then the user);
// the caller is exempt only if every level is listed. `result` is whether the statement covers the caller.
describe('matchStatementPrincipal: NotPrincipal with Deny (IAM "NotPrincipal element")', () => {
  const ROOT = `arn:aws:iam::${A}:root`;
  const deny = (...entries: string[]) => matchStatementPrincipal({ effect: 'Deny', notPrincipal: spec({ aws: entries }) }, lambdaSession);
  const user: RequestPrincipal = { kind: 'User', arn: `arn:aws:iam::${A}:user/Bob`, account: A };
  const denyUser = (...entries: string[]) => matchStatementPrincipal({ effect: 'Deny', notPrincipal: spec({ aws: entries }) }, user);

  test('NotPrincipal applies to everyone not listed', () => {
    expect(deny(`arn:aws:iam::${B}:root`)?.result).toBe('true');
  });

  test('the documented assumed-role form [session, role, account] exempts the session; another session of that role is denied', () => {
    expect(deny(SESSION, ROLE, ROOT)).toMatchObject({ result: 'false', match: 'none' });
    // AWS Knowledge Center, "explicit deny with Principal elements instead of NotPrincipal" (S3): "you must list the
    // role session name of every user and every instance ID that will be assuming the role".
    const otherSession: RequestPrincipal = { ...lambdaSession, arn: `arn:aws:sts::${A}:assumed-role/FnRole/Other` };
    const other = matchStatementPrincipal({ effect: 'Deny', notPrincipal: spec({ aws: [SESSION, ROLE, ROOT] }) }, otherSession);
    expect(other?.result).toBe('true');
  });

  test('the account alone does not exempt its principals ("all principals except the user named Bob … are denied")', () => {
    expect(deny(ROOT)).toMatchObject({ result: 'true', match: 'wildcard' });
    expect(deny(A)?.result).toBe('true');
    // Another role and the account (the failing realistic case): the Deny covers the caller.
    expect(deny(`arn:aws:iam::${A}:role/Other`, ROOT)?.result).toBe('true');
    // The same with the caller's own session and role added: exempt.
    expect(deny(`arn:aws:iam::${A}:role/Other`, ROOT, ROLE, SESSION)?.result).toBe('false');
  });

  test('Bob\'s user ARN and account: Bob is exempt, another user of the account is not', () => {
    expect(denyUser(user.arn, ROOT)?.result).toBe('false');
    expect(denyUser(`arn:aws:iam::${A}:user/Alice`, ROOT)?.result).toBe('true');
  });

  test('the role and the account but no session of the role: the Deny covers the session (the session ARN must be listed)', () => {
    expect(deny(ROLE, ROOT)).toMatchObject({ result: 'true', match: 'wildcard' });
    // Add the session: exempt.
    expect(deny(ROLE, ROOT, SESSION)?.result).toBe('false');
    // A session entry whose name may or may not be the caller's (not knowable at synth) keeps it open.
    const unknowable = `arn:aws:sts::${A}:assumed-role/FnRole/${atom('opaque', 'session name')}`;
    expect(deny(ROLE, ROOT, unknowable)?.result).toBe('unknown');
  });

  test('the session and the account but not the role: unknown ("missing the ARN of the role … might … deny")', () => {
    expect(deny(SESSION, ROOT)?.result).toBe('unknown');
    expect(deny(SESSION, ROOT, ROLE)?.result).toBe('false');
  });

  test('the session without the account: unknown ("might deny access to the entire account"); the role alone: denied', () => {
    for (const entries of [[SESSION], [ROLE, SESSION]]) expect(deny(...entries)?.result).toBe('unknown');
    expect(deny(ROLE)?.result).toBe('true');
    expect(denyUser(user.arn)?.result).toBe('unknown');
    // The account of another principal does not complete the list.
    expect(deny(ROLE, SESSION, `arn:aws:iam::${B}:root`)?.result).toBe('unknown');
    expect(deny(ROLE, SESSION, A)?.result).toBe('false');
  });

  test('"*" names every level: nobody is covered', () => {
    expect(matchStatementPrincipal({ effect: 'Deny', notPrincipal: spec({ wildcard: true }) }, lambdaSession)?.result).toBe('false');
    expect(matchStatementPrincipal({ effect: 'Deny', notPrincipal: spec({ wildcard: true }) }, { kind: 'Anonymous', arn: '', account: '' })?.result).toBe('false');
    expect(matchStatementPrincipal({ effect: 'Deny', notPrincipal: spec({ aws: [ROOT] }) }, { kind: 'Anonymous', arn: '', account: '' })?.result).toBe('true');
  });

  test('single-level callers: the account root user by its account, a service by its name', () => {
    const root: RequestPrincipal = { kind: 'Root', arn: ROOT, account: A };
    expect(matchStatementPrincipal({ effect: 'Deny', notPrincipal: spec({ aws: [A] }) }, root)?.result).toBe('false');
    expect(matchStatementPrincipal({ effect: 'Deny', notPrincipal: spec({ aws: [B] }) }, root)?.result).toBe('true');
    const service: RequestPrincipal = { kind: 'Service', arn: '', account: '', service: 'lambda.amazonaws.com' };
    expect(matchStatementPrincipal({ effect: 'Deny', notPrincipal: spec({ service: ['lambda.amazonaws.com'] }) }, service)?.result).toBe('false');
    expect(matchStatementPrincipal({ effect: 'Deny', notPrincipal: spec({ service: ['s3.amazonaws.com'] }) }, service)?.result).toBe('true');
  });

  test('an entry we cannot read keeps the answer open, without claiming the level rule as the reason', () => {
    const unreadable = deny('AROAEXAMPLEUNIQUEID', ROLE, ROOT);
    expect(unreadable?.result).toBe('unknown');
    expect(unreadable?.reason).toBeUndefined();
    // An opaque account parameter: the account level may or may not be named.
    expect(deny(SESSION, ROLE, atom('opaque', 'TrustedAccount'))?.result).toBe('unknown');
    expect(deny(SESSION, ROLE, atom('opaque', 'TrustedAccount'), ROOT)?.result).toBe('false');
  });
});

describe('matchStatementPrincipal: NotPrincipal with Allow (not supported by AWS, no example)', () => {
  const allow = (...entries: string[]) => matchStatementPrincipal({ effect: 'Allow', notPrincipal: spec({ aws: entries }) }, lambdaSession);
  test('decided only when no level or every level is listed', () => {
    expect(allow(`arn:aws:iam::${B}:root`)?.result).toBe('true');
    expect(allow(SESSION, ROLE, `arn:aws:iam::${A}:root`)?.result).toBe('false');
    expect(allow(`arn:aws:iam::${A}:root`)?.result).toBe('unknown');
    expect(allow(ROLE)?.result).toBe('unknown');
  });
});

describe('matchStatementPrincipal without Principal or NotPrincipal', () => {
  test('undefined (the evaluator decides what that means for the layer)', () => {
    expect(matchStatementPrincipal({ effect: 'Deny' }, lambdaSession)).toBeUndefined();
  });
});
