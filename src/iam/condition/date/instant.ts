import { ComparisonOperator, compareParsed, firstProblem, symbolicProblem, variableHint } from '../operator';

/**
 * Dates for the Date operators: "one of the supported W3C implementations of the ISO 8601 date formats" or epoch
 * (UNIX) time in seconds (IAM condition operators, Date). Parsed here rather than by `Date.parse`, whose reading of
 * a date-time without a zone depends on the machine's time zone.
 */
const W3C = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/i;
const EPOCH = /^-?\d+(?:\.\d+)?$/;
/** Four digits read as a W3C year and as epoch seconds alike. */
const AMBIGUOUS = /^\d{4}$/;

/** Milliseconds since the epoch, or undefined when the text is not a date AWS reads unambiguously. */
export function parseInstant(text: string): number | undefined {
  if (AMBIGUOUS.test(text)) return undefined;
  if (EPOCH.test(text)) return Number(text) * 1000;
  const m = W3C.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2] ?? '1', m[3] ?? '1', m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  const millis = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  // Date.UTC rolls 2024-02-30 over to March: a date that does not round-trip does not exist.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day
    || check.getUTCHours() !== hour || check.getUTCMinutes() !== minute || check.getUTCSeconds() !== second) {
    return undefined;
  }
  const offset = zoneOffsetMinutes(m[8]);
  if (offset === undefined) return undefined;
  return utc + millis - offset * 60_000;
}

/** A missing zone is read as UTC, the zone of every date AWS puts in a request context. */
function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

export function dateProblem(value: string): string | undefined {
  return firstProblem(value, symbolicProblem, (v) => {
    if (AMBIGUOUS.test(v)) return `'${v}' is ambiguous: a W3C year or epoch seconds`;
    return parseInstant(v) === undefined ? `'${v}' is not an ISO 8601 (W3C) date or epoch seconds${variableHint(v, 'Date')}` : undefined;
  });
}

/**
 * A Date operator: both sides are instants (ISO 8601 or epoch seconds), compared as numbers; policy variables are
 * not allowed (IAM condition operators, "Date condition operators").
 */
export function dateComparison(name: string, holds: (policy: number, request: number) => boolean): ComparisonOperator {
  return {
    name,
    family: 'date',
    negated: false,
    policyVariables: false,
    policyProblem: dateProblem,
    requestProblem: dateProblem,
    matches: (policyValue, requestValue) => compareParsed(parseInstant(policyValue), parseInstant(requestValue), holds),
  };
}
