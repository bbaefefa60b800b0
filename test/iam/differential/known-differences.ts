import { DiffCase, PolicyDocument } from './case';
import { simulate, SimulatorAnswer } from './to-simulate';
import { Outcome } from '../../../src/iam/model';
import { mapConditionClauses, mapDocuments, mapStatements } from '../support/case-edits';

/**
 * Documented disagreements between iam-simulate and our evaluator (test/iam/KNOWN-DIFFERENCES.md).
 *
 * Each class rewrites a case into one (or, where AWS leaves the behaviour open, several) on which the
 * simulator's semantics coincide with what the AWS documentation says: a value the simulator misreads is
 * replaced by one it reads as documented, a statement the documentation treats differently is reshaped. The
 * documented answer is the simulator's answer on the rewritten case(s); when the readings the documentation
 * allows give different answers, the documented answer is 'unknown'. The differential test asserts our answer is
 * the documented one. A rewrite that does not apply returns undefined.
 */
export interface KnownDifference {
  readonly id: string;
  readonly summary: string;
  /** The AWS documentation that settles it. */
  readonly source: string;
  /**
   * AWS does not document the behaviour: 'unknown' is then always an acceptable answer (an undocumented behaviour is
   * never guessed), besides the answer every reading agrees on, if any.
   */
  readonly undocumented?: boolean;
  rewrite(c: DiffCase, context: EffectiveContext): Promise<DiffCase[] | undefined> | DiffCase[] | undefined;
}

/** The context both evaluators saw: the case's, minus the keys the simulator drops for the action. */
export class EffectiveContext {
  private readonly values = new Map<string, string | string[]>();
  constructor(c: DiffCase, ignored: readonly string[]) {
    for (const [k, v] of Object.entries(c.context)) if (!ignored.includes(k)) this.values.set(k.toLowerCase(), v);
  }
  get(key: string): string | string[] | undefined {
    return this.values.get(key.toLowerCase());
  }
}

/** Policy variables in a string, escapes (`${*}`, `${?}`, `${$}`) excluded. */
const VARIABLE = /\$\{([^}]*)\}/g;
const ESCAPES = new Set(['*', '?', '$']);
/** A literal no request value equals or is like: stands for "a variable with no value". */
const NO_VALUE = 'no-value-sentinel';
/** The same for ARN operators, which compare ARNs part by part. */
const NO_VALUE_ARN = 'arn:aws:iam::000000000000:no-value-sentinel';
const isArnOperator = (operator: string) => /Arn/.test(operator);
const sentinelFor = (operator: string) => (isArnOperator(operator) ? NO_VALUE_ARN : NO_VALUE);

function variableKey(body: string): { key: string; hasDefault: boolean } {
  const comma = body.indexOf(',');
  return comma < 0 ? { key: body.trim(), hasDefault: false } : { key: body.slice(0, comma).trim(), hasDefault: true };
}

/** Replace each variable for which `replace` returns a string; others stay as written. */
function replaceVariables(text: string, replace: (key: string, hasDefault: boolean) => string | undefined): string {
  return text.replace(VARIABLE, (whole, body: string) => {
    if (ESCAPES.has(body)) return whole;
    const { key, hasDefault } = variableKey(body);
    return replace(key, hasDefault) ?? whole;
  });
}

/** `text` with every variable that has no value (absent key, no default) replaced by `replacement`. */
function withNoValueAs(text: string, ctx: EffectiveContext, replacement: string): string {
  return replaceVariables(text, (key, hasDefault) => (hasDefault || ctx.get(key) !== undefined ? undefined : replacement));
}

const mapValues = (values: string | string[], f: (v: string) => string): string | string[] =>
  Array.isArray(values) ? values.map(f) : f(values);

const isOld = (version: unknown) => version !== '2012-10-17';
const changed = (a: DiffCase, b: DiffCase) => JSON.stringify(a) !== JSON.stringify(b);
const onlyIfChanged = (c: DiffCase, r: DiffCase) => (changed(c, r) ? [r] : undefined);

/** 2008-10-17 policies have no variables: `${...}` is literal text. The rewrite escapes it for 2012 semantics. */
const version2008LiteralVariables: KnownDifference = {
  id: 'version-2008-variables-are-literal',
  summary: 'in a policy with Version 2008-10-17 (or none), ${...} is literal text, not a variable',
  source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html (Version 2012-10-17 is required; '
    + 'otherwise variables are treated as literal strings) ; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html',
  rewrite: (c) => onlyIfChanged(c, mapDocuments(c, (doc: PolicyDocument) => {
    if (!isOld(doc.Version) || !JSON.stringify(doc.Statement).includes('${')) return doc;
    const escaped = JSON.parse(JSON.stringify(doc.Statement).split('${').join('${$}{'));
    return { ...doc, Version: '2012-10-17', Statement: escaped };
  })),
};

/** ARN operators take variables; the simulator splits the policy value into ARN parts before substituting. */
const arnOperatorVariables: KnownDifference = {
  id: 'arn-operator-with-variable',
  summary: 'an ARN condition value that is (or contains) a policy variable is compared after substitution',
  source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html (variables in ARN condition operators) ; '
    + 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN',
  rewrite: (c, ctx) => onlyIfChanged(c, mapConditionClauses(c, (operator, _key, values, version) => {
    if (isOld(version) || !/Arn/.test(operator)) return values;
    return mapValues(values, (v) => replaceVariables(v, (k) => {
      const value = ctx.get(k);
      return typeof value === 'string' ? value : undefined;
    }));
  })),
};

/**
 * A condition variable with no value: positive operators do not match, negated ones do ("as the value of the
 * condition key they are testing against is not equal to or like the effectively null value"). The simulator
 * fails negated ones too. Rewrite: the variable becomes a literal no request value is equal to or like.
 */
const noValueVariableInConditions: KnownDifference = {
  id: 'no-value-variable-in-negated-condition',
  summary: 'a condition value whose variable has no value makes negated operators match',
  source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html (variables with no value)',
  rewrite: (c, ctx) => onlyIfChanged(c, mapConditionClauses(c, (operator, _key, values, version) => {
    if (isOld(version)) return values;
    return mapValues(values, (v) => withNoValueAs(v, ctx, sentinelFor(operator)));
  })),
};

/**
 * An ARN operator compares "the six colon-delimited components" of ARNs; what AWS does with a policy value that
 * is not an ARN is undocumented. Two readings: it matches nothing (then negated operators match), or the clause
 * is invalid and fails (the simulator). Where they differ the answer is 'unknown'.
 */
const arnOperatorNonArnValue: KnownDifference = {
  id: 'arn-operator-non-arn-value',
  summary: 'an ARN condition value that is not an ARN: AWS does not document how it compares',
  source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN',
  undocumented: true,
  rewrite: (c) => {
    const notArn = (v: string) => v.split(':').length < 6;
    const matchesNothing = mapConditionClauses(c, (operator, _key, values) =>
      (isArnOperator(operator) ? mapValues(values, (v) => (notArn(v) ? NO_VALUE_ARN : v)) : values));
    return changed(c, matchesNothing) ? [matchesNothing, c] : undefined;
  },
};

/**
 * IpAddress / NotIpAddress: 0.0.0.0/0 contains every IPv4 address, and an address is never inside a range of
 * the other family. The simulator misses both. Rewrite: /0 becomes its two /1 halves; a range of the other
 * family becomes a same-family range that does not contain the request address.
 */
const ipRanges: KnownDifference = {
  id: 'ip-cidr-zero-and-other-family',
  summary: 'IpAddress 0.0.0.0/0 matches every IPv4 address; an IPv4 range never contains an IPv6 address (and back)',
  source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress',
  rewrite: (c, ctx) => onlyIfChanged(c, mapConditionClauses(c, (operator, key, values) => {
    const ip = ctx.get(key);
    if (!/IpAddress/.test(operator) || typeof ip !== 'string') return values;
    const v6 = ip.includes(':');
    return [values].flat().flatMap((v) => {
      if (v === '0.0.0.0/0' && !v6) return ['0.0.0.0/1', '128.0.0.0/1'];
      if (v.includes(':') !== v6) return [v6 ? (ip === 'fe80::' ? 'fe80::1/128' : 'fe80::/128') : (ip === '255.255.255.255' ? '255.255.255.254/32' : '255.255.255.255/32')];
      return [v];
    });
  })),
};

const EPOCH = /^\d{9,11}$/;
const toIso = (v: string) => (EPOCH.test(v) ? new Date(Number(v) * 1000).toISOString().replace('.000Z', 'Z') : v);

/**
 * Date operators take ISO 8601 or epoch seconds, and compare instants. The simulator misorders an epoch policy
 * value against an ISO request value, and an ISO policy value against an epoch request value for DateEquals.
 * Rewrite: every epoch value of a Date comparison (policy side, and request side for keys only Date and Null
 * operators read) becomes the same instant in ISO 8601.
 */
const dateFormats: KnownDifference = {
  id: 'date-epoch-and-iso-mixed',
  summary: 'a Date comparison between an epoch value and an ISO 8601 value compares the instants',
  source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date',
  rewrite: (c) => {
    const readers = new Map<string, boolean>();
    mapConditionClauses(c, (operator, key, values) => {
      const k = key.toLowerCase();
      readers.set(k, (readers.get(k) ?? true) && (/Date/.test(operator) || operator === 'Null'));
      return values;
    });
    const policies = mapConditionClauses(c, (operator, _key, values) => (/Date/.test(operator) ? mapValues(values, toIso) : values));
    const context = Object.fromEntries(Object.entries(policies.context).map(([k, v]) =>
      [k, readers.get(k.toLowerCase()) && typeof v === 'string' ? toIso(v) : v]));
    return onlyIfChanged(c, { ...policies, context });
  },
};

/**
 * "...IfExists: if the key is not present, evaluate the condition element as true" meets "ForAnyValue: an absent
 * key is false": AWS does not say which wins, so we answer 'unknown' where the readings differ. Readings: the
 * clause is true (IfExists wins: the clause is dropped) or false (the set rule wins: the key made to match nothing).
 * ForAllValues agrees either way (both rules say true).
 */
const ifExistsOnSetOperators: KnownDifference = {
  id: 'if-exists-on-set-operator-absent-key',
  summary: 'ForAnyValue:...IfExists with the key absent: IfExists says true, ForAnyValue says false',
  source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists '
    + 'and reference_policies_condition-single-vs-multi-valued-context-keys.html (ForAnyValue: "If the key ... is not present, the condition returns false")',
  undocumented: true,
  rewrite: (c, ctx) => {
    const applies = (operator: string, key: string) =>
      operator.startsWith('ForAnyValue:') && operator.endsWith('IfExists') && ctx.get(key) === undefined;
    let found = false;
    const ifExistsWins = mapConditionClauses(c, (operator, key, values) => {
      if (!applies(operator, key)) return values;
      found = true;
      return undefined;
    });
    if (!found) return undefined;
    // The set rule wins: the clause is false, written as a clause false in both evaluators — `Null: false` on the
    // absent key ("the key is present").
    const setRuleWins = mapStatements(c, (st) => {
      if (st.Condition === undefined) return st;
      const out: Record<string, Record<string, unknown>> = {};
      for (const [operator, keys] of Object.entries(st.Condition as Record<string, Record<string, string | string[]>>)) {
        for (const [key, values] of Object.entries(keys)) {
          if (applies(operator, key)) (out.Null ??= {})[key] = 'false';
          else (out[operator] ??= {})[key] = values;
        }
      }
      return { ...st, Condition: out };
    });
    return [ifExistsWins, setRuleWins];
  },
};

/**
 * A NotResource entry whose variable has no value: "If AWS cannot resolve a variable this might cause the entire
 * statement to be invalid" — the documentation allows two readings: the statement does not apply (the
 * simulator), or the entry matches nothing so NotResource matches. Where they differ the answer is 'unknown'.
 */
const noValueVariableInNotResource: KnownDifference = {
  id: 'no-value-variable-in-not-resource',
  summary: 'a NotResource entry with an unresolvable variable: the statement may be invalid or match every resource',
  source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html ("If AWS cannot resolve a variable '
    + 'this might cause the entire statement to be invalid")',
  undocumented: true,
  rewrite: (c, ctx) => {
    let found = false;
    const unresolvable = (entry: string) => withNoValueAs(entry, ctx, NO_VALUE) !== entry;
    const affected = (s: Record<string, unknown>) => s.NotResource !== undefined && [s.NotResource].flat().some((e) => unresolvable(String(e)));
    const invalid = mapStatements(c, (s) => {
      if (!affected(s)) return s;
      found = true;
      return undefined;
    });
    if (!found) return undefined;
    const matchesNothing = mapStatements(c, (s) => (affected(s)
      ? { ...s, NotResource: [s.NotResource].flat().map((e) => withNoValueAs(String(e), ctx, NO_VALUE)) }
      : s));
    return [invalid, matchesNothing];
  },
};

/** Stands for "an account that is not the caller's": replaces NotPrincipal entries a reading does not count. */
const NOBODY = 'arn:aws:iam::000000000000:root';
const NOT_PRINCIPAL_SOURCE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html '
  + '(Key points: "you must also specify the account ARN of the not-denied principal … AWS might validate the account first, then '
  + 'the role, and then the assumed-role user") ; its 2023 examples, github.com/awsdocs/iam-user-guide '
  + 'doc_source/reference_policies_elements_notprincipal.md ("all principals except the user named Bob … are explicitly denied"; '
  + '"If the NotPrincipal element was missing the ARN of the role, the effect of the policy might be to explicitly deny access")';

type Level = 'account' | 'role' | 'self';

/** The levels AWS may evaluate the caller at, and which entry names which; none for a service principal. */
function callerLevels(c: DiffCase): { all: Level[]; entryLevel: (entry: string) => Level | undefined } | undefined {
  const p = c.principal;
  if (p.kind === 'Service') return undefined;
  const all: Level[] = p.kind === 'AssumedRole' ? ['account', 'role', 'self'] : ['account', 'self'];
  const entryLevel = (entry: string): Level | undefined => {
    if (entry === p.account || entry === `arn:aws:iam::${p.account}:root`) return 'account';
    if (p.roleArn !== undefined && entry === p.roleArn) return 'role';
    return entry === p.arn ? 'self' : undefined;
  };
  return { all, entryLevel };
}

/**
 * How a NotPrincipal statement lists the caller: every level, some of its own levels, only its account, its role
 * (with or without the account) but not the session, or nothing.
 */
type Listing = 'every-level' | 'partial' | 'account-only' | 'role-without-session' | 'none';

function listing(s: Record<string, unknown>, c: DiffCase): Listing {
  const levels = callerLevels(c);
  const element = s.NotPrincipal;
  if (levels === undefined || element === undefined) return 'none';
  if (element === '*') return 'every-level';
  const entries = [(element as Record<string, unknown>).AWS ?? []].flat().map(String);
  if (entries.includes('*')) return 'every-level';
  const named = new Set(entries.map(levels.entryLevel).filter((l): l is Level => l !== undefined));
  if (levels.all.every((l) => named.has(l))) return 'every-level';
  if (named.size === 0) return 'none';
  if (named.has('account') && named.size === 1) return 'account-only';
  return named.has('role') && !named.has('self') ? 'role-without-session' : 'partial';
}

/** The statement with every entry that names the caller at any level replaced by one naming nobody. */
function withoutCaller(s: Record<string, unknown>, c: DiffCase): Record<string, unknown> {
  const levels = callerLevels(c)!;
  const entries = [(s.NotPrincipal as Record<string, unknown>).AWS].flat().map(String);
  return { ...s, NotPrincipal: { AWS: entries.map((e) => (levels.entryLevel(e) === undefined ? e : NOBODY)) } };
}

/** With a permissions boundary a Deny+NotPrincipal applies "regardless of the values specified" (both sides agree). */
const boundaryDecides = (c: DiffCase, s: Record<string, unknown>) => c.boundary !== undefined && s.Effect === 'Deny';

/**
 * Deny + NotPrincipal that lists the caller's account but not the caller itself (its user, role or session):
 * the Deny applies to the caller. The simulator exempts every principal of a listed account. Rewrite: the
 * entries naming the account name nobody.
 */
const notPrincipalAccountAlone: KnownDifference = {
  id: 'not-principal-account-does-not-exempt',
  summary: 'Deny + NotPrincipal listing the caller\'s account but not its user, role or session still denies the caller',
  source: NOT_PRINCIPAL_SOURCE,
  rewrite: (c) => {
    let found = false;
    const rewritten = mapStatements(c, (s) => {
      if (s.Effect !== 'Deny' || boundaryDecides(c, s) || listing(s, c) !== 'account-only') return s;
      found = true;
      return withoutCaller(s, c);
    });
    return found ? [rewritten] : undefined;
  },
};

/**
 * Deny + NotPrincipal that lists the caller's role (with or without its account) but no session of it: the Deny
 * applies to the session, whose ARN must be listed for it to be exempt. The simulator exempts every session of a
 * listed role. Rewrite: the entries naming the caller name nobody.
 */
const notPrincipalRoleWithoutSession: KnownDifference = {
  id: 'not-principal-role-without-session',
  summary: 'Deny + NotPrincipal listing the caller\'s role but no session of it still denies the session',
  source: 'https://aws.amazon.com/premiumsupport/knowledge-center/explicit-deny-principal-elements-s3/ ("you must list the role '
    + 'session name of every user and every instance ID that will be assuming the role") ; ' + NOT_PRINCIPAL_SOURCE,
  rewrite: (c) => {
    let found = false;
    const rewritten = mapStatements(c, (s) => {
      if (s.Effect !== 'Deny' || boundaryDecides(c, s) || listing(s, c) !== 'role-without-session') return s;
      found = true;
      return withoutCaller(s, c);
    });
    return found ? [rewritten] : undefined;
  },
};

/**
 * NotPrincipal that names the caller at some but not every level (the session without the role or the account,
 * a user without its account — or, with Allow, which AWS does not support, the account alone or the role without
 * the session): the docs say such a policy "might" deny. Readings: exempt (the simulator), and not exempt (the
 * caller's entries name nobody). Where they differ the answer is 'unknown'.
 */
const notPrincipalPartialLevels: KnownDifference = {
  id: 'not-principal-partial-levels',
  summary: 'NotPrincipal naming the caller at some but not every level (account, role, session or user): AWS "might" deny',
  source: NOT_PRINCIPAL_SOURCE,
  undocumented: true,
  rewrite: (c) => {
    const open = (s: Record<string, unknown>) => !boundaryDecides(c, s)
      && (listing(s, c) === 'partial' || (s.Effect === 'Allow' && ['account-only', 'role-without-session'].includes(listing(s, c))));
    let found = false;
    const notExempt = mapStatements(c, (s) => {
      if (!open(s)) return s;
      found = true;
      return withoutCaller(s, c);
    });
    return found ? [c, notExempt] : undefined;
  },
};

/**
 * iam-simulate lets a session policy's implicit deny block every route, even a same-account resource-policy
 * Allow naming the session itself or `*`, which AWS grants "in addition to the permissions that are granted by
 * the session policies". Rewrite: the session policy keeps its Denies but no longer limits Allows. Applies only
 * where the simulator itself finds such a direct Allow (principal match 'Match').
 */
const sessionPolicyDoesNotLimitDirectGrants: KnownDifference = {
  id: 'session-policy-vs-direct-resource-grant',
  summary: 'a same-account resource-policy Allow naming the session ARN or "*" is not limited by the session policy',
  source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session ; '
    + 'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html ; '
    + 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
  rewrite: async (c) => {
    if (c.session === undefined) return undefined;
    const a = (await simulate(c)).analysis;
    const direct = a.sameAccount && a.sessionAnalysis?.result === 'ImplicitlyDenied'
      && (a.resourceAnalysis?.allowStatements ?? []).some((s) => s.principalMatch === 'Match');
    if (!direct) return undefined;
    const denies = [c.session.Statement].flat().filter((s) => (s as Record<string, unknown>).Effect === 'Deny');
    return [{ ...c, session: { ...c.session, Statement: [...denies, { Effect: 'Allow', Action: '*', Resource: '*' }] } }];
  },
};

/** In the order they are applied: literal text first, then values, then statement shapes, then layers. */
export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  version2008LiteralVariables,
  arnOperatorVariables,
  noValueVariableInConditions,
  arnOperatorNonArnValue,
  ipRanges,
  dateFormats,
  ifExistsOnSetOperators,
  noValueVariableInNotResource,
  notPrincipalAccountAlone,
  notPrincipalRoleWithoutSession,
  notPrincipalPartialLevels,
  sessionPolicyDoesNotLimitDirectGrants,
];

export interface Documented {
  /** 'unknown' when the readings the documentation allows give different answers. */
  readonly outcome: Outcome;
  /** The answers we accept: the documented one; where every reading denies, either kind of deny. */
  readonly acceptable: readonly Outcome[];
  /** The classes whose rewrite applied. */
  readonly ids: readonly string[];
}

/** The documented answer for a case: the simulator on every reading the applicable classes allow. */
export async function documentedAnswer(
  c: DiffCase, sim: SimulatorAnswer, known: readonly KnownDifference[] = KNOWN_DIFFERENCES,
): Promise<Documented> {
  const ctx = new EffectiveContext(c, sim.ignoredContextKeys);
  let variants: DiffCase[] = [c];
  const ids: string[] = [];
  let undocumented = false;
  for (const difference of known) {
    const next: DiffCase[] = [];
    let applied = false;
    for (const v of variants) {
      const rewritten = await difference.rewrite(v, ctx);
      if (rewritten) { applied = true; next.push(...rewritten); } else {next.push(v);}
    }
    if (applied) {
      ids.push(difference.id);
      undocumented ||= difference.undocumented === true;
    }
    variants = next;
  }
  const outcomes = new Set<Outcome>();
  for (const v of variants) outcomes.add((await simulate(v)).outcome);
  const open: Outcome[] = undocumented ? ['unknown'] : [];
  if (outcomes.size === 1) return { outcome: [...outcomes][0], acceptable: [...outcomes, ...open], ids };
  // Denied on every reading, explicitly on some: denied for sure; which kind depends on the reading.
  if (!outcomes.has('allow')) return { outcome: 'implicit-deny', acceptable: ['implicit-deny', 'explicit-deny', ...open], ids };
  return { outcome: 'unknown', acceptable: ['unknown'], ids };
}
