import { Report } from '../../analysis/report';

/** `--json`: the report exactly (`{ version: 1, findings }`), the same shape as `write-access-report.json`. */
export function formatJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
