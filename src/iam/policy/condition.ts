import { ConditionClause } from '../model';
import { describeJson, isPlainObject, readStringList } from './values';

export type ConditionBlockResult = { readonly clauses: ConditionClause[] } | { readonly error: string };

/**
 * Flatten a Condition block `{ Operator: { Key: value | [values] } }` into clauses. Every clause must hold
 * (operators and keys AND together; the values of one key are combined by the operator itself — IAM "Condition
 * element: conditions with multiple context keys or values"). Numbers and booleans are stringified, as IAM
 * compares them as text.
 */
export function parseConditionBlock(value: unknown): ConditionBlockResult {
  if (!isPlainObject(value)) return { error: `Condition must be an object, got ${describeJson(value)}` };
  const clauses: ConditionClause[] = [];
  for (const operator of Object.keys(value)) {
    const keys = value[operator];
    if (!isPlainObject(keys)) return { error: `Condition operator ${operator} must map keys to values, got ${describeJson(keys)}` };
    const keyNames = Object.keys(keys);
    if (keyNames.length === 0) return { error: `Condition operator ${operator} has no keys` };
    for (const key of keyNames) {
      const read = readStringList(keys[key], `Condition ${operator} ${key}`, true);
      if ('error' in read) return read;
      clauses.push({ operator, key, values: read.values });
    }
  }
  return { clauses };
}
