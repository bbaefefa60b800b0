import { BucketPolicyIndex, bucketName, buildBucket, collectBucketPolicies } from './buckets';
import { buildCredentialSources } from './credential-sources';
import { buildFunction } from './functions';
import { buildKeys } from './keys';
import { buildNetwork } from './network';
import { propertyShapeErrors } from './property-shapes';
import { buildRole, collectPolicyResources, externalRole } from './roles';
import { AppModel, RoleModel } from './types';
import { AssemblyIndex, ResourceEntry } from '../cfn/assembly-index';
import { AssemblyResolver } from '../cfn/resolve';
import { AnalysisEnvironment } from '../input';

/**
 * Build the model of the whole assembly. Resources whose `Condition` is definitely false are left out; the
 * policies of those whose `Condition` the templates do not decide are kept, marked as possibly not in force
 * (`in-force.ts`), so they decide nothing alone.
 */
export function buildModel(index: AssemblyIndex, environment: AnalysisEnvironment,
  assumedConditions: ReadonlyMap<string, boolean> = new Map()): AppModel {
  const resolver = new AssemblyResolver(index, environment, assumedConditions);
  const deployed = index.resources.filter((e) => resolver.forStack(e.stack).deployed(e) !== 'false');
  for (const entry of deployed) resolver.errors.push(...propertyShapeErrors(entry, () => resolver.forStack(entry.stack).properties(entry)));
  const policyResources = collectPolicyResources(deployed, resolver);
  const roles = deployed.filter((e) => e.type === 'AWS::IAM::Role').map((e) => buildRole(e, resolver, policyResources, environment));
  const externalRoles = new Map<string, RoleModel>();
  const rolesByArn = new Map(roles.map((r) => [r.arn, r]));
  const roleFor = (arn: string): RoleModel => {
    const app = rolesByArn.get(arn);
    if (app) return app;
    let ext = externalRoles.get(arn);
    if (!ext) {
      ext = externalRole(arn, policyResources);
      externalRoles.set(arn, ext);
    }
    return ext;
  };
  const bucketEntries = deployed.filter((e) => e.type === 'AWS::S3::Bucket');
  const bucketNames = new Set(bucketEntries.map((e) => bucketName(e, resolver)));
  const bucketPolicies = new BucketPolicyIndex(collectBucketPolicies(deployed, resolver), bucketNames);
  // Functions first: resolving their roles is what discovers the external ones.
  const functions = deployed.filter((e) => e.type === 'AWS::Lambda::Function').map((e) => buildFunction(e, resolver, roleFor));
  return {
    functions,
    roles: [...roles, ...externalRoles.values()],
    buckets: bucketEntries.map((e) => buildBucket(e, resolver, bucketPolicies)),
    keys: buildKeys(deployed, resolver),
    network: buildNetwork(deployed, resolver),
    credentialSources: buildCredentialSources(deployed, resolver, policyResources, environment),
    problems: index.problems,
    inputErrors: resolver.errors,
    names: new Map(index.resources.map((e) => [`${e.stack.artifactId}/${e.logicalId}`, e.display])),
    agnostic: index.stacks.some((s) => resolver.forStack(s).env.agnostic),
    resolverFor: (entry: ResourceEntry) => resolver.forStack(entry.stack),
  };
}
