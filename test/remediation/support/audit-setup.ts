import * as fs from 'fs';
import { recheck } from './recheck';
import * as analyze from '../../../src/analysis/analyze';
import { AnalysisEnvironment, AssemblyInput } from '../../../src/analysis/input';
import { Report } from '../../../src/analysis/report';

// An audit of every DENY/CONDITIONAL finding a whole suite produces, not a test of its own: load it with
//   REMEDIATION_AUDIT=/tmp/audit.jsonl npx jest test/scenarios --maxWorkers=1 --setupFilesAfterEnv ./test/remediation/support/audit-setup.ts
// Every analysis the suite runs is wrapped: each DENY/CONDITIONAL finding's steps are applied by the test's own code
// (support/recheck.ts) and the write checked again; one JSON line per finding records the cause codes, whether the
// checker verified it, what the independent re-check gave, and the reason when not verified.
// `node test/remediation/support/audit-summary.js /tmp/audit.jsonl` then counts them.

const out = process.env.REMEDIATION_AUDIT;
if (out) {
  const module = analyze as { analyzeAssembly: typeof analyze.analyzeAssembly };
  const original = module.analyzeAssembly;
  module.analyzeAssembly = (input: AssemblyInput, environment?: AnalysisEnvironment, options?: analyze.AnalysisOptions): Report => {
    const report = original(input, environment, options);
    if (options?.remediate === false) return report;
    for (const f of report.findings) {
      if (f.verdict !== 'DENY' && f.verdict !== 'CONDITIONAL') continue;
      let after: string;
      try {
        after = f.remediation?.verified ? recheck(input.stacks, f, environment).verdict : 'not applied';
      } catch (e) {
        after = `error: ${(e as Error).message}`;
      }
      fs.appendFileSync(out, JSON.stringify({
        test: expect.getState().currentTestName,
        verdict: f.verdict,
        codes: f.causes.map(c => c.code),
        kinds: (f.remediation?.steps ?? []).map(s => s.kind),
        verified: f.remediation?.verified ?? false,
        after,
        reason: f.remediation?.reason,
      }) + '\n');
    }
    return report;
  };
}
