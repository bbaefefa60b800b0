import { ConditionClause, Effect, PrincipalSpec, Statement } from '../model';
import { isSymbolic } from '../symbolic';
import { parseConditionBlock } from './condition';
import { parsePrincipalSpec } from './principal';
import { describeJson, isPlainObject, readStringList } from './values';

/** The elements a statement may contain (IAM JSON policy element reference). */
const STATEMENT_ELEMENTS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);

/**
 * Read one statement. Never throws: every problem is collected and the statement comes back with `malformed`
 * set, so the evaluator can answer 'unknown' for it instead of silently skipping it (a skipped Deny would be a
 * false ALLOW; AWS itself would reject the document).
 *
 * Statements without a readable Effect are given the placeholder effect 'Deny'; the evaluator treats every
 * malformed statement as possibly allowing and possibly denying, whatever its effect says.
 */
export function parseStatement(raw: unknown, index: number): Statement {
  if (!isPlainObject(raw)) {
    return { index, effect: 'Deny', conditions: [], malformed: `statement is not an object: ${describeJson(raw)}` };
  }
  const problems: string[] = [];
  for (const key of Object.keys(raw)) {
    if (!STATEMENT_ELEMENTS.has(key)) problems.push(`unknown element "${key}"`);
  }

  const sid = readSid(raw.Sid, problems);
  const effect = readEffect(raw.Effect, problems);
  const action = readPair(raw, 'Action', 'NotAction', problems, true);
  const resource = readPair(raw, 'Resource', 'NotResource', problems, false);
  const principal = readPrincipals(raw, problems);
  let conditions: ConditionClause[] = [];
  if (raw.Condition !== undefined) {
    const read = parseConditionBlock(raw.Condition);
    if ('error' in read) problems.push(read.error);
    else conditions = read.clauses;
  }

  return {
    index,
    ...(sid !== undefined ? { sid } : {}),
    effect: effect ?? 'Deny',
    ...(action.positive ? { action: action.positive } : {}),
    ...(action.negative ? { notAction: action.negative } : {}),
    ...(resource.positive ? { resource: resource.positive } : {}),
    ...(resource.negative ? { notResource: resource.negative } : {}),
    ...(principal.positive ? { principal: principal.positive } : {}),
    ...(principal.negative ? { notPrincipal: principal.negative } : {}),
    conditions,
    ...(problems.length > 0 ? { malformed: problems.join('; ') } : {}),
  };
}

function readSid(value: unknown, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  problems.push(`Sid is not a string: ${describeJson(value)}`);
  return undefined;
}

/** Effect is case-sensitive: IAM accepts only "Allow" and "Deny". */
function readEffect(value: unknown, problems: string[]): Effect | undefined {
  if (value === 'Allow' || value === 'Deny') return value;
  if (value === undefined) problems.push('missing Effect');
  else problems.push(`Effect must be "Allow" or "Deny", got ${describeJson(value)}`);
  return undefined;
}

interface Pair<T> {
  readonly positive?: T;
  readonly negative?: T;
}

/**
 * Action/NotAction and Resource/NotResource: exactly one of each pair (IAM NotAction/NotResource pages).
 * Action entries must be `*` or `service:action`: IAM rejects anything else, so we do not guess what it means.
 */
function readPair(raw: Record<string, unknown>, name: string, notName: string, problems: string[], isAction: boolean): Pair<string[]> {
  const has = raw[name] !== undefined;
  const hasNot = raw[notName] !== undefined;
  if (has && hasNot) {
    problems.push(`both ${name} and ${notName}`);
    return {};
  }
  if (!has && !hasNot) {
    problems.push(`neither ${name} nor ${notName}`);
    return {};
  }
  const element = has ? name : notName;
  const read = readStringList(raw[element], element);
  if ('error' in read) {
    problems.push(read.error);
    return {};
  }
  if (isAction) {
    const bad = read.values.find((a) => a !== '*' && !a.includes(':') && !isSymbolic(a));
    if (bad !== undefined) problems.push(`${element} "${bad}" is not "*" or "service:action"`);
  }
  return has ? { positive: read.values } : { negative: read.values };
}

function readPrincipals(raw: Record<string, unknown>, problems: string[]): Pair<PrincipalSpec> {
  const has = raw.Principal !== undefined;
  const hasNot = raw.NotPrincipal !== undefined;
  if (has && hasNot) {
    problems.push('both Principal and NotPrincipal');
    return {};
  }
  if (!has && !hasNot) return {};
  const element = has ? 'Principal' : 'NotPrincipal';
  const read = parsePrincipalSpec(raw[element], element);
  if ('error' in read) {
    problems.push(read.error);
    return {};
  }
  return has ? { positive: read.spec } : { negative: read.spec };
}
