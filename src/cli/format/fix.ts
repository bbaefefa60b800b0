import { RemediationStep } from '../../analysis/remediation/types';
import { Finding, Report } from '../../analysis/report';
import { chunkedJson } from '../../analysis/text/chunked-json';

/**
 * `--fix`: the remediation steps of every DENY and CONDITIONAL finding, grouped by what they change — one entry per
 * policy (its resource), one per function whose request must change, one for what only others can change — as JSON
 * to review before applying. Each step says which write it is for and whether the re-check verified its remediation.
 */
export function formatFix(report: Report): string[] {
  const groups = new Map<string, FixGroup>();
  const unresolved: { write: WriteRef; reason: string }[] = [];
  for (const f of report.findings) {
    const remediation = f.remediation;
    if (!remediation) continue;
    if (remediation.steps.length === 0) {
      unresolved.push({ write: writeRef(f), reason: remediation.reason ?? 'no step found' });
      continue;
    }
    for (const step of remediation.steps) {
      const key = groupKey(step, f);
      const group = groups.get(key) ?? { ...groupHead(step, f), steps: [] };
      group.steps.push({ write: writeRef(f), verified: remediation.verified, ...(remediation.reason ? { reason: remediation.reason } : {}), step });
      groups.set(key, group);
    }
  }
  return [...chunkedJson({ version: 1, changes: [...groups.values()], unresolved }), '\n'];
}

interface WriteRef {
  readonly function: string;
  readonly bucket: string;
  readonly keyPattern: string;
  readonly verdict: string;
}

interface FixGroup {
  readonly change: 'policy' | 'setting' | 'resource' | 'request' | 'external';
  readonly policy?: string;
  readonly target?: unknown;
  readonly function?: string;
  readonly steps: { write: WriteRef; verified: boolean; reason?: string; step: RemediationStep }[];
}

function writeRef(f: Finding): WriteRef {
  return { function: f.function, bucket: f.bucket, keyPattern: f.keyPattern, verdict: f.verdict };
}

function groupKey(step: RemediationStep, f: Finding): string {
  switch (step.kind) {
    case 'ADD_STATEMENT':
    case 'REPLACE_STATEMENT':
    case 'SETTING':
      return `${step.kind === 'SETTING' ? 'setting' : 'policy'}|${step.target.templatePath}|${step.target.logicalId}|${step.target.path}`;
    case 'ADD_RESOURCE': return `resource|${step.target.templatePath}|${step.target.logicalId}`;
    case 'REQUEST': return `request|${f.function}`;
    case 'EXTERNAL': return 'external';
  }
}

function groupHead(step: RemediationStep, f: Finding): Omit<FixGroup, 'steps'> {
  switch (step.kind) {
    case 'ADD_STATEMENT':
    case 'REPLACE_STATEMENT':
      return { change: 'policy', policy: step.policy, target: step.target };
    case 'SETTING': return { change: 'setting', target: step.target };
    case 'ADD_RESOURCE': return { change: 'resource', target: step.target };
    case 'REQUEST': return { change: 'request', function: f.function };
    case 'EXTERNAL': return { change: 'external' };
  }
}
