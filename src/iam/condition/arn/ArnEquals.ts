import { ComparisonOperator } from '../operator';
import { ArnLike } from './ArnLike';

/** ArnEquals: the same comparison as ArnLike, wildcards included (IAM condition operators, ARN). */
export const ArnEquals: ComparisonOperator = { ...ArnLike, name: 'ArnEquals' };
