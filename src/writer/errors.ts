import { IConstruct } from 'constructs';

/**
 * The error `SecureLambdaWriter` throws at construction when its props cannot be honoured: the message names the
 * construct, the prop at fault and the fix, so it alone tells the user what to change. `name` is
 * `'WriterPropError'` and `prop` names the prop (e.g. `'encryption'`, `'bucketProps.enforceSSL'`), so code can tell
 * it from other errors without parsing the message. Not exported from the package: jsii cannot export a class that
 * extends the built-in `Error` (JSII3001), so test `error.name === 'WriterPropError'` and read `error.prop`.
 */
export class WriterPropError extends Error {
  /**
   * @param scope the construct whose props are at fault (its path starts the message)
   * @param prop the prop at fault
   * @param problem what is wrong with it
   * @param fix what to change
   */
  constructor(scope: IConstruct, public readonly prop: string, problem: string, fix: string) {
    super(`${scope.node.path}: ${prop}: ${problem} Fix: ${fix}`);
    this.name = 'WriterPropError';
  }
}

/** The same text as a validation message, for checks that can only run at synth (`node.addValidation`). */
export function validationMessage(prop: string, problem: string, fix: string): string {
  return `${prop}: ${problem} Fix: ${fix}`;
}
