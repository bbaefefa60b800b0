import { negationOf } from '../operator';
import { StringEqualsIgnoreCase } from './StringEqualsIgnoreCase';

/** StringNotEqualsIgnoreCase: negated matching, ignoring case. */
export const StringNotEqualsIgnoreCase = negationOf('StringNotEqualsIgnoreCase', StringEqualsIgnoreCase);
