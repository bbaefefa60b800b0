import { dateComparison } from './instant';

/** DateLessThan: the request date is before the policy date. */
export const DateLessThan = dateComparison('DateLessThan', (policy, request) => request < policy);
