import * as fs from 'fs';
import * as path from 'path';
import { LeastPrivilegeFindings, WriteAccessFinding } from './findings';

/** The report's file name in the root cloud assembly directory. */
export const REPORT_FILE_NAME = 'write-access-report.json';

/** The report file's content, `{ version: 1, findings }`: the same shape `checker.findings` returns. */
export function reportJson(findings: readonly WriteAccessFinding[], leastPrivilege?: LeastPrivilegeFindings): string {
  return JSON.stringify({ version: 1, findings, ...(leastPrivilege ? { leastPrivilege } : {}) }, undefined, 2);
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
  const text = reportJson(findings, leastPrivilege);
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf-8') !== text) fs.writeFileSync(file, text);
  return file;
}
