import { numericComparison } from './decimal';

/** NumericLessThan: the request value is less than the policy value. */
export const NumericLessThan = numericComparison('NumericLessThan', (order) => order < 0);
