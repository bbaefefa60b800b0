import * as fs from 'fs';
import * as path from 'path';
import { LeastPrivilegeFindings, WriteAccessFinding } from './findings';
import { eachJsonPiece } from '../analysis/text/chunked-json';

/** The report's file name in the root cloud assembly directory. */
export const REPORT_FILE_NAME = 'write-access-report.json';

/** The report file's content, `{ version: 1, findings }`: the same shape `checker.findings` returns. */
function reportValue(findings: readonly WriteAccessFinding[], leastPrivilege?: LeastPrivilegeFindings): object {
  return { version: 1, findings, ...(leastPrivilege ? { leastPrivilege } : {}) };
}

/**
 * Write the report into the assembly directory. An identical file is left untouched, so a re-synth into the same
 * directory does not count as a change to the assembly (`confirmValidationPluginsDoNotMutate` hashes the files that
 * existed before the plugins ran). The text is compared, then written, one piece at a time: the report of a large
 * app runs to hundreds of megabytes, and holding it whole (as text and again as bytes) doubled the synth's memory.
 *
 * @returns the file written
 */
export function writeReportFile(assemblyDir: string, findings: readonly WriteAccessFinding[], leastPrivilege?: LeastPrivilegeFindings): string {
  const file = path.join(assemblyDir, REPORT_FILE_NAME);
  const value = reportValue(findings, leastPrivilege);
  if (holds(file, value)) return file;
  const fd = fs.openSync(file, 'w');
  try {
    eachJsonPiece(value, (piece) => writeAll(fd, Buffer.from(piece, 'utf-8')));
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

function writeAll(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
}

/** Thrown inside the comparison to stop making pieces at the first difference. */
const DIFFERENT = Symbol('different');

/** Whether the file holds exactly the report's bytes (compared as bytes, piece by piece, stopping at the first difference). */
function holds(file: string, value: object): boolean {
  if (!fs.existsSync(file)) return false;
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  let offset = 0;
  try {
    eachJsonPiece(value, (piece) => {
      const expected = Buffer.from(piece, 'utf-8');
      if (offset + expected.length > size) throw DIFFERENT;
      const actual = Buffer.alloc(expected.length);
      let read = 0;
      while (read < actual.length) {
        const n = fs.readSync(fd, actual, read, actual.length - read, offset + read);
        if (n === 0) throw DIFFERENT;
        read += n;
      }
      if (!actual.equals(expected)) throw DIFFERENT;
      offset += expected.length;
    });
    return offset === size;
  } catch (e) {
    if (e === DIFFERENT) return false;
    throw e;
  } finally {
    fs.closeSync(fd);
  }
}
