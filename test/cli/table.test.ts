import { DENY_NO_IDENTITY_ALLOW, finding, report } from './support/fixtures';
import { formatJson } from '../../src/cli/format/json';
import { formatTable, summaryLine } from '../../src/cli/format/table';

const context = { stackCount: 2, strict: false };

describe('table', () => {
  test('one row per finding with function, bucket, prefix, verdict, cause codes and fix; DENY first', () => {
    const allow = finding({ function: 'App/Other', bucket: 'App/Logs', keyPattern: '*' });
    const lines = formatTable(report(allow, DENY_NO_IDENTITY_ALLOW), context).split('\n');
    expect(lines[0]).toMatch(/^FUNCTION\s+BUCKET\s+PREFIX\s+VERDICT\s+CAUSE\s+FIX$/);
    expect(lines[1].split(/\s{2,}/)).toEqual(['App/Fn', 'App/Bucket', 'incoming/*', 'DENY', 'NO_IDENTITY_ALLOW', 'bucket.grantPut(fn, "incoming/*")']);
    expect(lines[2].split(/\s{2,}/)).toEqual(['App/Other', 'App/Logs', '*', 'ALLOW', '-', '-']);
    // Columns line up: every row's VERDICT starts where the header's does.
    const verdictColumn = lines[0].indexOf('VERDICT');
    expect(lines[1].indexOf('DENY')).toBe(verdictColumn);
    expect(lines[2].indexOf('ALLOW')).toBe(verdictColumn);
  });

  test('the causes of a failing finding follow the table, with location, statement and fix', () => {
    const text = formatTable(report(DENY_NO_IDENTITY_ALLOW), context);
    expect(text).toContain('DENY  App/Fn -> App/Bucket (incoming/*), declared intent\n' +
      '  NO_IDENTITY_ALLOW: no policy of App/Fn/ServiceRole allows s3:PutObject on App/Bucket incoming/* ' +
      '[App/Fn/ServiceRole/DefaultPolicy, statement #0]\n' +
      '  fix: bucket.grantPut(fn, "incoming/*")');
  });

  test('several causes are listed in the CAUSE column; acknowledgements are shown', () => {
    const f = finding({
      verdict: 'CONDITIONAL',
      causes: [
        { code: 'REQUEST_CONDITION', message: 'allowed only with\nthe SSE header' },
        { code: 'NETWORK_PATH', message: 'needs vpce-1' },
      ],
      acknowledged: { reason: 'the code sends the header' },
    });
    const text = formatTable(report(f), context);
    expect(text).toMatch(/CONDITIONAL \(acknowledged\)\s+REQUEST_CONDITION, NETWORK_PATH/);
    // A line feed inside a message stays on the line, as a visible escape.
    expect(text).toContain('  REQUEST_CONDITION: allowed only with\\x0athe SSE header\n');
    expect(text).toContain('  acknowledged: the code sends the header\n');
  });

  test('an ALLOW has no detail block', () => {
    const text = formatTable(report(finding({ notes: ['no SCP was given'] })), context);
    expect(text).not.toContain('->');
  });

  test('assumptions are listed once, with how many writes they concern when not all', () => {
    const scp = 'no SCP denies: none were given';
    const agnostic = 'environment-agnostic stack: one account assumed';
    const text = formatTable(report(
      { ...DENY_NO_IDENTITY_ALLOW, notes: [scp] },
      finding({ notes: [scp, agnostic] }),
      finding({ function: 'App/Third' }),
    ), context);
    expect(text).toContain(`\nAssumed:\n  - ${scp} (2 of 3 writes)\n  - ${agnostic} (1 of 3 writes)\n\n`);
    const all = formatTable(report(finding({ notes: [scp] }), finding({ function: 'App/Other', notes: [scp] })), context);
    expect(all).toContain(`\nAssumed:\n  - ${scp}\n\n`);
    expect(formatTable(report(finding()), context)).not.toContain('Assumed:');
  });

  test('an empty report says nothing was found, how writes are found, and that the check passed', () => {
    expect(formatTable(report(), { stackCount: 1, strict: false })).toBe(
      'No Lambda function that writes to S3 found in 1 stack (writes come from SecureLambdaWriter, ' +
      'WriteAccessChecker.expectWrite, or an identity policy that allows s3:PutObject).\n' +
      '0 writes checked in 1 stack: 0 DENY, 0 CONDITIONAL, 0 UNKNOWN, 0 ALLOW. PASSED.\n');
  });
});

describe('summary line', () => {
  const conditional = finding({ verdict: 'CONDITIONAL' });
  const unknown = finding({ verdict: 'UNKNOWN' });

  test('counts each verdict and says FAILED with the failing count', () => {
    expect(summaryLine(report(DENY_NO_IDENTITY_ALLOW, conditional, finding()), context))
      .toBe('3 writes checked in 2 stacks: 1 DENY, 1 CONDITIONAL, 0 UNKNOWN, 1 ALLOW. FAILED: 1 DENY.\n');
  });

  test('without DENY it passes; with --strict CONDITIONAL and UNKNOWN fail', () => {
    const r = report(conditional, unknown);
    expect(summaryLine(r, context)).toMatch(/PASSED \(with --strict it would fail: 1 CONDITIONAL, 1 UNKNOWN\)\.\n$/);
    expect(summaryLine(r, { ...context, strict: true })).toMatch(/FAILED: 1 CONDITIONAL, 1 UNKNOWN \(strict\)\.\n$/);
  });

  test('acknowledged findings are counted and do not fail', () => {
    const acknowledged = { ...DENY_NO_IDENTITY_ALLOW, acknowledged: { reason: 'known' } };
    expect(summaryLine(report(acknowledged), context))
      .toBe('1 write checked in 2 stacks: 1 DENY, 0 CONDITIONAL, 0 UNKNOWN, 0 ALLOW (1 acknowledged). PASSED.\n');
  });
});

describe('--json', () => {
  test('prints the report exactly, in its shape { version: 1, findings }', () => {
    const r = report(DENY_NO_IDENTITY_ALLOW, finding());
    const printed = formatJson(r).join('');
    expect(JSON.parse(printed)).toEqual(r);
    expect(Object.keys(JSON.parse(printed))).toEqual(['version', 'findings']);
    expect(printed.endsWith('}\n')).toBe(true);
  });
});
