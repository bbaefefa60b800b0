import { isPlainObject } from './json-file';
import { Finding, Report } from '../analysis/report';

/**
 * The CDK acknowledgements an app made for the checker, honoured by the command line as `cdk synth` honours them,
 * so a DENY acknowledged in the app does not fail the pipeline either — it stays in the report, marked.
 *
 * `Validations.of(scope).acknowledge({ id: 'WriteAccessChecker::<CODE>', reason })` records construct metadata of
 * type `aws:cdk:acknowledged-rules`; the CDK writes it into the stack's artifact metadata for every construct in a
 * stack (not for a Stage or the App, which belong to no stack: those acknowledgements only the Aspect sees). As the
 * checker does (src/checker/acknowledgements.ts), a finding is acknowledged when its rule — the plugin name and its
 * first cause's code — is acknowledged on its function, role or bucket, or on an ancestor of one.
 */

const ACKNOWLEDGED_RULES = 'aws:cdk:acknowledged-rules';
/** `WriteAccessChecker.PLUGIN_NAME`: the prefix of the rule IDs the checker reports. */
const PLUGIN_NAME = 'WriteAccessChecker';

export class Acknowledgements {
  /** Rule ID → construct path → reason. */
  private readonly byRule = new Map<string, Map<string, string>>();

  /** Add the acknowledgements in one stack's artifact metadata (`{"/Stack/Fn": [{type, data}, …]}`). */
  public addStackMetadata(metadata: unknown): void {
    if (!isPlainObject(metadata)) return;
    for (const [key, entries] of Object.entries(metadata)) {
      if (!Array.isArray(entries)) continue;
      for (const entry of entries) {
        if (!isPlainObject(entry) || entry.type !== ACKNOWLEDGED_RULES || !isPlainObject(entry.data)) continue;
        for (const [ruleId, reason] of Object.entries(entry.data)) {
          const byPath = this.byRule.get(ruleId) ?? new Map<string, string>();
          byPath.set(key.replace(/^\//, ''), String(reason));
          this.byRule.set(ruleId, byPath);
        }
      }
    }
  }

  /** The report with every acknowledged finding marked (findings the analysis marked already stay as they are). */
  public apply(report: Report): Report {
    if (this.byRule.size === 0) return report;
    return { ...report, findings: report.findings.map(f => this.applyTo(f)) };
  }

  private applyTo(finding: Finding): Finding {
    if (finding.verdict === 'ALLOW' || finding.acknowledged) return finding;
    const byPath = this.byRule.get(`${PLUGIN_NAME}::${finding.causes[0]?.code ?? 'UNRESOLVED'}`);
    if (!byPath) return finding;
    for (const subject of [finding.function, finding.role, finding.bucket]) {
      for (let p: string | undefined = subject; p !== undefined; p = parentPath(p)) {
        const reason = byPath.get(p);
        if (reason !== undefined) return { ...finding, acknowledged: { reason } };
      }
    }
    return finding;
  }
}

/** `A/B/C` → `A/B` → `A` → `` (the App) → none. */
function parentPath(path: string): string | undefined {
  if (path === '') return undefined;
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}
