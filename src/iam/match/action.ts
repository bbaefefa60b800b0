import { FALSE, not, Tri, TRUE, UNKNOWN } from '../tri';
import { globMatch } from './glob';
import { BoundedCache } from '../bounded-cache';

/**
 * Does an Action entry cover a request action? Service prefix and action name are case-insensitive; `*` and
 * `?` are wildcards; `*` alone covers every action (IAM "Action element").
 */
export function matchAction(pattern: string, action: string): Tri {
  // An app spells few distinct Action entries and asks about few actions, but asks about each pair once per
  // statement and request: millions of times in a large app, so the lookup makes no closure.
  const byAction = matched.lookup(pattern) ?? matched.store(pattern, new BoundedCache<Tri>(MAX_REMEMBERED));
  return byAction.lookup(action) ?? byAction.store(action, globMatch(pattern, action, ACTION_GLOB));
}

const ACTION_GLOB = { ignoreCase: true, wildcards: true } as const;

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
  if (statement.action) return anyEntry(statement.action, action);
  if (statement.notAction) return not(anyEntry(statement.notAction, action));
  return 'unknown';
}

/** Kleene OR of the entries' matches (`anyOf`, written out: this runs for every statement of every request). */
function anyEntry(entries: readonly string[], action: string): Tri {
  let result: Tri = FALSE;
  for (const entry of entries) {
    const match = matchAction(entry, action);
    if (match === TRUE) return TRUE;
    if (match === UNKNOWN) result = UNKNOWN;
  }
  return result;
}
