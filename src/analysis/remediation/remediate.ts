import { applySteps } from './apply-steps';
import { buildSteps } from './build-steps';
import { CauseNeeds, needsOf } from './needs';
import { Remediation, RemediationStep } from './types';
import { AssemblyIndex } from '../cfn/assembly-index';
import { AssemblyInput } from '../input';
import { WriteIntent } from '../intents/types';
import { AppModel } from '../model/types';
import { Finding, Report } from '../report';

export interface RemediationContext {
  /** The templates as given. */
  readonly input: AssemblyInput;
  readonly index: AssemblyIndex;
  readonly model: AppModel;
  /** The analysis without remediation, for the re-check of one write on the changed templates. */
  readonly reanalyze: (input: AssemblyInput, focus: (f: Pick<Finding, 'function' | 'bucket'>) => boolean) => Report;
}

/**
 * Every DENY and CONDITIONAL finding gets `remediation`: steps built from what its causes need, applied to a copy of
 * the templates, and the write decided again there. `verified` is true only when that re-check gives ALLOW; the
 * `fix` text is then written from the steps.
 */
export function withRemediation(findings: readonly Finding[], ctx: RemediationContext): Finding[] {
  return findings.map((f) => {
    if (f.verdict !== 'DENY' && f.verdict !== 'CONDITIONAL') return f;
    const recorded = needsOf(f);
    if (!recorded) return f;
    try {
      const remediation = remediate(f, recorded.intent, recorded.perOutcome, ctx);
      const fix = fixText(remediation, f.fix);
      return { ...f, ...(fix ? { fix } : {}), remediation };
    } catch (e) {
      return { ...f, remediation: { steps: [], verified: false, reason: `no remediation: ${e instanceof Error ? e.message : String(e)}` } };
    }
  });
}

/** Rounds of "apply, re-check": a step can uncover a statement that did not decide before (a second Deny). */
const MAX_ROUNDS = 3;

/**
 * Steps from what the causes need, applied and re-checked; when the write is still not allowed, what the new causes
 * need is added and the steps are built again from all of it, so statements that only bite once the first fix is made
 * (a second Deny demanding another header) are reconciled with the first rather than fixed one at a time.
 */
function remediate(f: Finding, intent: WriteIntent, first: readonly CauseNeeds[], ctx: RemediationContext): Remediation {
  let pairs: CauseNeeds[] = [...first];
  let built = buildSteps({ index: ctx.index, model: ctx.model, finding: f, intent }, pairs);
  let check = recheck(f, built.steps, intent, ctx);
  for (let round = 1; round < MAX_ROUNDS && !check.verified && check.after; round++) {
    const more = needsOf(check.after)?.perOutcome ?? [];
    if (more.length === 0) break;
    pairs = [...pairs, ...more];
    const next = buildSteps({ index: ctx.index, model: ctx.model, finding: f, intent }, pairs);
    if (JSON.stringify(next.steps) === JSON.stringify(built.steps)) break;
    built = next;
    check = recheck(f, built.steps, intent, ctx);
  }
  const reasons = [...built.reasons, ...(check.verified || built.steps.length === 0 ? [] : [check.reason])];
  return { steps: built.steps, verified: check.verified, ...(reasons.length > 0 ? { reason: reasons.join('; ') } : {}) };
}

interface Recheck {
  readonly verified: boolean;
  readonly reason: string;
  /** The write's finding on the changed templates. */
  readonly after?: Finding;
}

function recheck(f: Finding, steps: readonly RemediationStep[], intent: WriteIntent, ctx: RemediationContext): Recheck {
  if (steps.length === 0) return { verified: false, reason: 'no steps' };
  if (steps.some((s) => s.kind === 'EXTERNAL')) return { verified: false, reason: 'a step is outside the templates, so it cannot be re-checked' };
  const applied = applySteps(ctx.input, steps, intent);
  if (!applied) return { verified: false, reason: 'the steps could not be applied to the templates for the re-check' };
  const report = ctx.reanalyze(applied, (g) => g.function === f.function && g.bucket === f.bucket);
  const same = report.findings.filter((g) => g.function === f.function && g.bucket === f.bucket && g.keyPattern === f.keyPattern);
  const after = same.find((g) => g.intent !== 'inferred') ?? same[0];
  if (after?.verdict === 'ALLOW') return { verified: true, reason: '' };
  return {
    verified: false,
    reason: `with the steps applied the write is still ${after?.verdict ?? 'not found'}${after?.causes[0] ? ` (${after.causes[0].code})` : ''}`,
    ...(after ? { after } : {}),
  };
}

/** The fix, in words, from the steps; the cause's own advice when the steps are not verified to pass. */
export function fixText(remediation: Remediation, previous: string | undefined): string | undefined {
  if (!remediation.verified) {
    const why = remediation.reason ? ` (No verified remediation: ${remediation.reason}.)` : '';
    return previous ? `${previous}${why}` : why.trim() || undefined;
  }
  const steps = remediation.steps.map(stepText).join(' ');
  // A new resource is infrastructure the app may not want (an endpoint, its cost): the cause's own advice, often a
  // change in the code alone (the endpoint's DNS name, the dual-stack endpoint), stays beside it as the alternative.
  const addsResource = remediation.steps.some((step) => step.kind === 'ADD_RESOURCE');
  return addsResource && previous ? `${steps} Alternatively: ${previous}` : steps;
}

export function stepText(step: RemediationStep): string {
  switch (step.kind) {
    case 'REQUEST': return `${step.why}: \`${step.cdk}\`.`;
    case 'ADD_STATEMENT': return `${step.why}${step.cdk ? ` (CDK: \`${step.cdk}\`)` : ''}.`;
    case 'REPLACE_STATEMENT': return `${step.why}.`;
    case 'SETTING': return `${step.why}: set ${step.property} of ${step.target.path} to ${JSON.stringify(step.value)}${step.cdk ? ` (CDK: \`${step.cdk}\`)` : ''}.`;
    case 'ADD_RESOURCE': return `${step.why}: add ${String(step.resource.Type)} ${step.target.logicalId} to ${step.target.templatePath}${step.cdk ? ` (CDK: \`${step.cdk}\`)` : ''}.`;
    case 'EXTERNAL': return `Outside the app: ${step.what}.`;
  }
}
