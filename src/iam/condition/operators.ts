import { ArnEquals } from './arn/ArnEquals';
import { ArnLike } from './arn/ArnLike';
import { ArnNotEquals } from './arn/ArnNotEquals';
import { ArnNotLike } from './arn/ArnNotLike';
import { BinaryEquals } from './binary/BinaryEquals';
import { Bool } from './bool/Bool';
import { DateEquals } from './date/DateEquals';
import { DateGreaterThan } from './date/DateGreaterThan';
import { DateGreaterThanEquals } from './date/DateGreaterThanEquals';
import { DateLessThan } from './date/DateLessThan';
import { DateLessThanEquals } from './date/DateLessThanEquals';
import { DateNotEquals } from './date/DateNotEquals';
import { IpAddress } from './ip/IpAddress';
import { NotIpAddress } from './ip/NotIpAddress';
import { NumericEquals } from './numeric/NumericEquals';
import { NumericGreaterThan } from './numeric/NumericGreaterThan';
import { NumericGreaterThanEquals } from './numeric/NumericGreaterThanEquals';
import { NumericLessThan } from './numeric/NumericLessThan';
import { NumericLessThanEquals } from './numeric/NumericLessThanEquals';
import { NumericNotEquals } from './numeric/NumericNotEquals';
import { ComparisonOperator } from './operator';
import { StringEquals } from './string/StringEquals';
import { StringEqualsIgnoreCase } from './string/StringEqualsIgnoreCase';
import { StringLike } from './string/StringLike';
import { StringNotEquals } from './string/StringNotEquals';
import { StringNotEqualsIgnoreCase } from './string/StringNotEqualsIgnoreCase';
import { StringNotLike } from './string/StringNotLike';

/** The 26 comparison operators of IAM (Null, a presence test, is handled apart). */
export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = [
  StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike,
  NumericEquals, NumericNotEquals, NumericLessThan, NumericLessThanEquals, NumericGreaterThan, NumericGreaterThanEquals,
  DateEquals, DateNotEquals, DateLessThan, DateLessThanEquals, DateGreaterThan, DateGreaterThanEquals,
  Bool, BinaryEquals, IpAddress, NotIpAddress, ArnEquals, ArnLike, ArnNotEquals, ArnNotLike,
];

const BY_NAME = new Map(COMPARISON_OPERATORS.map((op) => [op.name, op]));

/** The operator of that exact name (names are case-sensitive). */
export function findOperator(name: string): ComparisonOperator | undefined {
  return BY_NAME.get(name);
}
