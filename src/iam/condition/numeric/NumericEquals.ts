import { numericComparison } from './decimal';

/** NumericEquals: the request value equals the policy value. */
export const NumericEquals = numericComparison('NumericEquals', (order) => order === 0);
