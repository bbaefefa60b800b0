import { dateComparison } from './instant';

/** DateGreaterThanEquals: the request date is at or after the policy date. */
export const DateGreaterThanEquals = dateComparison('DateGreaterThanEquals', (policy, request) => request >= policy);
