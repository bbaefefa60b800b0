import * as fs from 'fs';
import * as path from 'path';
import { LeastPrivilegeFindings, WriteAccessFinding } from './findings';
import { chunkedJson } from '../analysis/text/chunked-json';

/** The report's file name in the root cloud assembly directory. */
export const REPORT_FILE_NAME = 'write-access-report.json';

/**
 * The report file's content, `{ version: 1, findings }`: the same shape `checker.findings` returns. In pieces: the
 * report of a large app can be longer than one string may be (src/analysis/text/chunked-json.ts).
 */
export function reportJson(findings: readonly WriteAccessFinding[], leastPrivilege?: LeastPrivilegeFindings): string[] {
  return chunkedJson({ version: 1, findings, ...(leastPrivilege ? { leastPrivilege } : {}) });
}

/**
 * Write the report into the assembly directory. An identical file is left untouched, so a re-synth into the same
 * directory does not count as a change to the assembly (`confirmValidationPluginsDoNotMutate` hashes the files that
 * existed before the plugins ran).
 *
 * @returns the file written
 */
export function writeReportFile(assemblyDir: string, findings: readonly WriteAccessFinding[], leastPrivilege?: LeastPrivilegeFindings): string {
  const file = path.join(assemblyDir, REPORT_FILE_NAME);
  const pieces = reportJson(findings, leastPrivilege).map((p) => Buffer.from(p, 'utf-8'));
  if (!holds(file, pieces)) {
    const fd = fs.openSync(file, 'w');
    try {
      for (const piece of pieces) fs.writeSync(fd, piece);
    } finally {
      fs.closeSync(fd);
    }
  }
  return file;
}

/** Whether the file holds exactly these bytes (compared as bytes: the text may be too long for one string). */
function holds(file: string, pieces: readonly Buffer[]): boolean {
  if (!fs.existsSync(file)) return false;
  const size = pieces.reduce((n, p) => n + p.length, 0);
  if (fs.statSync(file).size !== size) return false;
  const existing = fs.readFileSync(file);
  let offset = 0;
  for (const piece of pieces) {
    if (!existing.subarray(offset, offset + piece.length).equals(piece)) return false;
    offset += piece.length;
  }
  return true;
}
