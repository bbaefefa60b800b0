import { NestedStackLink } from '../input';

/**
 * Which stack of the assembly a CloudFormation nested stack is deployed by, checked: the parent must be a stack of
 * the assembly, the resource an `AWS::CloudFormation::Stack` of that parent deploying no other template, and
 * following parents must never come back to the same stack (hostile input must not make lookups loop).
 */

/** What the links need to know of a stack and its resources. */
export interface LinkableStack {
  readonly artifactId: string;
  readonly nestedIn?: NestedStackLink;
}

export interface NestedStackLinks<S, R> {
  /** The parent's `AWS::CloudFormation::Stack` resource that deploys `stack`, for a linked nested stack. */
  parentResourceOf(stack: S): R | undefined;
  /** The nested stack an `AWS::CloudFormation::Stack` resource deploys, when its template is in the assembly. */
  nestedStackOf(resource: R): S | undefined;
}

export const NESTED_STACK_TYPE = 'AWS::CloudFormation::Stack';

export function linkNestedStacks<S extends LinkableStack, R extends { readonly type: string }>(
  stacks: readonly S[],
  resourceOf: (stack: S, logicalId: string) => R | undefined,
  problems: string[],
): NestedStackLinks<S, R> {
  const byArtifactId = new Map<string, S>();
  for (const stack of stacks) if (!byArtifactId.has(stack.artifactId)) byArtifactId.set(stack.artifactId, stack);

  const parentResource = new Map<S, R>();
  const parentStack = new Map<S, S>();
  const child = new Map<R, S>();
  for (const stack of stacks) {
    const link = stack.nestedIn;
    if (link === undefined) continue;
    const parent = typeof link === 'object' && link !== null && typeof link.artifactId === 'string' ? byArtifactId.get(link.artifactId) : undefined;
    const resource = parent && typeof link.logicalId === 'string' ? resourceOf(parent, link.logicalId) : undefined;
    let problem: string | undefined;
    if (!parent) problem = `its parent ${String(link?.artifactId)} is not a stack of the assembly`;
    else if (!resource || resource.type !== NESTED_STACK_TYPE) problem = `${String(link.logicalId)} is not an ${NESTED_STACK_TYPE} resource of ${parent.artifactId}`;
    else if (child.has(resource)) problem = `${parent.artifactId}/${link.logicalId} already deploys ${child.get(resource)!.artifactId}`;
    else if (reachesItself(stack, parent, parentStack)) problem = 'its parents lead back to itself';
    if (problem !== undefined || !parent || !resource) {
      problems.push(`nested stack ${stack.artifactId} is analysed on its own (its parameters stay unresolved): ${problem}`);
      continue;
    }
    parentResource.set(stack, resource);
    parentStack.set(stack, parent);
    child.set(resource, stack);
  }
  return {
    parentResourceOf: (stack) => parentResource.get(stack),
    nestedStackOf: (resource) => child.get(resource),
  };
}

/** Would making `parent` the parent of `stack` close a loop of parents? */
function reachesItself<S>(stack: S, parent: S, parentStack: ReadonlyMap<S, S>): boolean {
  const seen = new Set<S>();
  for (let s: S | undefined = parent; s !== undefined && !seen.has(s); s = parentStack.get(s)) {
    if (s === stack) return true;
    seen.add(s);
  }
  return false;
}
