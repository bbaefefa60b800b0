import { Report } from '../../analysis/report';
import { chunkedJson } from '../../analysis/text/chunked-json';

/**
 * `--json`: the report exactly (`{ version: 1, findings }`), the same shape as `write-access-report.json`, in pieces
 * (a large app's report can be longer than one string may be).
 */
export function formatJson(report: Report): string[] {
  return [...chunkedJson(report), '\n'];
}
