import { evaluate } from './helpers';

// aws:CurrentTime and aws:EpochTime are the date and time of the request (IAM User Guide, "AWS global condition
// context keys"), not known at synth; but no request comes before the analysis runs. A Date or Numeric comparison
// that gives one answer for every later instant is decided (and says "decided at synth time"); one that changes at
// a date still to come stays unknown.

const NOW = '2026-01-01T00:00:00.000Z';
const time = { 'aws:CurrentTime': { unknown: 'the time of the request', notBefore: NOW } };
const epoch = { 'aws:EpochTime': { unknown: 'the time of the request', notBefore: NOW } };
const PAST = '2020-06-30T00:00:00Z';
const FUTURE = '2030-06-30T00:00:00Z';
const PAST_EPOCH = String(Date.UTC(2020, 5, 30) / 1000);
const FUTURE_EPOCH = String(Date.UTC(2030, 5, 30) / 1000);

describe('a time after the analysis ran', () => {
  test.each([
    ['DateGreaterThan', PAST, 'true'],
    ['DateGreaterThanEquals', PAST, 'true'],
    ['DateLessThan', PAST, 'false'],
    ['DateLessThanEquals', PAST, 'false'],
    ['DateEquals', PAST, 'false'],
    ['DateNotEquals', PAST, 'true'],
  ])('%s the past date %s: %s for every later instant, decided at synth time', (operator, value, expected) => {
    const t = evaluate(operator, 'aws:CurrentTime', [value], time);
    expect(t.result).toBe(expected);
    expect(t.reason).toContain('decided at synth time');
  });

  test.each(['DateGreaterThan', 'DateLessThan', 'DateEquals', 'DateNotEquals'])('%s a date still to come: unknown', (operator) => {
    const t = evaluate(operator, 'aws:CurrentTime', [FUTURE], time);
    expect(t.result).toBe('unknown');
    expect(t.reason).toContain('depends on when the request is made');
  });

  test('several values: decided only when every one is past', () => {
    expect(evaluate('DateGreaterThan', 'aws:CurrentTime', [PAST, '2021-01-01T00:00:00Z'], time).result).toBe('true');
    expect(evaluate('DateLessThan', 'aws:CurrentTime', [PAST, FUTURE], time).result).toBe('unknown');
  });

  test('aws:EpochTime with Numeric operators, and with Date operators, the same way', () => {
    expect(evaluate('NumericLessThan', 'aws:EpochTime', [PAST_EPOCH], epoch).result).toBe('false');
    expect(evaluate('NumericGreaterThan', 'aws:EpochTime', [PAST_EPOCH], epoch).result).toBe('true');
    expect(evaluate('NumericLessThan', 'aws:EpochTime', [FUTURE_EPOCH], epoch).result).toBe('unknown');
    expect(evaluate('DateGreaterThan', 'aws:EpochTime', [PAST_EPOCH], epoch).result).toBe('true');
  });

  test('twin: without the lower bound, or with a string operator, the time stays unknown', () => {
    expect(evaluate('DateGreaterThan', 'aws:CurrentTime', [PAST], { 'aws:CurrentTime': { unknown: 'the time of the request' } }).result).toBe('unknown');
    expect(evaluate('StringLike', 'aws:CurrentTime', ['2020-*'], time).result).toBe('unknown');
  });
});
