import { anyOf, not, Tri } from '../tri';
import { globMatch } from './glob';

/**
 * Does an Action entry cover a request action? Service prefix and action name are case-insensitive; `*` and
 * `?` are wildcards; `*` alone covers every action (IAM "Action element").
 */
export function matchAction(pattern: string, action: string): Tri {
  return globMatch(pattern, action, { ignoreCase: true, wildcards: true });
}

/**
 * The action part of a statement: Action covers the request when any entry does; NotAction covers every action
 * of every service except the listed ones (IAM "NotAction element").
 */
export function matchStatementAction(
  statement: { readonly action?: readonly string[]; readonly notAction?: readonly string[] },
  action: string,
): Tri {
  if (statement.action) return anyOf(statement.action, (p) => matchAction(p, action));
  if (statement.notAction) return not(anyOf(statement.notAction, (p) => matchAction(p, action)));
  return 'unknown';
}
