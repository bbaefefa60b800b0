import { checkConditions } from './helpers';

// IAM condition operators — Date condition operators: "one of the supported W3C implementations of the ISO 8601
// date formats or epoch (UNIX) time"; no wildcards, no policy variables.
const KEY = 'aws:CurrentTime';
const at = (value: string) => ({ [KEY]: value });

describe('Date operators', () => {
  checkConditions([
    { rule: 'DateEquals: the same instant', operator: 'DateEquals', key: KEY, values: ['2026-11-28T12:00:00Z'], context: at('2026-11-28T12:00:00Z'), expected: 'true' },
    { rule: 'DateEquals: another instant', operator: 'DateEquals', key: KEY, values: ['2026-11-28T12:00:00Z'], context: at('2026-11-28T12:00:01Z'), expected: 'false' },
    { rule: 'DateEquals: the same instant in another zone', operator: 'DateEquals', key: KEY, values: ['2026-11-28T13:00:00+01:00'], context: at('2026-11-28T12:00:00Z'), expected: 'true' },
    { rule: 'DateEquals: epoch seconds equal an ISO date', operator: 'DateEquals', key: KEY, values: ['1764331200'], context: at('2025-11-28T12:00:00Z'), expected: 'true' },
    { rule: 'DateEquals: epoch seconds (one second later)', operator: 'DateEquals', key: KEY, values: ['1764331201'], context: at('2025-11-28T12:00:00Z'), expected: 'false' },
    { rule: 'DateEquals: fractional seconds count', operator: 'DateEquals', key: KEY, values: ['2026-01-01T00:00:00.5Z'], context: at('2026-01-01T00:00:00Z'), expected: 'false' },
    { rule: 'DateNotEquals: another instant → true', operator: 'DateNotEquals', key: KEY, values: ['2026-01-01'], context: at('2026-01-02T00:00:00Z'), expected: 'true' },
    { rule: 'DateNotEquals: the same instant → false', operator: 'DateNotEquals', key: KEY, values: ['2026-01-01'], context: at('2026-01-01T00:00:00Z'), expected: 'false' },
    { rule: 'DateLessThan: before', operator: 'DateLessThan', key: KEY, values: ['2027-01-01T00:00:00Z'], context: at('2026-11-28T12:00:00Z'), expected: 'true' },
    { rule: 'DateLessThan: after', operator: 'DateLessThan', key: KEY, values: ['2026-01-01T00:00:00Z'], context: at('2026-11-28T12:00:00Z'), expected: 'false' },
    { rule: 'DateLessThanEquals: the same instant', operator: 'DateLessThanEquals', key: KEY, values: ['2026-11-28T12:00Z'], context: at('2026-11-28T12:00:00Z'), expected: 'true' },
    { rule: 'DateLessThanEquals: later', operator: 'DateLessThanEquals', key: KEY, values: ['2026-11-28T12:00Z'], context: at('2026-11-28T12:00:01Z'), expected: 'false' },
    { rule: 'DateGreaterThan: after (year-month form)', operator: 'DateGreaterThan', key: KEY, values: ['2026-11'], context: at('2026-11-28T12:00:00Z'), expected: 'true' },
    { rule: 'DateGreaterThan: before', operator: 'DateGreaterThan', key: KEY, values: ['2026-12'], context: at('2026-11-28T12:00:00Z'), expected: 'false' },
    { rule: 'DateGreaterThanEquals: the same instant', operator: 'DateGreaterThanEquals', key: KEY, values: ['2026-11-28'], context: at('2026-11-28T00:00:00Z'), expected: 'true' },
    { rule: 'DateGreaterThanEquals: earlier', operator: 'DateGreaterThanEquals', key: KEY, values: ['2026-11-28'], context: at('2026-11-27T23:59:59Z'), expected: 'false' },
  ]);
});

describe('Date: what cannot be read is unknown', () => {
  checkConditions([
    { rule: 'not a date', operator: 'DateLessThan', key: KEY, values: ['next tuesday'], context: at('2026-11-28T12:00:00Z'), expected: 'unknown', reason: /not an ISO 8601/ },
    { rule: 'a day that does not exist', operator: 'DateLessThan', key: KEY, values: ['2026-02-30'], context: at('2026-11-28T12:00:00Z'), expected: 'unknown' },
    { rule: 'four digits: a W3C year or epoch seconds — ambiguous', operator: 'DateGreaterThan', key: KEY, values: ['2024'], context: at('2026-11-28T12:00:00Z'), expected: 'unknown', reason: /ambiguous/ },
    { rule: 'no policy variables in Date operators', operator: 'DateLessThan', key: KEY, values: ['${aws:PrincipalTag/expiry}'], context: { [KEY]: '2026-11-28T12:00:00Z', 'aws:PrincipalTag/expiry': '2027-01-01' }, expected: 'unknown', reason: /do not substitute/ },
    { rule: 'the current time is unknown at synth', operator: 'DateLessThan', key: KEY, values: ['2027-01-01'], context: { [KEY]: { unknown: 'time of the request' } }, expected: 'unknown', reason: /time of the request/ },
  ]);
});
