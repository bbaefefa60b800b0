import { ResourceEntry } from './assembly-index';
import { generated, opaque } from './opaque';
import { StackEnvironment } from './pseudo-parameters';

/**
 * What `Ref` and `Fn::GetAtt` return for the resource types the analysis reasons about, built in the real ARN
 * shapes (CloudFormation resource reference, "Return values") so they compare with ARNs people write by hand.
 * A name the template does not set is a `generated` atom: CloudFormation picks it, it equals only itself.
 *
 * Everything else is an `opaque` value, never a generated one: an attribute we do not model may be an ARN or a
 * piece of data, and data can hold any value — a custom resource's response, an SSM parameter's value, a nested
 * stack's output (CDK's cross-region references read the bucket ARN through one). Treating such a value as a
 * name that equals only itself made a policy built from it cover nothing, a false DENY.
 */

export interface AttributeContext {
  readonly env: StackEnvironment;
  /** The resolved value of a top-level property, or undefined when absent or not a string. */
  property(name: string): string | undefined;
}

/** The generated value of a resource's Ref or attribute; the id names stack, logical ID and attribute. */
export function generatedValue(entry: ResourceEntry, attribute: string): string {
  return generated(`${entry.stack.artifactId}/${entry.logicalId}.${attribute}`);
}

/**
 * A role's unique ID (`AROA…`), which `aws:userid` starts with. IAM assigns it at creation, and people do paste
 * it into policies after a first deploy, so it is opaque (possibly equal to a literal ID), not a generated name.
 */
export function roleUniqueId(entry: ResourceEntry): string {
  return dataValue(entry, 'RoleId');
}

/** A value the template does not determine (the same expression is still the same value everywhere). */
function dataValue(entry: ResourceEntry, attribute: string): string {
  return opaque(`${entry.stack.artifactId}/${entry.logicalId}.${attribute}`);
}

/** Resources whose Ref and attributes are whatever their handler or child stack returns. */
function returnsData(entry: ResourceEntry): boolean {
  return entry.type.startsWith('Custom::') || entry.type === 'AWS::CloudFormation::CustomResource'
    || entry.type === 'AWS::CloudFormation::Stack';
}

function nameOf(entry: ResourceEntry, ctx: AttributeContext, property: string): string {
  return ctx.property(property) ?? generatedValue(entry, 'Ref');
}

/** IAM paths start and end with `/`; the ARN is `…:role<path><name>`. */
function iamPath(ctx: AttributeContext): string {
  const path = ctx.property('Path');
  return path && path.startsWith('/') && path.endsWith('/') ? path : '/';
}

export function refValue(entry: ResourceEntry, ctx: AttributeContext): string {
  if (returnsData(entry)) return dataValue(entry, 'Ref');
  switch (entry.type) {
    case 'AWS::S3::Bucket': return nameOf(entry, ctx, 'BucketName');
    case 'AWS::IAM::Role': return nameOf(entry, ctx, 'RoleName');
    case 'AWS::IAM::ManagedPolicy': return managedPolicyArn(entry, ctx);
    case 'AWS::Lambda::Function': return nameOf(entry, ctx, 'FunctionName');
    case 'AWS::KMS::Alias': return nameOf(entry, ctx, 'AliasName');
    case 'AWS::S3::AccessPoint': return nameOf(entry, ctx, 'Name');
    case 'AWS::S3::BucketPolicy': return generatedValue(entry, 'Ref');
    default: return generatedValue(entry, 'Ref');
  }
}

function managedPolicyArn(entry: ResourceEntry, ctx: AttributeContext): string {
  const name = nameOf(entry, ctx, 'ManagedPolicyName');
  return `arn:${ctx.env.partition}:iam::${ctx.env.account}:policy${iamPath(ctx)}${name}`;
}

export function attributeValue(entry: ResourceEntry, attribute: string, ctx: AttributeContext): string {
  const { partition, account, region, urlSuffix } = ctx.env;
  const ref = (): string => refValue(entry, ctx);
  switch (`${entry.type}.${attribute}`) {
    case 'AWS::S3::Bucket.Arn': return `arn:${partition}:s3:::${ref()}`;
    case 'AWS::S3::Bucket.DomainName': return `${ref()}.s3.${urlSuffix}`;
    case 'AWS::S3::Bucket.RegionalDomainName': return `${ref()}.s3.${region}.${urlSuffix}`;
    case 'AWS::S3::Bucket.DualStackDomainName': return `${ref()}.s3.dualstack.${region}.${urlSuffix}`;
    case 'AWS::S3::Bucket.WebsiteURL': return `http://${ref()}.s3-website-${region}.${urlSuffix}`;
    case 'AWS::IAM::Role.Arn': return `arn:${partition}:iam::${account}:role${iamPath(ctx)}${ref()}`;
    case 'AWS::IAM::Role.RoleId': return roleUniqueId(entry);
    case 'AWS::IAM::ManagedPolicy.PolicyArn': return managedPolicyArn(entry, ctx);
    case 'AWS::KMS::Key.Arn': return `arn:${partition}:kms:${region}:${account}:key/${ref()}`;
    case 'AWS::KMS::Key.KeyId': return ref();
    case 'AWS::Lambda::Function.Arn': return `arn:${partition}:lambda:${region}:${account}:function:${ref()}`;
    case 'AWS::S3::AccessPoint.Arn': return `arn:${partition}:s3:${region}:${account}:accesspoint/${ref()}`;
    case 'AWS::S3::AccessPoint.Name': return ref();
    case 'AWS::SSM::Parameter.Value': return ctx.property('Value') ?? dataValue(entry, attribute);
    default: return dataValue(entry, attribute);
  }
}
