import { analyzeAssembly } from '../../../src/analysis/analyze';
import { AnalysisEnvironment, AssemblyInput, StackTemplate } from '../../../src/analysis/input';
import { Finding } from '../../../src/analysis/report';
import { INTENT_METADATA_KEY, RecordedIntent } from '../../../src/contract/intent';

/**
 * Hand-written CloudFormation, shaped like what `cdk synth` emits for a function, its role, a grant policy and a
 * bucket — small builders so each test states only the part its cause is about.
 */
export type Json = Record<string, any>;

export const ACCOUNT = '111111111111';
export const OTHER_ACCOUNT = '222222222222';
export const REGION = 'eu-west-1';

export const bucketArn = (logicalId = 'Bucket'): Json => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
export const objects = (pattern = '*', logicalId = 'Bucket'): Json => ({ 'Fn::Join': ['', [bucketArn(logicalId), `/${pattern}`]] });
export const roleArn = (logicalId = 'FnRole'): Json => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

export function resource(type: string, properties: Json, path?: string, extra: Json = {}): Json {
  return { Type: type, Properties: properties, ...(path ? { Metadata: { 'aws:cdk:path': path } } : {}), ...extra };
}

export function fn(roleLogicalId = 'FnRole', props: Json = {}, intents?: RecordedIntent[]): Json {
  const f = resource('AWS::Lambda::Function', {
    Role: roleArn(roleLogicalId), Handler: 'index.handler', Runtime: 'nodejs20.x', Code: { ZipFile: 'x' }, ...props,
  }, 'Stack/Fn/Resource');
  if (intents) f.Metadata[INTENT_METADATA_KEY] = intents;
  return f;
}

export function role(props: Json = {}, path = 'Stack/Fn/ServiceRole/Resource'): Json {
  return resource('AWS::IAM::Role', {
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
    ...props,
  }, path);
}

export function statement(effect: 'Allow' | 'Deny', action: string | string[], res: unknown, extra: Json = {}): Json {
  return { Effect: effect, Action: action, Resource: res, ...extra };
}

export function identityPolicy(statements: Json[], roles: unknown[] = [{ Ref: 'FnRole' }], path = 'Stack/Fn/ServiceRole/DefaultPolicy/Resource'): Json {
  return resource('AWS::IAM::Policy', {
    PolicyName: 'DefaultPolicy', Roles: roles, PolicyDocument: { Version: '2012-10-17', Statement: statements },
  }, path);
}

/** What `bucket.grantPut(fn)` emits (CDK v2, aws-cdk-lib/aws-s3 `Bucket.grantPut`). */
export function grantPut(pattern = '*', bucketLogicalId = 'Bucket'): Json {
  return statement('Allow', ['s3:PutObject', 's3:PutObjectLegalHold', 's3:PutObjectRetention', 's3:PutObjectTagging',
    's3:PutObjectVersionTagging', 's3:Abort*'], objects(pattern, bucketLogicalId));
}

export function bucket(props: Json = {}, path = 'Stack/Bucket/Resource'): Json {
  return resource('AWS::S3::Bucket', props, path);
}

export function bucketPolicy(statements: Json[], bucketLogicalId = 'Bucket', path = 'Stack/Bucket/Policy/Resource'): Json {
  return resource('AWS::S3::BucketPolicy', {
    Bucket: { Ref: bucketLogicalId }, PolicyDocument: { Version: '2012-10-17', Statement: statements },
  }, path);
}

export function key(policyStatements: Json[], props: Json = {}, path = 'Stack/Key/Resource'): Json {
  return resource('AWS::KMS::Key', { KeyPolicy: { Version: '2012-10-17', Statement: policyStatements }, ...props }, path);
}

/** The default CDK key policy statement: the account may use IAM policies for the key. */
export function keyAccountRoot(account: unknown = { Ref: 'AWS::AccountId' }): Json {
  return {
    Effect: 'Allow',
    Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', account, ':root']] } },
    Action: 'kms:*',
    Resource: '*',
  };
}

export function kmsEncryption(keyLogicalId?: string, bucketKey = false, algorithm = 'aws:kms'): Json {
  return {
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [{
        ServerSideEncryptionByDefault: { SSEAlgorithm: algorithm, ...(keyLogicalId ? { KMSMasterKeyID: { 'Fn::GetAtt': [keyLogicalId, 'Arn'] } } : {}) },
        ...(bucketKey ? { BucketKeyEnabled: true } : {}),
      }],
    },
  };
}

export function stack(resources: Json, opts: Partial<StackTemplate> & { extra?: Json } = {}): StackTemplate {
  const { extra, ...rest } = opts;
  return {
    artifactId: 'Stack',
    stackName: 'Stack',
    templatePath: 'Stack.template.json',
    account: ACCOUNT,
    region: REGION,
    ...rest,
    template: { Resources: resources, ...(extra ?? {}) },
  };
}

export function analyze(stacks: StackTemplate | StackTemplate[], environment?: AnalysisEnvironment): Finding[] {
  const input: AssemblyInput = { stacks: Array.isArray(stacks) ? stacks : [stacks] };
  return [...analyzeAssembly(input, environment).findings];
}

/** The one finding of the app (fails the test when there is not exactly one). */
export function only(findings: Finding[]): Finding {
  if (findings.length !== 1) throw new Error(`expected one finding, got ${findings.length}: ${JSON.stringify(findings, null, 2)}`);
  return findings[0];
}

export function codes(finding: Finding): string[] {
  return finding.causes.map((c) => c.code);
}

/** A standard app: function, role, grant policy, bucket. Override any resource by logical ID. */
export function app(overrides: Json = {}): Json {
  const base: Json = {
    Fn: fn(),
    FnRole: role(),
    FnPolicy: identityPolicy([grantPut()]),
    Bucket: bucket(),
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base;
}

/**
 * A VPC of the app with one private subnet whose route table reaches S3 through a gateway endpoint (`S3Endpoint`,
 * with `endpointPolicy` when given). Put a function in it with `IN_VPC`.
 */
export function vpcWithS3GatewayEndpoint(endpointPolicy?: Json): Json {
  return {
    Vpc: resource('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' }, 'Stack/Vpc/Resource'),
    Subnet: resource('AWS::EC2::Subnet', { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24' }, 'Stack/Vpc/Private/Subnet'),
    Rt: resource('AWS::EC2::RouteTable', { VpcId: { Ref: 'Vpc' } }, 'Stack/Vpc/Private/RouteTable'),
    Assoc: resource('AWS::EC2::SubnetRouteTableAssociation', { SubnetId: { Ref: 'Subnet' }, RouteTableId: { Ref: 'Rt' } }, 'Stack/Vpc/Private/Assoc'),
    S3Endpoint: resource('AWS::EC2::VPCEndpoint', {
      VpcId: { Ref: 'Vpc' },
      ServiceName: 'com.amazonaws.eu-west-1.s3',
      VpcEndpointType: 'Gateway',
      RouteTableIds: [{ Ref: 'Rt' }],
      ...(endpointPolicy ? { PolicyDocument: endpointPolicy } : {}),
    }, 'Stack/Vpc/S3Endpoint/Resource'),
  };
}

/** The function properties that place it in the subnet of `vpcWithS3GatewayEndpoint`. */
export const IN_VPC: Json = { VpcConfig: { SubnetIds: [{ Ref: 'Subnet' }], SecurityGroupIds: [] } };

/** A declared intent as `expectWrite` records it. */
export function declared(request: RecordedIntent['request'] = {}, keyPrefix = '', bucketRef: RecordedIntent['bucket'] = { constructPath: 'Stack/Bucket' }): RecordedIntent {
  return { source: 'declared', bucket: bucketRef, keyPrefix, request };
}
