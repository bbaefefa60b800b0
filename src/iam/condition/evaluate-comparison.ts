import { ContextValue, UnknownValue } from '../model';
import { atom } from '../symbolic';
import { allOf, anyOf, FALSE, not, Tri } from '../tri';
import { unknownValueAtom } from '../variables';
import { parseInstant } from './date/instant';
import { quote, quoteAll } from './describe';
import { missingKeyOutcome } from './missing-key';
import { ComparisonOperator } from './operator';
import { Outcome, sameInEveryCase } from './outcome';
import { SetQualifier } from './parse-operator';
import { PolicyValue } from './policy-values';
import { requestShape } from './request-shape';
import { matchRequestValue } from './value-match';

export interface Qualifiers {
  readonly set?: SetQualifier;
  readonly ifExists: boolean;
}

/** One request value judged against the clause, negation applied, with the words for it. */
interface Judged {
  readonly value: string;
  readonly result: Tri;
  readonly text: string;
}

/**
 * Evaluate a comparison clause (every operator but Null) after IAM "Conditions with multiple context keys or
 * values": several policy values are ORed for a positive operator and NORed for a negated one; a plain operator
 * compares one value; `ForAnyValue:` holds when some request value satisfies the operator, `ForAllValues:` when
 * every one does.
 */
export function evaluateComparison(
  op: ComparisonOperator,
  qualifiers: Qualifiers,
  key: string,
  value: ContextValue | undefined,
  policyValues: readonly PolicyValue[],
): Outcome {
  const judge = (requestValue: string): Judged => judgeValue(op, policyValues, requestValue);
  const shape = requestShape(value, qualifiers.set !== undefined);
  switch (shape.kind) {
    case 'absent':
      return missingKeyOutcome(op, qualifiers, key, shape.emptySet);
    case 'unknown':
      return unknownOutcome(op, qualifiers, key, shape.unknown, judge, policyValues);
    case 'values':
      if (qualifiers.set) return setOutcome(op, qualifiers.set, key, shape.values.map(judge));
      if (shape.multivalued) {
        // "Set operator is required for a multivalued key": a plain operator never matches a set (iam-simulate, from
        // AWS at re:Inforce 2025 IAM431; IAM JSON policy elements: Condition operators,
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
        return {
          result: FALSE,
          reason: `${key} is multivalued (${quoteAll(shape.values)}): a plain ${op.name} never matches a set; use ForAnyValue: or ForAllValues:`,
        };
      }
      return plainOutcome(key, judge(shape.values[0]));
  }
}

function judgeValue(op: ComparisonOperator, policyValues: readonly PolicyValue[], requestValue: string): Judged {
  const match = matchRequestValue(op, policyValues, requestValue);
  const result = op.negated ? not(match.result) : match.result;
  const raws = policyValues.map((p) => p.raw);
  const notes = match.notes.length > 0 ? ` (${match.notes.join('; ')})` : '';
  let text: string;
  if (match.result === 'true') text = `matches ${describePolicyValue(match.matched!)}`;
  else if (match.result === 'false') text = `matches none of ${quoteAll(raws)}${notes}`;
  else text = `may match ${quoteAll(raws)}${notes}`;
  if (op.negated) text += `: negated operator is ${result}`;
  return { value: requestValue, result, text };
}

/** The value as written, and what its policy variables made of it. */
function describePolicyValue(policyValue: PolicyValue): string {
  const substituted = policyValue.kind === 'value' && policyValue.text !== policyValue.raw ? ` (= ${quote(policyValue.text)})` : '';
  return quote(policyValue.raw) + substituted;
}

function plainOutcome(key: string, judged: Judged): Outcome {
  return { result: judged.result, reason: `${key} = ${quote(judged.value)} ${judged.text}` };
}

function setOutcome(op: ComparisonOperator, set: SetQualifier, key: string, judged: readonly Judged[]): Outcome {
  const result = set === 'ForAnyValue' ? anyOf(judged, (j) => j.result) : allOf(judged, (j) => j.result);
  // The value that decided it: for ForAnyValue the first that holds, for ForAllValues the first that fails.
  const decisive = judged.find((j) => j.result === result) ?? judged.find((j) => j.result === 'unknown');
  if (result === 'true' && set === 'ForAllValues') {
    return { result, reason: `ForAllValues: every value of ${key} (${quoteAll(judged.map((j) => j.value))}) satisfies ${op.name}` };
  }
  if (result === 'false' && set === 'ForAnyValue') {
    return { result, reason: `ForAnyValue: no value of ${key} (${quoteAll(judged.map((j) => j.value))}) satisfies ${op.name}` };
  }
  return { result, reason: `${set}: value ${quote(decisive!.value)} of ${key} ${decisive!.text}` };
}

/**
 * A value the templates do not fix. It may be one value or a set of them, and with `mayBeAbsent` it may be missing;
 * the answer is the one every case agrees on, else 'unknown'. The unknown single value is the opaque atom a policy
 * variable for the same key stands for, so `${k}` still equals the value of `k`.
 */
function unknownOutcome(
  op: ComparisonOperator,
  qualifiers: Qualifiers,
  key: string,
  unknown: UnknownValue,
  judge: (requestValue: string) => Judged,
  policyValues: readonly PolicyValue[],
): Outcome {
  const bounded = unknown.notBefore !== undefined ? laterInstantOutcome(op, key, unknown.notBefore, unknown.unknown, policyValues, judge) : undefined;
  if (bounded) return bounded;
  const single = judge(unknownValueAtom(key)).result;
  const cases: Tri[] = [single];
  if (qualifiers.set) {
    // Each element of an unknown set is some other unknown value.
    cases.push(judge(atom('opaque', `an element of ${key}`)).result);
  } else {
    // A plain operator never matches a set.
    cases.push(FALSE);
  }
  if (unknown.mayBeAbsent) cases.push(missingKeyOutcome(op, qualifiers, key, false).result);
  const result = sameInEveryCase(cases);
  const absence = unknown.mayBeAbsent ? ', and the key may be absent' : '';
  const settled = result === 'unknown' ? '' : `: ${qualifiers.set ? qualifiers.set + ':' : ''}${op.name} is ${result} in every case`;
  return { result, reason: `value of ${key} unknown (${unknown.unknown})${absence}${settled}` };
}


/** Far enough ahead to stand for every instant after the last date a policy names. */
const FAR_FUTURE_MS = Date.UTC(9999, 0, 1);

/**
 * An instant not known but not before `notBefore` (time only grows). A Date or Numeric comparison with literal
 * values is constant between the instants the policy names, so it is judged at `notBefore`, at each named instant
 * not before it and just after, and far in the future: one answer at all of them is the answer for every instant
 * from `notBefore` on; otherwise it depends on when the request is made. Undefined when the clause is not of that
 * kind (a string operator, a policy value that is not a literal date or number).
 */
function laterInstantOutcome(op: ComparisonOperator, key: string, notBefore: string, why: string, policyValues: readonly PolicyValue[],
  judge: (requestValue: string) => Judged): Outcome | undefined {
  if (op.family !== 'date' && op.family !== 'numeric') return undefined;
  const from = parseInstant(notBefore);
  const named = policyValues.map((p) => (p.kind === 'value' ? instantOf(op, p.text) : undefined));
  if (from === undefined || named.some((n) => n === undefined)) return undefined;
  const step = op.family === 'numeric' ? 1000 : 1;
  const dates = (named as number[]).filter((d) => d >= from);
  const samples = [from, ...dates.flatMap((d) => [d, d + step]), Math.max(FAR_FUTURE_MS, ...dates.map((d) => d + step))];
  const asRequest = (ms: number) => (op.family === 'numeric' ? String(Math.floor(ms / 1000)) : new Date(ms).toISOString());
  const result = sameInEveryCase(samples.map((ms) => judge(asRequest(ms)).result));
  const since = new Date(from).toISOString();
  if (result === 'unknown') {
    return { result, reason: `value of ${key} unknown (${why}): ${op.name} changes at ${quoteAll((named as number[]).map((d) => new Date(d).toISOString()))}, after ${since}, so it depends on when the request is made` };
  }
  return { result, reason: `${key}: every request comes at or after ${since}, and ${op.name} is ${result} at every such instant (decided at synth time)` };
}

/** A policy value as milliseconds since the epoch: a date for Date operators, epoch seconds for Numeric ones. */
function instantOf(op: ComparisonOperator, text: string): number | undefined {
  if (op.family === 'date') return parseInstant(text);
  return /^-?\d+(?:\.\d+)?$/.test(text) ? Number(text) * 1000 : undefined;
}
