import { WriteIntent } from '../intents/types';
import { recordNeeds } from '../remediation/needs';
import { Cause, Finding, Verdict } from '../report';
import { StepOutcome, StepResult, worst } from '../step-outcome';

const VERDICTS: Record<StepResult, Verdict> = { pass: 'ALLOW', deny: 'DENY', conditional: 'CONDITIONAL', unknown: 'UNKNOWN' };

/**
 * The finding of an intent from the outcomes of all its steps and gates. The worst result decides the verdict:
 * DENY when some step denies every request, UNKNOWN when something outside the templates decides, CONDITIONAL
 * when only the request's headers or network path decide, ALLOW otherwise. The causes listed are those of the
 * deciding results (for UNKNOWN, the conditional ones too, since both must be settled).
 */
export function buildFinding(intent: WriteIntent, outcomes: readonly StepOutcome[], notes: readonly string[]): Finding {
  const result = worst(outcomes.map((o) => o.result));
  const deciding = outcomes.filter((o) => o.cause && (o.result === result || (result === 'unknown' && o.result === 'conditional')));
  const causes = unique(deciding.map((o) => o.cause!));
  const fix = deciding.find((o) => o.fix)?.fix;
  const allNotes = unique([...notes, ...outcomes.flatMap((o) => o.notes ?? [])].filter((n) => n.length > 0));
  const finding: Finding = {
    ...identity(intent),
    verdict: VERDICTS[result],
    causes,
    ...(fix ? { fix } : {}),
    ...(allNotes.length > 0 ? { notes: allNotes } : {}),
  };
  // What the deciding outcomes need, for the remediation built once the whole app is known (remediation/remediate.ts).
  if (result === 'deny' || result === 'conditional') recordNeeds(finding, intent, deciding.map((o) => ({ cause: o.cause, needs: o.needs ?? [] })));
  return finding;
}

/** An intent that cannot be judged at all. */
export function unknownFinding(intent: WriteIntent, reason: string): Finding {
  return {
    ...identity(intent),
    verdict: 'UNKNOWN',
    causes: [{ code: 'UNRESOLVED', message: `${intent.fn.display} writing ${intent.bucketLabel}: ${reason}.`, ...problemLocation(intent) }],
  };
}

/** The policy the problem is in when there is one, else the function. */
function problemLocation(intent: WriteIntent): Pick<Cause, 'location' | 'templatePath' | 'logicalId' | 'jsonPath'> {
  const source = intent.problemSource;
  if (!source) return { location: intent.fn.display };
  return {
    location: source.location,
    ...(source.templatePath !== undefined ? { templatePath: source.templatePath } : {}),
    ...(source.logicalId !== undefined ? { logicalId: source.logicalId } : {}),
    ...(source.documentPath !== undefined ? { jsonPath: source.documentPath } : {}),
  };
}

function identity(intent: WriteIntent) {
  const { fn } = intent;
  return {
    function: fn.display,
    ...(fn.role ? { role: fn.role.display } : {}),
    bucket: intent.bucket?.display ?? intent.bucketLabel,
    keyPattern: intent.keyPattern,
    intent: intent.source,
    templatePath: fn.entry.stack.templatePath,
    logicalId: fn.entry.logicalId,
  };
}

function unique<T>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = JSON.stringify(i);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
