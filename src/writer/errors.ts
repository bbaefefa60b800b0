import { IConstruct } from 'constructs';

/**
 * A construction error that names the construct, the prop at fault and the fix, so the message alone tells the
 * user what to change.
 */
export class WriterPropError extends Error {
  constructor(scope: IConstruct, readonly prop: string, problem: string, fix: string) {
    super(`${scope.node.path}: ${prop}: ${problem} Fix: ${fix}`);
    this.name = 'WriterPropError';
  }
}

/** The same text as a validation message, for checks that can only run at synth (`node.addValidation`). */
export function validationMessage(prop: string, problem: string, fix: string): string {
  return `${prop}: ${problem} Fix: ${fix}`;
}
