import { IConstruct } from 'constructs';
import { WriterPropError } from './errors';
import { describeType } from '../runtime/write-rules';

/**
 * Refuse an optional prop of the wrong type. TypeScript's types do not reach callers from Python or Java (jsii) or
 * code that casts with `as any`, and `null` must not quietly mean "not set": for keyPrefix that would be the whole
 * bucket. `expected` reads after "not", e.g. 'a string'; `unsetMeaning` says what leaving the prop out means.
 */
export function checkOptionalType(
  scope: IConstruct, prop: string, value: unknown, isExpected: (v: unknown) => boolean, expected: string, unsetMeaning: string,
): void {
  if (value === undefined || isExpected(value)) return;
  if (value === null) {
    throw new WriterPropError(scope, prop, `it is null, not ${expected}.`, `leave ${prop} out for ${unsetMeaning}, or pass ${expected}.`);
  }
  throw new WriterPropError(scope, prop, `it is ${describeType(value)}, not ${expected}.`, `pass ${expected}.`);
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isNumber = (v: unknown): v is number => typeof v === 'number';
