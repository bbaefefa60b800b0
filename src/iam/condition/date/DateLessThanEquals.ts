import { dateComparison } from './instant';

/** DateLessThanEquals: the request date is at or before the policy date. */
export const DateLessThanEquals = dateComparison('DateLessThanEquals', (policy, request) => request <= policy);
