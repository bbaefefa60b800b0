import { negationOf } from '../operator';
import { StringEquals } from './StringEquals';

/** StringNotEquals: negated matching — true when the value equals none of the policy values. */
export const StringNotEquals = negationOf('StringNotEquals', StringEquals);
