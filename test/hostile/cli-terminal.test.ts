import * as path from 'path';
import {
  RAW_CONTROL, errorLines, hostileCase, manifest, removeHostileCases, runRecorded, stackArtifact, writeJson, writerTemplate,
} from './support/cli-hostile';
import { escapeForTerminal } from '../../src/analysis/text/escape-for-terminal';
import { formatTable } from '../../src/cli/format/table';
import { DENY_NO_IDENTITY_ALLOW, report } from '../cli/support/fixtures';

/**
 * Issue #10, item 3: construct ids and Sids can hold ESC sequences, BEL, CR, LF, NUL and bidi controls (the CDK
 * accepts them), and the table printed them raw — a template could forge a line such as `0 writes checked ...
 * PASSED.` or drive the terminal. Human output (the table, error lines, notes) shows every such character as a
 * visible escape; JSON and SARIF keep the raw strings, valid JSON.
 */

afterAll(removeHostileCases);

/** Clear the screen, home the cursor, then a forged summary on a line of its own; a bell; a right-to-left override. */
const FORGED = '\u001b[2J\u001b[H\r\n0 writes checked in 1 stack: 0 DENY, 0 CONDITIONAL, 0 UNKNOWN, 0 ALLOW. PASSED.\n\u0007\u202e\u0000\u009b\u2066';
const SID = `Deny${FORGED}`;
const FUNCTION_PATH = `App/Writer${FORGED}`;

/** A function whose role may write to a bucket whose policy denies it, both named with control characters. */
function hostileApp(): string {
  const c = hostileCase();
  writeJson(path.join(c.assembly, 'manifest.json'), manifest({ App: stackArtifact('App.template.json', { displayName: 'App' }) }));
  writeJson(path.join(c.assembly, 'App.template.json'), writerTemplate(FUNCTION_PATH, SID));
  return c.assembly;
}

describe('the table', () => {
  test('a template cannot forge a line or send a control character: every one is a visible escape', () => {
    const { code, stdout } = runRecorded(['check', hostileApp()]);
    expect(code).toBe(1);
    expect(stdout).not.toMatch(RAW_CONTROL);
    // The forged summary is still there, but inside the row that quotes it: no line starts with it.
    expect(stdout.split('\n').filter(line => /^0 writes checked/.test(line))).toEqual([]);
    expect(stdout).toMatch(/\n1 write checked in 1 stack: 1 DENY, .* FAILED: 1 DENY\.\n$/);
    expect(stdout).toContain('App/Writer\\x1b[2J\\x1b[H\\x0d\\x0a0 writes checked');
    expect(stdout).toContain('\\x07\\u202e\\x00\\x9b\\u2066');
  });

  test('every field a finding prints is escaped: paths, prefix, messages, locations, statements, fix, notes, reason', () => {
    const bad = '\u001b]0;owned\u0007\r\u200f';
    const finding = {
      ...DENY_NO_IDENTITY_ALLOW,
      function: `Fn${bad}`,
      bucket: `B${bad}`,
      keyPattern: `k${bad}`,
      fix: `fix${bad}`,
      notes: [`note${bad}`],
      acknowledged: { reason: `reason${bad}` },
      causes: [{ ...DENY_NO_IDENTITY_ALLOW.causes[0], message: `m${bad}`, location: `L${bad}`, statement: `S${bad}` }],
    };
    const text = formatTable(report(finding), { stackCount: 1, strict: false });
    expect(text).not.toMatch(RAW_CONTROL);
    // The row (function, bucket, prefix, fix), the detail line (the same three), the cause (message, location,
    // statement), fix and acknowledgement lines, and the assumed note.
    expect(text.match(/\\x1b\]0;owned\\x07\\x0d\\u200f/g)).toHaveLength(13);
  });
});

describe('JSON and SARIF keep the raw strings and stay valid JSON', () => {
  test.each([['--json'], ['--sarif']])('%s', (format) => {
    const { code, stdout } = runRecorded(['check', hostileApp(), format]);
    expect(code).toBe(1);
    const parsed = JSON.parse(stdout);
    expect(JSON.stringify(parsed)).toContain(JSON.stringify(FUNCTION_PATH).slice(1, -1));
  });
});

describe('error lines and notes', () => {
  test('an artifact id with a line feed and ESC stays on one line, escaped', () => {
    const c = hostileCase();
    writeJson(path.join(c.assembly, 'manifest.json'), manifest({ [`App${FORGED}`]: { type: 'aws:cloudformation:stack', properties: {} } }));
    const { code, stderr } = runRecorded(['check', c.assembly]);
    expect(code).toBe(2);
    expect(errorLines(stderr)).toHaveLength(1);
    expect(stderr).not.toMatch(RAW_CONTROL);
    expect(stderr).toContain('stack "App\\x1b[2J\\x1b[H\\x0d\\x0a0 writes checked');
  });

  test('the note naming unchecked nested stacks is one line, escaped, and names at most ten', () => {
    const c = hostileCase();
    writeJson(path.join(c.assembly, 'manifest.json'), manifest({ App: stackArtifact('App.template.json', { displayName: 'App' }) }));
    const resources = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`Child${i}`, {
      Type: 'AWS::CloudFormation::Stack',
      Metadata: { 'aws:cdk:path': `App/Child${i}${FORGED}.NestedStack/Child.NestedStackResource` },
    }]));
    writeJson(path.join(c.assembly, 'App.template.json'), { Resources: resources });
    const { code, stderr } = runRecorded(['check', c.assembly, '--json']);
    expect(code).toBe(0);
    expect(errorLines(stderr)).toHaveLength(1);
    expect(stderr).not.toMatch(RAW_CONTROL);
    expect(stderr).toMatch(/^cdk-secure-lambda-writer: note: not checked: functions in CloudFormation nested stacks \(App\/Child0\\x1b.* and 15 more\)\n$/);
  });

  test('the escape is visible and covers C0, DEL, C1 and the bidi controls, and nothing else', () => {
    expect(escapeForTerminal('a\u0000\u0009\u000a\u001b\u007f\u0085\u009f\u061c\u200e\u200f\u202a\u202e\u2066\u2069\u2028z')).toBe(
      'a\\x00\\x09\\x0a\\x1b\\x7f\\x85\\x9f\\u061c\\u200e\\u200f\\u202a\\u202e\\u2066\\u2069\\u2028z');
    expect(escapeForTerminal('App/Écriture/日本/C:\\path')).toBe('App/Écriture/日本/C:\\path');
  });
});
