import { negationOf } from '../operator';
import { ArnEquals } from './ArnEquals';

/** ArnNotEquals: negated ArnEquals. */
export const ArnNotEquals = negationOf('ArnNotEquals', ArnEquals);
