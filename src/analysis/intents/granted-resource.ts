import { stripLiteralMarkers } from '../../iam/match/glob';
import { PolicyVersion, RequestContext } from '../../iam/model';
import { substituteVariables } from '../../iam/variables';
import { opaque } from '../cfn/opaque';

/** A granted Resource as it applies to one function. */
export interface GrantedResource {
  /** The resource the intent is built on: variables replaced by this function's values, or by opaque atoms. */
  readonly resource: string;
  /** The resource as written, when some variable's value is unknown (the finding shows this form). */
  readonly display?: string;
  readonly note?: string;
}

/**
 * The resources a grant gives one function, policy variables substituted with its context (IAM "Variables and
 * tags"): `bucket/${aws:PrincipalTag/team}/*` on a role tagged team=a is `bucket/a/*`. A variable whose value is
 * unknown becomes an opaque atom of its own — not the atom the evaluator uses for the same variable, so the write
 * is judged 'unknown' against the grant, never allowed or denied on a guess. A variable with no value (a tag the
 * role does not carry) leaves the resource matching nothing: the grant gives this function nothing.
 */
export function grantedResources(written: readonly string[], context: RequestContext, version: PolicyVersion, fnDisplay: string): GrantedResource[] {
  const out: GrantedResource[] = [];
  for (const text of written) {
    const substituted = substituteVariables(text, context, version);
    if ('noValue' in substituted) continue;
    if ('value' in substituted) {
      // A `*` that came from an escape or a value is a literal character; the key pattern's `*` stands for any
      // text, which covers it (the request is then judged for more keys, never fewer).
      const resource = stripLiteralMarkers(substituted.value);
      out.push(resource === text ? { resource } : { resource, note: `the grant's resource ${text} is ${resource} for this function (its policy variables take the role's values)` });
      continue;
    }
    out.push({
      resource: text.replace(/\$\{[^}]*\}/g, (ref) => opaqueVariable(ref, fnDisplay)),
      display: text,
      note: `the grant's resource ${text} holds a policy variable whose value is unknown (${substituted.unknown})`,
    });
  }
  return out;
}

function opaqueVariable(reference: string, fnDisplay: string): string {
  if (reference === '${*}') return '*';
  if (reference === '${?}') return '?';
  if (reference === '${$}') return '$';
  return opaque(`the value of ${reference} for ${fnDisplay}`);
}
