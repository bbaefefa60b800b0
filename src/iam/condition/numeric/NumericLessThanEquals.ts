import { numericComparison } from './decimal';

/** NumericLessThanEquals: the request value is less than or equal to the policy value. */
export const NumericLessThanEquals = numericComparison('NumericLessThanEquals', (order) => order <= 0);
