import { negationOf } from '../operator';
import { NumericEquals } from './NumericEquals';

/** NumericNotEquals: negated matching — true when the value equals none of the policy values. */
export const NumericNotEquals = negationOf('NumericNotEquals', NumericEquals);
