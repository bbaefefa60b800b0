import { ConditionClause, Statement } from '../model';

const byStatement = new WeakMap<Statement, ReadonlyMap<string, readonly ConditionClause[]>>();

/**
 * The statement's condition clauses on `key` (condition keys compare case-insensitively: IAM User Guide, "IAM JSON
 * policy elements: Condition"), in the statement's order. Indexed once per statement: a statement of thousands of
 * clauses is asked about each of its keys, and a scan per question made that quadratic.
 */
export function clausesOnKey(statement: Statement, key: string): readonly ConditionClause[] {
  let index = byStatement.get(statement);
  if (!index) {
    const built = new Map<string, ConditionClause[]>();
    for (const clause of statement.conditions) {
      const folded = clause.key.toLowerCase();
      const list = built.get(folded);
      if (list) list.push(clause);
      else built.set(folded, [clause]);
    }
    index = built;
    byStatement.set(statement, index);
  }
  return index.get(key.toLowerCase()) ?? NONE;
}

const NONE: readonly ConditionClause[] = Object.freeze([]);
