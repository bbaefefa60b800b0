import { dateComparison } from './instant';

/** DateGreaterThan: the request date is after the policy date. */
export const DateGreaterThan = dateComparison('DateGreaterThan', (policy, request) => request > policy);
