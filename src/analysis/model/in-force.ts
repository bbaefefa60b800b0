import { PolicyDoc, PolicySource } from './types';
import { parseJsonText } from '../../iam/policy/json-text';
import { isRecord, ResourceEntry } from '../cfn/assembly-index';
import { opaque } from '../cfn/opaque';
import { AssemblyResolver } from '../cfn/resolve';

/**
 * Policies that may or may not be in force: a resource whose CloudFormation `Condition` the templates do not
 * decide (a parameter given at deploy time), or one of several bucket policies competing for one bucket.
 *
 * Counting such a policy as in force turns its Deny into a false DENY; leaving it out turns its Allow into a
 * false ALLOW. Either way the answer is a guess, so every statement of the document is made to apply 'unknown'
 * wherever it would otherwise apply: each gets one more condition clause, ANDed with its own, that no request
 * can decide — `Null` with a value that is neither 'true' nor 'false' (an opaque atom naming the reason), which
 * the evaluator answers 'unknown' whether the key is present or not (src/iam/condition/null/Null.ts). Where a
 * statement does not apply anyway (another action or resource) it still does not: precision elsewhere is kept.
 */

/** The condition key of the added clause; no request carries it, and it is not a key AWS defines. */
export const IN_FORCE_KEY = 'analysis:PolicyInForce';

/**
 * Why the resource may not be deployed, or undefined when it is (a definitely-false `Condition` is dropped
 * before the model is built). Names the `Condition` so the finding can say which one decides.
 */
export function deploymentDoubt(entry: ResourceEntry, resolver: AssemblyResolver): string | undefined {
  const r = resolver.forStack(entry.stack);
  if (r.deployed(entry) !== 'unknown') return undefined;
  const name = entry.raw.Condition;
  if (typeof name === 'string' && r.condition(name) === 'unknown') {
    return `it is deployed only if its Condition "${name}" holds, which depends on values given at deploy time`;
  }
  return 'it is in a nested stack deployed only under a Condition the templates do not decide';
}

/**
 * The document marked as possibly not in force, with `reason` added to its description so every message naming
 * one of its statements says why. Statements combined from several resources keep their own `origins`
 * (describe them with `notInForceSource`).
 */
export function maybeInForce(doc: PolicyDoc, reason: string): PolicyDoc {
  return {
    ...doc,
    document: markStatements(doc.document),
    inForce: 'unknown',
    inForceReason: reason,
    source: notInForceSource(doc.source, reason),
  };
}

export function notInForceSource(source: PolicySource, reason: string): PolicySource {
  return { ...source, description: `${source.description} (may not be in force: ${reason})` };
}

/** The document as it is when `doubt` is undefined, else marked by `maybeInForce`. */
export function withDoubt(doc: PolicyDoc, doubt: string | undefined): PolicyDoc {
  return doubt === undefined ? doc : maybeInForce(doc, doubt);
}

/** Every statement with the undecidable clause added; anything unreadable is left as it is (already 'unknown'). */
function markStatements(document: unknown): unknown {
  const parsed = typeof document === 'string' ? parseJson(document) : document;
  if (!isRecord(parsed)) return document;
  const statements = parsed.Statement;
  const value = opaque('decided at deploy time');
  if (Array.isArray(statements)) return { ...parsed, Statement: statements.map((s) => withClause(s, value)) };
  if (isRecord(statements)) return { ...parsed, Statement: withClause(statements, value) };
  return document;
}

function withClause(statement: unknown, value: string): unknown {
  if (!isRecord(statement)) return statement;
  const condition = statement.Condition;
  if (condition === undefined) return { ...statement, Condition: { Null: { [IN_FORCE_KEY]: value } } };
  if (!isRecord(condition)) return statement;
  const existing = condition.Null;
  if (existing !== undefined && !isRecord(existing)) return statement;
  return { ...statement, Condition: { ...condition, Null: { ...(existing ?? {}), [IN_FORCE_KEY]: value } } };
}

function parseJson(text: string): unknown {
  try {
    return parseJsonText(text);
  } catch {
    return undefined;
  }
}
