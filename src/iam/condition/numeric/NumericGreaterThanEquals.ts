import { numericComparison } from './decimal';

/** NumericGreaterThanEquals: the request value is greater than or equal to the policy value. */
export const NumericGreaterThanEquals = numericComparison('NumericGreaterThanEquals', (order) => order >= 0);
