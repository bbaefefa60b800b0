import { stepText } from './remediate';
import { RemediationStep } from './types';

/** A remediation as the analysis report and `checker.findings` both carry it (the public step kind is the same string). */
export interface RemediationLike {
  readonly steps: readonly unknown[];
  readonly verified: boolean;
  readonly reason?: string;
}

/** One line per step, numbered, and whether the re-check verified them: for the table and the synth output. */
export function remediationLines(remediation: RemediationLike): string[] {
  const head = remediation.verified
    ? 'remediation (re-checked: ALLOW with these steps):'
    : `remediation (not verified${remediation.reason ? `: ${remediation.reason}` : ''}):`;
  return [head, ...(remediation.steps as RemediationStep[]).map((s, i) => `${i + 1}. ${stepText(s)}`)];
}

/**
 * What the synth error adds to the fix when the fix text is not written from the steps (they are not verified): the
 * first step's CDK line, and the declaration for a REQUEST step.
 */
export function firstStepHint(remediation: RemediationLike | undefined, fix: string | undefined): string | undefined {
  const first = remediation?.steps[0] as RemediationStep | undefined;
  if (!first || first.kind === 'EXTERNAL' || !first.cdk || fix?.includes(first.cdk)) return undefined;
  return first.kind === 'REQUEST' ? `Declare what the code sends: \`${first.cdk}\`` : `CDK: \`${first.cdk}\``;
}
