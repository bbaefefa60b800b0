import { Policy } from '../model';
import { UNKNOWN } from '../tri';
import { candidatePositions, contextFreeResourceMatch, fixedResourceName } from './statement-index';

/**
 * Splits resources into classes no statement of the policies tells apart, so that one evaluation decides a class.
 *
 * The evaluator reads a request's resource in two places: each statement's Resource or NotResource (IAM User Guide,
 * "IAM JSON policy elements: Resource", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html),
 * and the statement index, which picks the statements to match by the resource's fixed name (statement-index.ts).
 * Two resources are put in one class when they give the same fixed name (or none) and every statement that may
 * cover that name matches both, certainly and alike (both true or both false). Their decisions are then the same —
 * outcome, decisive statements, trace — for requests that are otherwise the same, whatever those requests' contexts
 * hold: a resource is kept in a class of its own when a statement's match is unknown (its dependencies would name
 * the resource) or when a Resource entry holds a policy variable (its match would depend on the context).
 *
 * Classes keep the order of `resources`, and each class the order of its resources.
 */
export function resourceClasses(resources: readonly string[], policies: readonly Policy[]): string[][] {
  if (resources.length < 2) return resources.map((r) => [r]);
  const classes: string[][] = [];
  // By fixed name, then by how the statements match: a name is long (a generated atom holds a construct path), and
  // a signature short.
  const byName = new Map<string | undefined, Map<string, string[]>>();
  for (const resource of resources) {
    const name = fixedResourceName(resource);
    const signature = resourceSignature(resource, policies);
    let bySignature = byName.get(name);
    if (!bySignature) {
      bySignature = new Map();
      byName.set(name, bySignature);
    }
    const members = signature === undefined ? undefined : bySignature.get(signature);
    if (members) {
      members.push(resource);
    } else {
      const created = [resource];
      classes.push(created);
      if (signature !== undefined) bySignature.set(signature, created);
    }
  }
  return classes;
}

/** How each statement that may cover the resource matches it; undefined when some match cannot be compared. */
function resourceSignature(resource: string, policies: readonly Policy[]): string | undefined {
  let signature = '';
  for (const policy of policies) {
    // An unreadable document is unknown whatever the resource.
    if (policy.errors.length > 0) continue;
    // The statements the index may evaluate for this name, whatever the layer's principal rule (the rule only adds
    // statements it judges malformed, which are judged without their Resource); all of them when it cannot help.
    const positions = candidatePositions(policy, resource, 'everyone-if-absent')?.positions;
    const count = positions ? positions.length : policy.statements.length;
    for (let i = 0; i < count; i++) {
      const statement = policy.statements[positions ? positions[i] : i];
      // A malformed statement is unknown without reading its Resource.
      if (statement.malformed !== undefined) continue;
      const match = contextFreeResourceMatch(statement, resource, policy);
      if (match === undefined || match === UNKNOWN) return undefined;
      signature += match[0];
    }
    signature += '|';
  }
  return signature;
}
