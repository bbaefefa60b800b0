import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { WriteAccessFinding, WriteIntentSource, WriteVerdict } from '../../src/checker';
import { REPORT_FILE_NAME, writeReportFile } from '../../src/checker/report-file';

/**
 * The report file is compared and written piece by piece (a large app's report runs to hundreds of megabytes): what
 * reaches the file must be exactly `JSON.stringify(report, null, 2)`, an identical file must be left untouched (a
 * re-synth into the same directory is no change to the assembly), and any other file — shorter, longer, or the
 * same size with other bytes — replaced whole.
 */

function findings(n: number, verdict = WriteVerdict.ALLOW): WriteAccessFinding[] {
  return Array.from({ length: n }, (_, i) => ({
    function: `Stack/Fn${i}`,
    bucket: `Stack/Bucket${i}`,
    keyPattern: 'incoming/*',
    intent: WriteIntentSource.INFERRED,
    verdict,
    causes: [],
    notes: [`a note with "quotes", é and 漢字 ${i}`],
  }));
}

describe('the report file', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wac-report-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = () => path.join(dir, REPORT_FILE_NAME);

  test('holds the report as JSON.stringify writes it, also when it spans many pieces', () => {
    // 20,000 findings: several pieces of the writer's 1 MiB.
    const many = findings(20_000);
    writeReportFile(dir, many);
    const text = fs.readFileSync(file(), 'utf8');
    expect(text.length).toBeGreaterThan(2 * 1_048_576);
    expect(text).toBe(JSON.stringify({ version: 1, findings: many }, null, 2));
  });

  test('an identical file is not written again', () => {
    writeReportFile(dir, findings(3));
    const old = new Date(Date.UTC(2020, 0, 1));
    fs.utimesSync(file(), old, old);
    writeReportFile(dir, findings(3));
    expect(fs.statSync(file()).mtime.getTime()).toBe(old.getTime());
  });

  test.each([
    ['shorter', (text: string) => text.slice(0, text.length - 10)],
    ['longer', (text: string) => `${text}\n`],
    ['the same size, other bytes', (text: string) => text.replace('Fn1', 'Fx1')],
    ['empty', () => ''],
  ])('a file that differs (%s) is replaced whole', (_name, alter) => {
    const expected = JSON.stringify({ version: 1, findings: findings(3, WriteVerdict.DENY) }, null, 2);
    fs.writeFileSync(file(), alter(expected));
    writeReportFile(dir, findings(3, WriteVerdict.DENY));
    expect(fs.readFileSync(file(), 'utf8')).toBe(expected);
  });
});
