import { PolicyClause } from './policy-clauses';
import { evaluateCondition } from '../../iam/condition';
import { ContextValue } from '../../iam/model';

/**
 * The TLS versions a request to S3 can arrive with: AWS API endpoints accept TLS 1.2 at the least ("TLS 1.2 to
 * become the minimum TLS protocol level for all AWS API endpoints", AWS Security Blog, enforced since 2023/24) and
 * the client and endpoint agree on "a high mutually agreed upon version" — 1.2 or 1.3, the only later TLS (RFC 8446).
 */
const POSSIBLE_TLS_VERSIONS = ['1.2', '1.3'];

export interface TlsVersionValue {
  readonly value: ContextValue;
  /** Said in the finding's notes when a policy tests the key and the version was decided. */
  readonly note?: string;
}

/**
 * `s3:TlsVersion` for the request. The version is negotiated at run time, but a condition that gives the same answer
 * for every possible version does not depend on it: when every clause on the key does, any one version stands for
 * all of them (so the common `Deny NumericLessThan s3:TlsVersion 1.2` is false, not unknown). When some clause tells
 * 1.2 from 1.3 (`NumericLessThan 1.3`), the value stays unknown. A clause whose values hold policy variables is
 * not decided here (their values come from the rest of the context), so it keeps the value unknown.
 */
export function tlsVersionValue(clauses: readonly PolicyClause[]): TlsVersionValue {
  const unknown: ContextValue = { unknown: 'the TLS version is negotiated at run time: 1.2 or 1.3 (AWS endpoints require 1.2 or later)' };
  const onKey = clauses.filter(({ clause }) => clause.key.toLowerCase() === 's3:tlsversion');
  if (onKey.length === 0) return { value: unknown };
  for (const { clause, version } of onKey) {
    if (clause.values.some((v) => typeof v !== 'string' || v.includes('${'))) return { value: unknown };
    const answers = POSSIBLE_TLS_VERSIONS.map((v) => evaluateCondition(clause, { 's3:TlsVersion': v }, version).result);
    if (answers.some((a) => a !== answers[0]) || answers[0] === 'unknown') return { value: unknown };
  }
  return {
    value: POSSIBLE_TLS_VERSIONS[0],
    note: `s3:TlsVersion: AWS endpoints accept TLS ${POSSIBLE_TLS_VERSIONS.join(' or ')} only, and every policy condition on it gives the same answer for both`,
  };
}
