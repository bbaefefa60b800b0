import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Where a resource comes from, which decides what the writer may do with its policy:
 * - `created`: made by this writer;
 * - `sameStack`: a resource of the app in the writer's stack (its policy can name the writer's role);
 * - `otherStack`: a resource of the app in another stack (naming the role there would make the stacks reference
 *   each other both ways, which CloudFormation rejects);
 * - `imported`: not in the app (`fromXxx`): its policy cannot be changed, only reported to its owner.
 */
export type Ownership = 'created' | 'sameStack' | 'otherStack' | 'imported';

/** The L1 resource of a construct of the app, if it has one of the given type. */
export function appResource(construct: IConstruct, cfnType: string): CfnResource | undefined {
  const child = construct.node.defaultChild;
  if (child && CfnResource.isCfnResource(child) && child.cfnResourceType === cfnType) return child;
  return undefined;
}

export function ownershipOf(construct: IConstruct, cfnType: string, writer: IConstruct, created: boolean): Ownership {
  if (created) return 'created';
  if (!appResource(construct, cfnType)) return 'imported';
  return Stack.of(construct) === Stack.of(writer) ? 'sameStack' : 'otherStack';
}

/** Policies the writer may edit directly. */
export function canEditPolicy(ownership: Ownership): boolean {
  return ownership === 'created' || ownership === 'sameStack';
}

/** Two accounts that are both concrete and differ. Tokens (environment-agnostic stacks) are not a difference. */
export function differentAccounts(a: string | undefined, b: string | undefined): boolean {
  return !!a && !!b && !Token.isUnresolved(a) && !Token.isUnresolved(b) && a !== b;
}
