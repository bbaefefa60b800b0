import { Effect, PrincipalMatch, PrincipalSpec, RequestPrincipal } from '../model';
import { ARN_COMPONENTS, splitArn } from '../policy/arn';
import { parseSymbolic } from '../symbolic';
import { and, FALSE, not, or, TRUE, Tri, UNKNOWN } from '../tri';
import { globMatch } from './glob';

/**
 * The ways a Principal element can name a request principal, strongest grant first (the role-ARN rule: IAM User Guide,
 * "Policy evaluation logic" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html);
 * "Permissions boundaries for IAM entities" (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html)).
 */
export type GrantKind = Exclude<PrincipalMatch, 'none'>;
/** Every kind of match, strongest grant first. */
export const GRANT_KINDS: readonly GrantKind[] = ['wildcard', 'session', 'service', 'role', 'account'];

/** Whether any entry names the principal, in any way, is unknown (an unreadable statement or policy). */
export const ANY_KIND_UNKNOWN: Readonly<Record<GrantKind, Tri>> = {
  wildcard: UNKNOWN, session: UNKNOWN, service: UNKNOWN, role: UNKNOWN, account: UNKNOWN,
};

/** No entry names the principal in any way. */
export const NO_KIND: Readonly<Record<GrantKind, Tri>> = { wildcard: FALSE, session: FALSE, service: FALSE, role: FALSE, account: FALSE };

export interface PrincipalMatchResult {
  /** Does any entry name the principal? */
  readonly result: Tri;
  /** The strongest kind of match that is certain, else the strongest that is possible, else 'none'. */
  readonly match: PrincipalMatch;
  /**
   * For each kind, whether some entry of that kind names the principal. The evaluator needs them apart: a
   * session-ARN entry grants directly while a role-ARN entry of the same statement is still limited by the
   * permissions boundary.
   */
  readonly byKind: Readonly<Record<GrantKind, Tri>>;
  /** Why the match is unknown, where a rule (not an unreadable value) leaves it open. */
  readonly reason?: string;
}

/** Principal entries are compared literally: "You cannot use a wildcard to match part of a principal name or ARN". */
function same(policyValue: string, requestValue: string | undefined): Tri {
  if (requestValue === undefined || requestValue === '') return FALSE;
  return globMatch(policyValue, requestValue, { wildcards: false });
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * Does a Principal element name the request principal, and how (IAM "AWS JSON policy elements: Principal")?
 * - `"*"` / `{"AWS": "*"}` name everyone ('wildcard').
 * - An account ID or `arn:aws:iam::A:root` names the account: it delegates to the account's own policies ('account').
 * - A role ARN names every session of the role ('role'); a session, user or federated-user ARN names that
 *   principal itself ('session').
 * - Service principals match a service caller ('service'); canonical user IDs identify an account ('account').
 */
export function matchPrincipal(spec: PrincipalSpec, principal: RequestPrincipal): PrincipalMatchResult {
  const found: Record<GrantKind, Tri> = { ...NO_KIND };
  const add = (kind: GrantKind, value: Tri) => { found[kind] = or(found[kind], value); };

  if (spec.wildcard) add('wildcard', TRUE);
  for (const entry of spec.aws) matchAwsEntry(entry, principal, add);
  for (const service of spec.service) {
    add('service', principal.kind === 'Service' ? same(service, principal.service) : FALSE);
  }
  for (const canonical of spec.canonicalUser) {
    if (principal.kind === 'Anonymous') continue;
    add('account', principal.canonicalUserId === undefined ? UNKNOWN : same(canonical, principal.canonicalUserId));
  }
  // Federated principals name identity providers; they appear in role trust policies, never as the caller of
  // a data-plane request, so they name none of the principals this evaluator is asked about.

  return { result: or(...GRANT_KINDS.map((k) => found[k])), match: strongest(found), byKind: found };
}

function matchAwsEntry(entry: string, principal: RequestPrincipal, add: (kind: GrantKind, value: Tri) => void): void {
  // Anonymous callers and service principals belong to no account: only "*" or a Service entry names them.
  if (principal.kind === 'Anonymous' || principal.kind === 'Service') return;
  const parts = splitArn(entry);
  if (parts.length === ARN_COMPONENTS && parts[0] === 'arn') {
    const [, , service, , account, resource] = parts;
    if (service === 'iam' && resource === 'root') {
      add('account', same(account, principal.account));
    } else if (service === 'iam' && resource.startsWith('role/')) {
      if (principal.kind !== 'AssumedRole') add('role', FALSE);
      else add('role', principal.roleArn === undefined ? UNKNOWN : same(entry, principal.roleArn));
    } else {
      add('session', same(entry, principal.arn));
    }
    return;
  }
  if (ACCOUNT_ID.test(entry)) {
    add('account', same(entry, principal.account));
    return;
  }
  if (isOnlyAtoms(entry)) {
    // A value the templates do not fix (a parameter, `Ref: AWS::AccountId`): an account ID or a whole ARN.
    const asAccount = same(entry, principal.account);
    add('account', asAccount);
    if (asAccount === TRUE) return;
    if (principal.roleArn !== undefined) add('role', same(entry, principal.roleArn));
    add('session', same(entry, principal.arn));
    return;
  }
  // Neither an ARN nor an account ID, e.g. a unique ID (AROA…) IAM shows once a named role was deleted. It may
  // or may not be this principal; we cannot tell from the text.
  add('session', UNKNOWN);
}

function isOnlyAtoms(value: string): boolean {
  const parts = parseSymbolic(value);
  return parts.length > 0 && parts.every((p) => 'atom' in p);
}

function strongest(found: Record<GrantKind, Tri>): PrincipalMatch {
  return GRANT_KINDS.find((k) => found[k] === TRUE) ?? GRANT_KINDS.find((k) => found[k] === UNKNOWN) ?? 'none';
}

/**
 * The principal part of a statement. Principal: some entry names the principal. NotPrincipal: the statement
 * covers the caller unless the caller is exempt (see `notPrincipalExempts`).
 */
export function matchStatementPrincipal(
  statement: { readonly effect: Effect; readonly principal?: PrincipalSpec; readonly notPrincipal?: PrincipalSpec },
  principal: RequestPrincipal,
): PrincipalMatchResult | undefined {
  if (statement.principal) return matchPrincipal(statement.principal, principal);
  if (statement.notPrincipal) {
    const { exempt, reason } = notPrincipalExempts(statement.notPrincipal, statement.effect, principal);
    const result = not(exempt);
    // Everyone but the listed principals: for the caller that is a grant to all, like "*".
    return {
      result,
      match: result === FALSE ? 'none' : 'wildcard',
      byKind: { ...NO_KIND, wildcard: result },
      ...(reason !== undefined ? { reason } : {}),
    };
  }
  return undefined;
}

const NOT_PRINCIPAL_OPEN = 'NotPrincipal names this principal at some but not every level AWS may evaluate (account, role, '
  + 'session or user); the IAM User Guide says such a policy "might" still deny it';

/**
 * The levels at which AWS may evaluate a caller against NotPrincipal, widest first, and which of them name the
 * caller itself rather than its account. IAM User Guide, "NotPrincipal" (Specifying NotPrincipal with Deny):
 * "AWS might validate the account first and then the user. If an assumed-role user … is being evaluated, AWS
 * might validate the account first, then the role, and then the assumed-role user."
 */
function levelsOf(principal: RequestPrincipal): { readonly all: readonly GrantKind[]; readonly own: readonly GrantKind[] } {
  switch (principal.kind) {
    case 'AssumedRole': return { all: ['account', 'role', 'session'], own: ['role', 'session'] };
    case 'User': return { all: ['account', 'session'], own: ['session'] };
    case 'Root': return { all: ['account'], own: ['account'] };
    case 'Service': return { all: ['service'], own: ['service'] };
    // Only "*" names an anonymous caller.
    case 'Anonymous': return { all: ['wildcard'], own: ['wildcard'] };
  }
}

/**
 * Is the caller exempt from a NotPrincipal statement? Only if the element names it at every level AWS may
 * evaluate. IAM User Guide, "AWS JSON policy elements: NotPrincipal"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html, key points, and
 * the examples of its 2023 text, awsdocs/iam-user-guide doc_source/reference_policies_elements_notprincipal.md):
 * - every level named (the examples: Bob's user ARN with the account ARN; the assumed-role session with its role
 *   and the account): exempt;
 * - only the account named: not exempt. The example lists `…:user/Bob` and `…:root` and says "all principals
 *   except the user named Bob … are explicitly denied": naming the account does not exempt its other principals;
 * - with Deny, a role session whose session ARN no entry can match (the role and the account listed, no
 *   `assumed-role/<role>/<session>` entry): not exempt. The session ARN must be listed for the session to escape
 *   the Deny: AWS Knowledge Center, "How can I use wildcards with explicit deny with Principal elements instead of
 *   NotPrincipal elements in an Amazon S3 bucket policy?"
 *   (https://aws.amazon.com/premiumsupport/knowledge-center/explicit-deny-principal-elements-s3/: "you must list
 *   the role session name of every user and every instance ID that will be assuming the role"), and the
 *   assumed-role example of the NotPrincipal page, which lists the session with its role and account;
 * - the caller's role, session or user named but another level missing (the session without the role or the
 *   account, the user without the account): "If the NotPrincipal element was missing the ARN of the role, the
 *   effect of the policy might be to explicitly deny access to the role", and the same for the account: 'unknown'.
 *   So is an entry that may or may not be the session (a session whose name is not knowable at synth).
 * With Allow (which AWS does not support with NotPrincipal) no example exists: only "every level named" and
 * "no level named" are decided.
 */
function notPrincipalExempts(spec: PrincipalSpec, effect: Effect, principal: RequestPrincipal): { exempt: Tri; reason?: string } {
  const { byKind } = matchPrincipal(spec, principal);
  const levels = levelsOf(principal);
  const namedAt = (kind: GrantKind) => or(byKind.wildcard, byKind[kind]);
  const named = levels.all.map(namedAt);
  if (and(...named) === TRUE) return { exempt: TRUE };
  const decisive = effect === 'Deny' ? levels.own : levels.all;
  if (or(...decisive.map(namedAt)) === FALSE) return { exempt: FALSE };
  if (effect === 'Deny' && principal.kind === 'AssumedRole' && namedAt('session') === FALSE) return { exempt: FALSE };
  // Open because of the rule, not because an entry is unreadable: say so in the report.
  return named.includes(UNKNOWN) ? { exempt: UNKNOWN } : { exempt: UNKNOWN, reason: NOT_PRINCIPAL_OPEN };
}

/** The answer for a statement that names everyone (`"*"`, or a layer where statements need not name anyone). */
export const NAMES_EVERYONE: PrincipalMatchResult = { result: TRUE, match: 'wildcard', byKind: { ...NO_KIND, wildcard: TRUE } };
