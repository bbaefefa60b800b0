import { anyOf, not, Tri } from '../tri';
import { globMatch } from './glob';
import { BoundedCache } from '../bounded-cache';

/**
 * Does an Action entry cover a request action? Service prefix and action name are case-insensitive; `*` and
 * `?` are wildcards; `*` alone covers every action (IAM "Action element").
 */
export function matchAction(pattern: string, action: string): Tri {
  // An app spells few distinct Action entries and asks about few actions, but asks about each pair once per
  // statement and request: thousands of times in a large app.
  return matched.get(pattern, () => new BoundedCache<Tri>(MAX_REMEMBERED))
    .get(action, () => globMatch(pattern, action, { ignoreCase: true, wildcards: true }));
}

const MAX_REMEMBERED = 10_000;
const matched = new BoundedCache<BoundedCache<Tri>>(MAX_REMEMBERED);

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
