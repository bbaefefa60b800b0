import { isPlainObject } from './json-file';
import { AcknowledgementTable } from '../analysis/findings/acknowledgement';
import { Finding, Report } from '../analysis/report';

/**
 * The CDK acknowledgements an app made for the checker, honoured by the command line as `cdk synth` honours them,
 * so a DENY acknowledged in the app does not fail the pipeline either — it stays in the report, marked.
 *
 * `Validations.of(scope).acknowledge({ id: 'WriteAccessChecker::<CODE>', reason })` records construct metadata of
 * type `aws:cdk:acknowledged-rules`; the CDK writes it into the stack's artifact metadata for every construct in a
 * stack (not for a Stage or the App, which belong to no stack: those acknowledgements only the Aspect sees). As the
 * checker does, a finding is acknowledged by the shared rule of `analysis/findings/acknowledgement.ts`: its rule —
 * the plugin name and its first cause's code — acknowledged on its function, role or bucket, or an ancestor of one.
 */

const ACKNOWLEDGED_RULES = 'aws:cdk:acknowledged-rules';

export class Acknowledgements {
  private readonly table = new AcknowledgementTable();

  /** Add the acknowledgements in one stack's artifact metadata (`{"/Stack/Fn": [{type, data}, …]}`). */
  public addStackMetadata(metadata: unknown): void {
    if (!isPlainObject(metadata)) return;
    for (const [key, entries] of Object.entries(metadata)) {
      if (!Array.isArray(entries)) continue;
      for (const entry of entries) {
        if (!isPlainObject(entry) || entry.type !== ACKNOWLEDGED_RULES || !isPlainObject(entry.data)) continue;
        // String() of a parsed object with a "toString" key throws: a reason that is not text is shown as JSON.
        for (const [ruleId, reason] of Object.entries(entry.data)) this.table.add(ruleId, key, reasonText(reason));
      }
    }
  }

  /** The report with every acknowledged finding marked (findings the analysis marked already stay as they are). */
  public apply(report: Report): Report {
    if (this.table.size === 0) return report;
    return { ...report, findings: report.findings.map(f => this.applyTo(f)) };
  }

  private applyTo(finding: Finding): Finding {
    if (finding.verdict === 'ALLOW' || finding.acknowledged) return finding;
    const found = this.table.find(finding);
    return found ? { ...finding, acknowledged: { reason: found.reason } } : finding;
  }
}

function reasonText(reason: unknown): string {
  return typeof reason === 'string' ? reason : String(JSON.stringify(reason));
}
