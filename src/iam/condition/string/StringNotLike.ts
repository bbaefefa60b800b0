import { negationOf } from '../operator';
import { StringLike } from './StringLike';

/** StringNotLike: negated StringLike — true when the value is like none of the policy patterns. */
export const StringNotLike = negationOf('StringNotLike', StringLike);
