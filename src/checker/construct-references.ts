import { CfnResource, Reference, Stage, Token, Tokenization } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { literalOrUndefined } from '../contract/record-intent';

/**
 * Finding the L1 resource behind a construct without resolving tokens, so that an intent can name it by construct
 * path (a literal) instead of by a token that would create a reference — or a cross-stack export — if stored.
 */

/** The construct itself or its default child, when it is a CloudFormation resource of `type`. */
export function ownCfnResource(construct: IConstruct, type: string): CfnResource | undefined {
  for (const candidate of [construct, construct.node.defaultChild]) {
    if (candidate && CfnResource.isCfnResource(candidate) && candidate.cfnResourceType === type) return candidate;
  }
  return undefined;
}

/**
 * The resource of `type` that a token references, e.g. the CfnBucket behind `otherBucket.bucketName` passed to
 * `Bucket.fromBucketName`. Only a whole-string reference counts (`Ref` or `Fn::GetAtt`), not a token inside text.
 */
export function referencedCfnResource(value: string | undefined, type: string): CfnResource | undefined {
  if (value === undefined || !Token.isUnresolved(value)) return undefined;
  const token = Tokenization.reverse(value, { failConcat: false });
  if (!token || !Reference.isReference(token)) return undefined;
  const target = token.target;
  return CfnResource.isCfnResource(target) && target.cfnResourceType === type ? target : undefined;
}

/** The construct at `constructPath` under the app root of `scope`, if it exists yet. */
export function constructAtPath(scope: IConstruct, constructPath: string): IConstruct | undefined {
  let node: IConstruct | undefined = scope.node.root;
  for (const id of constructPath.split('/').filter(s => s !== '')) {
    node = node?.node.tryFindChild(id);
  }
  return node;
}

/** Whether the construct at `constructPath` lies inside a Stage nested in the app (as CDK Pipelines stages do). */
export function isInNestedStage(root: IConstruct, constructPath: string): boolean {
  let node: IConstruct | undefined = root;
  for (const id of constructPath.split('/').filter(s => s !== '')) {
    node = node.node.tryFindChild(id);
    if (!node) return false;
    if (Stage.isStage(node)) return true;
  }
  return false;
}

/** A literal value of a resource's environment that differs from its stack's (so it was given explicitly). */
export function explicitEnvValue(value: string, stackValue: string): string | undefined {
  const given = literalOrUndefined(value);
  return given !== undefined && given !== stackValue ? given : undefined;
}
