import { matchStatementAction } from '../match/action';
import { Policy, Statement } from '../model';

/**
 * Splits actions into classes no statement of the policies tells apart. The evaluator reads a request's action in
 * one place only: each statement's Action or NotAction (IAM User Guide, "IAM JSON policy elements: Action",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html). Two actions that every
 * statement matches alike (true, false or unknown alike) therefore get the same decision, the same decisive
 * statements and the same trace for requests that are otherwise the same: one evaluation decides the whole class.
 * Policies not given (an unknown layer) read no action.
 *
 * Classes keep the order of `actions`, and each class the order of its actions.
 */
export function actionClasses(actions: readonly string[], policies: readonly Policy[]): string[][] {
  if (actions.length < 2) return actions.map((a) => [a]);
  const clauses = policies.flatMap(distinctActionClauses);
  const classes = new Map<string, string[]>();
  for (const action of actions) {
    let signature = '';
    for (const clause of clauses) signature += matchStatementAction(clause, action)[0];
    const members = classes.get(signature);
    if (members) members.push(action);
    else classes.set(signature, [action]);
  }
  return [...classes.values()];
}

type ActionClause = Pick<Statement, 'action' | 'notAction'>;

const clausesByPolicy = new WeakMap<Policy, readonly ActionClause[]>();

/**
 * One statement for each distinct Action/NotAction of the policy, kept per policy: a role granted on B buckets has
 * B statements, nearly all with the same action list.
 */
function distinctActionClauses(policy: Policy): readonly ActionClause[] {
  let clauses = clausesByPolicy.get(policy);
  if (!clauses) {
    const byText = new Map<string, ActionClause>();
    for (const s of policy.statements) {
      const text = JSON.stringify([s.action ?? null, s.notAction ?? null]);
      if (!byText.has(text)) byText.set(text, { action: s.action, notAction: s.notAction });
    }
    clauses = [...byText.values()];
    clausesByPolicy.set(policy, clauses);
  }
  return clauses;
}
