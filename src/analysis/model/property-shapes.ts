import { isRecord, ResourceEntry } from '../cfn/assembly-index';
import { hasShape, InputError, JsonShape, wrongShape } from '../cfn/input-errors';

/**
 * The properties the model reads whose wrong JSON type would make something vanish without a word: a role whose
 * `Policies` is an object (its inline grants and denies gone), a policy whose `Roles` is not a list (attached to
 * no role), a function whose `Role` is a list (its writes no longer inferred), a bucket whose `BucketEncryption`
 * is a list (SSE-KMS and its key policy never checked). CloudFormation rejects these properties (each resource
 * type's reference page gives the type), so they are input errors (cfn/input-errors.ts), not values to guess.
 *
 * Policy documents are not listed: a document of the wrong type stays with the policy it belongs to and makes that
 * policy unknown wherever it is evaluated (iam/policy/parse.ts), which is more precise than failing everything.
 */
const SHAPES: Readonly<Record<string, readonly (readonly [string, JsonShape])[]>> = {
  'AWS::Lambda::Function': [['Role', 'string'], ['VpcConfig', 'object'], ['VpcConfig.SubnetIds', 'list'],
    ['VpcConfig.SecurityGroupIds', 'list'], ['Environment', 'object'], ['Environment.Variables', 'object'], ['Tags', 'list']],
  'AWS::IAM::Role': [['RoleName', 'string'], ['Path', 'string'], ['Policies', 'list'], ['ManagedPolicyArns', 'list'],
    ['PermissionsBoundary', 'string'], ['Tags', 'list']],
  'AWS::IAM::Policy': [['Roles', 'list']],
  'AWS::IAM::ManagedPolicy': [['Roles', 'list'], ['ManagedPolicyName', 'string'], ['Path', 'string']],
  'AWS::IAM::RolePolicy': [['RoleName', 'string']],
  'AWS::S3::Bucket': [['BucketName', 'string'], ['BucketEncryption', 'object'], ['BucketEncryption.ServerSideEncryptionConfiguration', 'list'],
    ['OwnershipControls', 'object'], ['OwnershipControls.Rules', 'list'], ['PublicAccessBlockConfiguration', 'object'],
    ['ObjectLockConfiguration', 'object'], ['VersioningConfiguration', 'object'], ['Tags', 'list']],
  'AWS::KMS::Alias': [['AliasName', 'string'], ['TargetKeyId', 'string']],
};

/** The input errors of one resource's resolved properties (resolved only for the types listed above). */
export function propertyShapeErrors(entry: ResourceEntry, resolvedProperties: () => Readonly<Record<string, unknown>>): InputError[] {
  const rules = Object.prototype.hasOwnProperty.call(SHAPES, entry.type) ? SHAPES[entry.type] : [];
  if (rules.length === 0) return [];
  const properties = resolvedProperties();
  const errors: InputError[] = [];
  for (const [path, shape] of rules) {
    const value = valueAt(properties, path.split('.'));
    if (hasShape(value, shape)) continue;
    errors.push({
      location: entry.display,
      templatePath: entry.stack.templatePath,
      logicalId: entry.logicalId,
      jsonPath: `Properties/${path.split('.').join('/')}`,
      message: wrongShape(`${entry.type} property ${path}`, shape, value),
    });
  }
  return errors;
}

/** The value at a path of object keys; undefined when a step is absent (or not an object: that step is checked itself). */
function valueAt(properties: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let value: unknown = properties;
  for (const step of path) {
    if (!isRecord(value) || !Object.prototype.hasOwnProperty.call(value, step)) return undefined;
    value = value[step];
  }
  return value;
}
