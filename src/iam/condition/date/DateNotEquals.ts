import { negationOf } from '../operator';
import { DateEquals } from './DateEquals';

/** DateNotEquals: negated matching — true when the date equals none of the policy dates. */
export const DateNotEquals = negationOf('DateNotEquals', DateEquals);
