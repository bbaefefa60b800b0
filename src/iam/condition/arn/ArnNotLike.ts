import { negationOf } from '../operator';
import { ArnLike } from './ArnLike';

/** ArnNotLike: negated matching — true when the ARN is like none of the policy ARNs. */
export const ArnNotLike = negationOf('ArnNotLike', ArnLike);
