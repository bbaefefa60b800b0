import { dateComparison } from './instant';

/** DateEquals: the request date is the same instant as the policy date. */
export const DateEquals = dateComparison('DateEquals', (policy, request) => request === policy);
