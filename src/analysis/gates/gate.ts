import type { NetworkPathResult } from './network-path';
import { RecordedRequestProfile } from '../../contract/intent';
import { AnalysisEnvironment } from '../input';
import { AppModel, BucketModel, FunctionModel, RoleModel } from '../model/types';
import { CauseCode } from '../report';
import { StepOutcome, StepResult } from '../step-outcome';

/**
 * What every gate is given: one write intent (function F with role R writing bucket B with request profile P) and
 * the facts about it that several gates read, worked out once per intent before any gate runs.
 */
export interface GateContext {
  readonly fn: FunctionModel;
  readonly role: RoleModel;
  readonly bucket: BucketModel;
  readonly profile: RecordedRequestProfile;
  readonly model: AppModel;
  readonly environment: AnalysisEnvironment;
  /** The function's network path (`decideNetworkPath`); undefined for a function outside a VPC. */
  readonly network?: NetworkPathResult;
  /** The condition keys the policies on the write's way test (any case, as written). */
  readonly keysRead: readonly string[];
}

/**
 * One check of a write intent, as cdk-nag's rules are one function each: a name and one signature. The analysis
 * runs the registered gates in order (decide/gates.ts) and the finding takes the worst of all their outcomes. A
 * gate that needs more than `GateContext` (the IAM steps in decide/) declares the wider context it reads.
 */
export interface Gate<C extends GateContext = GateContext> {
  /** What the gate checks, for reading and for tests. */
  readonly name: string;
  /** The gate's outcomes for the intent ([] when it has nothing to say). Never throws. */
  readonly outcomes: (context: C) => readonly StepOutcome[];
}

/** A gate's own outcome as a step outcome: a pass keeps its reason as a note, anything else becomes the cause. */
export function fromGate(gate: GateOutcome): StepOutcome {
  if (gate.result === 'pass') return { result: 'pass', notes: [gate.reason] };
  return { result: gate.result, cause: { code: gate.code, message: gate.reason, location: gate.location }, fix: gate.fix };
}

/**
 * What one gate says about one write intent. Gates are pure functions of plain, already-resolved values; the
 * analysis merges their outcomes into the finding of the intent, the worst result winning.
 *
 * - `pass`: the gate looked at the feature the request carries (or the setting the bucket has) and it lets the
 *   write through. The reason is worth keeping as a note.
 * - `deny`: every request of the profile fails because of this setting (403 or 400).
 * - `conditional`: the write works only if the request or network carries something the profile does not promise.
 * - `unknown`: the answer depends on something the templates do not show; the reason names it.
 */
export interface GateOutcome {
  readonly result: StepResult;
  readonly code: CauseCode;
  /** Names the setting, where it lives (construct path) and the request feature it meets. */
  readonly reason: string;
  /** Concrete: which prop to change, or which header to send or stop sending. Set on every deny and conditional. */
  readonly fix?: string;
  /** Construct path, or `Stack/LogicalId`, of the deciding setting. */
  readonly location?: string;
}

/**
 * Run a gate body so that nothing it meets can escape as an exception: bad input becomes an 'unknown' outcome
 * that says which gate failed to read what. The gates validate their input anyway; this is the last line.
 */
export function guardGate<T>(
  gate: string,
  code: CauseCode,
  location: string | undefined,
  body: () => T,
  onError: (outcome: GateOutcome) => T,
): T {
  try {
    return body();
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return onError({
      result: 'unknown',
      code,
      reason: `the ${gate} check could not read its input (${detail})`,
      location,
    });
  }
}
