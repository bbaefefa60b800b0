import { Need } from './types';
import { WriteIntent } from '../intents/types';
import { Cause, Finding } from '../report';

/** One deciding outcome: its cause and what it needs. */
export interface CauseNeeds {
  readonly cause?: Cause;
  readonly needs: readonly Need[];
}

/** What a finding's deciding outcomes need, and its intent. */
export interface FindingNeeds {
  readonly intent: WriteIntent;
  readonly perOutcome: readonly CauseNeeds[];
}

/**
 * The findings stage knows what each deciding outcome needs; the remediation, built after every intent is decided,
 * reads it here. Keyed by the finding object, so nothing internal reaches the report's JSON.
 */
const NEEDS = new WeakMap<Finding, FindingNeeds>();

export function recordNeeds(finding: Finding, intent: WriteIntent, perOutcome: readonly CauseNeeds[]): void {
  NEEDS.set(finding, { intent, perOutcome });
}

export function needsOf(finding: Finding): FindingNeeds | undefined {
  return NEEDS.get(finding);
}
