import { PolicyVersion, RequestContext } from '../model';
import { ARN_COMPONENTS, splitArn } from '../policy/arn';
import { describeSymbolic } from '../symbolic';
import { allOf, and, FALSE, not, TRUE, Tri, UNKNOWN } from '../tri';
import { substituteVariables } from '../variables';
import { globMatch } from './glob';

const CASE_SENSITIVE_GLOB = { wildcards: true } as const;
const ANY_VARIABLE = /\$\{[^}]*\}/g;

/** One Resource/NotResource entry against the request's resource. */
interface EntryMatch {
  /** Does the entry cover the resource (an entry with a variable that has no value covers nothing)? */
  readonly match: Tri;
  /** A policy variable of the entry has, or may have, no value. */
  readonly mayLackValue: boolean;
}

/** A statement's resource answer, with why it is 'unknown' when it is. */
export interface ResourceMatch {
  readonly result: Tri;
  readonly reason?: string;
}

/**
 * Does a Resource entry cover the request's resource ARN? (IAM "Resource element".)
 * - `*` alone covers everything.
 * - The five leading components (partition, service, region, account) are matched one by one, so a wildcard
 *   never spans the colon between two of them (IAM "ARN condition operators": components compared separately).
 * - In the resource part `*` runs across `/` (`arn:aws:s3:::b/*test*` covers `b/1/2/test/3/o.jpg`).
 * - Matching is case-sensitive (S3 keys and bucket names are).
 * - Policy variables are substituted in the resource part only; a variable without a value makes the entry
 *   cover nothing (IAM "Variables and tags").
 */
export function matchResource(pattern: string, resource: string, context: RequestContext, version: PolicyVersion): Tri {
  return matchEntry(pattern, resource, context, version).match;
}

function matchEntry(pattern: string, resource: string, context: RequestContext, version: PolicyVersion): EntryMatch {
  if (pattern === '*') return { match: TRUE, mayLackValue: false };
  const patternParts = splitArn(pattern);
  const valueParts = splitArn(resource);
  if (patternParts.length < ARN_COMPONENTS || valueParts.length < ARN_COMPONENTS) {
    return { match: matchShortArn(pattern, resource), mayLackValue: false };
  }
  const head = allOf([0, 1, 2, 3, 4], (i) => globMatch(patternParts[i], valueParts[i], CASE_SENSITIVE_GLOB));
  const tail = matchResourcePart(patternParts[5], valueParts[5], context, version);
  return { match: and(head, tail.match), mayLackValue: tail.mayLackValue };
}

function matchResourcePart(pattern: string, value: string, context: RequestContext, version: PolicyVersion): EntryMatch {
  const substituted = substituteVariables(pattern, context, version);
  if ('value' in substituted) return { match: globMatch(substituted.value, value, CASE_SENSITIVE_GLOB), mayLackValue: false };
  if ('noValue' in substituted) return { match: FALSE, mayLackValue: true };
  const mayLackValue = substituted.mayHaveNoValue === true;
  if (substituted.symbolic !== undefined) {
    // Unknown variables stand as opaque atoms: a mismatch of the literal parts is still a certain 'false'.
    const result = globMatch(substituted.symbolic, value, CASE_SENSITIVE_GLOB);
    return { match: result === TRUE && mayLackValue ? UNKNOWN : result, mayLackValue };
  }
  // No single text stands for every case: a wildcard in place of each variable covers every value it could
  // take, so if even that does not match, nothing the variables could be would.
  const widened = pattern.replace(ANY_VARIABLE, '*');
  return { match: globMatch(widened, value, CASE_SENSITIVE_GLOB) === FALSE ? FALSE : UNKNOWN, mayLackValue };
}

/**
 * An entry or a resource with fewer than six components: not a full ARN as written, or an atom that stands for
 * several components at once. Services read short ARNs differently (some pad them with wildcards, some match
 * nothing), so only two answers are trusted: equal text matches, and 'false' from the widest reading (a
 * trailing `*` and wildcards spanning colons cover every padding and every way an atom could split).
 */
function matchShortArn(pattern: string, resource: string): Tri {
  if (globMatch(pattern, resource, { wildcards: false }) === TRUE) return TRUE;
  return globMatch(`${pattern}*`, resource, CASE_SENSITIVE_GLOB) === FALSE ? FALSE : UNKNOWN;
}

/**
 * The resource part of a statement: Resource covers the request when any entry does; NotResource covers every
 * resource except the listed ones (IAM "NotResource element").
 *
 * A NotResource entry whose variable has no value is 'unknown': the docs say only that such an entry matches
 * nothing and that an unresolved variable "might cause the entire statement to be invalid" (IAM "Variables and
 * tags"), which leaves open whether the statement then covers everything or nothing.
 */
export function matchStatementResource(
  statement: { readonly resource?: readonly string[]; readonly notResource?: readonly string[] },
  resource: string,
  context: RequestContext,
  version: PolicyVersion,
): ResourceMatch {
  const entries = statement.resource ?? statement.notResource;
  if (!entries) return { result: UNKNOWN, reason: 'the statement has neither Resource nor NotResource' };
  const negated = statement.resource === undefined;
  let listed: Tri = FALSE;
  const unsure: string[] = [];
  for (const pattern of entries) {
    const entry = matchEntry(pattern, resource, context, version);
    let match = entry.match;
    if (negated && entry.mayLackValue && match !== TRUE) {
      match = UNKNOWN;
      unsure.push(`NotResource entry "${describeSymbolic(pattern)}" uses a policy variable with no value`);
    } else if (match === UNKNOWN) {
      unsure.push(`whether "${describeSymbolic(pattern)}" covers "${describeSymbolic(resource)}" is unknown`);
    }
    if (match === TRUE) {
      listed = TRUE;
      break;
    }
    if (match === UNKNOWN) listed = UNKNOWN;
  }
  const result = negated ? not(listed) : listed;
  return result === UNKNOWN ? { result, reason: unsure.join('; ') } : { result };
}
