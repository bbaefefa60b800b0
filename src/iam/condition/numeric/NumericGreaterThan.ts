import { numericComparison } from './decimal';

/** NumericGreaterThan: the request value is greater than the policy value. */
export const NumericGreaterThan = numericComparison('NumericGreaterThan', (order) => order > 0);
