import { CauseCode } from '../../../src/analysis/causes/cause-table';
import { AnalysisEnvironment, StackTemplate } from '../../../src/analysis/input';
import {
  ACCOUNT, app, bucket, bucketArn, bucketPolicy, declared, fn, grantPut, identityPolicy, IN_VPC, Json, key, keyAccountRoot,
  kmsEncryption, objects, OTHER_ACCOUNT, resource, role, roleArn, stack, statement, vpcWithS3GatewayEndpoint,
} from '../../analysis/support/app';

/** One app (as templates) per cause code the app itself can remedy, where that cause decides the write. */
export interface Case {
  readonly code: CauseCode;
  readonly stacks: StackTemplate[];
  readonly environment?: AnalysisEnvironment;
}

export const withIntent = (request = {}, prefix = '') => fn('FnRole', {}, [declared(request, prefix)]);
const otherBucketName = 'partner-landing-bucket';

// Access points: the bucket and its access point `ingest` in ACCOUNT; a write through it needs the access point's
// policy and the bucket's (which delegates with s3:DataAccessPointAccount) to allow it (S3 User Guide, "Configuring
// IAM policies for using access points", https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html).
const AP_ARN = `arn:aws:s3:eu-west-1:${ACCOUNT}:accesspoint/ingest`;
const delegateToAccessPoints = () => bucketPolicy([statement('Allow', '*', [bucketArn(), objects()], {
  Principal: '*', Condition: { StringEquals: { 's3:DataAccessPointAccount': ACCOUNT } },
})], 'Bucket', 'Data/Bucket/Policy/Resource');
const accessPoint = (statements: Json[], path = 'Data/AccessPoint') => resource('AWS::S3::AccessPoint', {
  Bucket: { Ref: 'Bucket' }, Name: 'ingest', Policy: { Version: '2012-10-17', Statement: statements },
}, path);
/** The writer (role `writer`) in OTHER_ACCOUNT; the bucket and the access point in ACCOUNT. */
function throughAccessPointOfAnotherAccount(apStatements: Json[], delegates: boolean): StackTemplate[] {
  return [
    stack({
      Fn: fn('FnRole', {}, [declared({ accessPoint: AP_ARN }, '', { bucketName: 'data-bucket' })]),
      FnRole: role({ RoleName: 'writer' }),
      FnPolicy: identityPolicy([statement('Allow', 's3:PutObject', [`${AP_ARN}/object/*`, 'arn:aws:s3:::data-bucket/*'])]),
    }, { account: OTHER_ACCOUNT }),
    stack({
      Bucket: bucket({ BucketName: 'data-bucket' }, 'Data/Bucket/Resource'),
      AccessPoint: accessPoint(apStatements),
      ...(delegates ? { BucketPolicy: delegateToAccessPoints() } : {}),
    }, { artifactId: 'Data', stackName: 'Data', templatePath: 'Data.template.json' }),
  ];
}
const apAllows = (principal: string) => ({ Effect: 'Allow', Principal: { AWS: principal }, Action: 's3:PutObject', Resource: `${AP_ARN}/object/*` });

/** The VPC of `vpcWithS3GatewayEndpoint` without its endpoint: the subnet's route table has no route to S3. */
function vpcWithoutRouteToS3(): Json {
  const { S3Endpoint: _endpoint, ...rest } = vpcWithS3GatewayEndpoint();
  return rest;
}
/** A second private subnet with its own route table, in the same VPC. */
const secondSubnet: Json = {
  Subnet2: resource('AWS::EC2::Subnet', { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24' }, 'Stack/Vpc/Private2/Subnet'),
  Rt2: resource('AWS::EC2::RouteTable', { VpcId: { Ref: 'Vpc' } }, 'Stack/Vpc/Private2/RouteTable'),
  Assoc2: resource('AWS::EC2::SubnetRouteTableAssociation', { SubnetId: { Ref: 'Subnet2' }, RouteTableId: { Ref: 'Rt2' } }, 'Stack/Vpc/Private2/Assoc'),
};
const IN_BOTH_SUBNETS: Json = { VpcConfig: { SubnetIds: [{ Ref: 'Subnet' }, { Ref: 'Subnet2' }], SecurityGroupIds: [] } };
const IN_SUBNET_2: Json = { VpcConfig: { SubnetIds: [{ Ref: 'Subnet2' }], SecurityGroupIds: [] } };

export const CASES: Case[] = [
  { code: 'NO_IDENTITY_ALLOW', stacks: [stack(app({ FnPolicy: undefined, Fn: withIntent({}, 'incoming/') }))] },
  {
    code: 'IDENTITY_DENY',
    stacks: [stack(app({ Fn: withIntent(), FnPolicy: identityPolicy([grantPut(), statement('Deny', 's3:PutObject', objects())]) }))],
  },
  {
    // The Deny in an inline policy of the role (Properties/Policies/0): the step names that document.
    code: 'IDENTITY_DENY',
    stacks: [stack(app({
      Fn: withIntent(),
      FnRole: role({ Policies: [{ PolicyName: 'Guard', PolicyDocument: { Version: '2012-10-17', Statement: [statement('Deny', 's3:PutObject', objects())] } }] }),
    }))],
  },
  {
    code: 'BUCKET_POLICY_DENY',
    stacks: [stack(app({
      Fn: withIntent(),
      BucketPolicy: bucketPolicy([{ Sid: 'Frozen', Effect: 'Deny', Principal: { AWS: roleArn() }, Action: 's3:PutObject', Resource: objects() }]),
    }))],
  },
  {
    code: 'CROSS_ACCOUNT_NO_BUCKET_ALLOW',
    stacks: [
      stack(app({
        Bucket: undefined,
        Fn: fn('FnRole', {}, [declared({}, '', { constructPath: 'Other/Bucket' })]),
        FnPolicy: identityPolicy([statement('Allow', 's3:PutObject', `arn:aws:s3:::${otherBucketName}/*`)]),
      })),
      stack({ Bucket: bucket({ BucketName: otherBucketName }, 'Other/Bucket/Resource') }, { artifactId: 'Other', stackName: 'Other', templatePath: 'Other.template.json', account: OTHER_ACCOUNT }),
    ],
  },
  {
    code: 'PERMISSIONS_BOUNDARY',
    stacks: [stack(app({
      Fn: withIntent(),
      FnRole: role({ PermissionsBoundary: { Ref: 'Boundary' } }),
      Boundary: resource('AWS::IAM::ManagedPolicy', { PolicyDocument: { Version: '2012-10-17', Statement: [statement('Allow', 's3:GetObject', '*')] } }, 'Stack/Boundary/Resource'),
    }))],
  },
  {
    code: 'VPC_ENDPOINT_POLICY',
    stacks: [stack(app({
      Fn: fn('FnRole', IN_VPC, [declared()]),
      ...vpcWithS3GatewayEndpoint({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] }),
    }))],
  },
  {
    code: 'KMS_KEY_POLICY',
    stacks: [stack(app({
      Fn: withIntent(),
      Key: key([]),
      Bucket: bucket(kmsEncryption('Key')),
      FnPolicy: identityPolicy([grantPut(), statement('Allow', 'kms:GenerateDataKey', { 'Fn::GetAtt': ['Key', 'Arn'] })]),
    }))],
  },
  {
    code: 'KMS_IDENTITY',
    stacks: [stack(app({ Fn: withIntent({ multipart: true }), Key: key([keyAccountRoot()]), Bucket: bucket(kmsEncryption('Key')) }))],
  },
  {
    code: 'KMS_AWS_MANAGED_CROSS_ACCOUNT',
    stacks: [
      stack(app({
        Bucket: undefined,
        Fn: fn('FnRole', {}, [declared({}, '', { constructPath: 'Other/Bucket' })]),
        FnPolicy: identityPolicy([statement('Allow', 's3:PutObject', `arn:aws:s3:::${otherBucketName}/*`)]),
      })),
      stack({
        Bucket: bucket({ BucketName: otherBucketName, ...kmsEncryption() }, 'Other/Bucket/Resource'),
        BucketPolicy: bucketPolicy([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${otherBucketName}/*` }], 'Bucket', 'Other/Bucket/Policy/Resource'),
      }, { artifactId: 'Other', stackName: 'Other', templatePath: 'Other.template.json', account: OTHER_ACCOUNT }),
    ],
  },
  {
    code: 'BLOCK_PUBLIC_ACCESS',
    stacks: [stack(app({
      Fn: withIntent({ acl: 'public-read' }),
      Bucket: bucket({ OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] }, PublicAccessBlockConfiguration: { BlockPublicAcls: true } }),
      FnPolicy: identityPolicy([grantPut(), statement('Allow', 's3:PutObjectAcl', objects())]),
    }))],
  },
  { code: 'ACL_NOT_SUPPORTED', stacks: [stack(app({ Fn: withIntent({ acl: 'public-read' }), FnPolicy: identityPolicy([grantPut(), statement('Allow', 's3:PutObjectAcl', objects())]) }))] },
  {
    code: 'MISSING_ACL_PERMISSION',
    stacks: [stack(app({ Fn: withIntent({ acl: 'bucket-owner-full-control' }), Bucket: bucket({ OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }) }))],
  },
  {
    code: 'MISSING_TAGGING_PERMISSION',
    stacks: [stack(app({ Fn: withIntent({ tags: { team: 'ingest' } }), FnPolicy: identityPolicy([statement('Allow', 's3:PutObject', objects())]) }))],
  },
  {
    code: 'MISSING_OBJECT_LOCK_PERMISSION',
    stacks: [stack(app({
      Fn: withIntent({ objectLockLegalHold: true }),
      Bucket: bucket({ ObjectLockEnabled: true, VersioningConfiguration: { Status: 'Enabled' } }),
      FnPolicy: identityPolicy([statement('Allow', 's3:PutObject', objects())]),
    }))],
  },
  {
    code: 'REQUEST_CONDITION',
    stacks: [stack(app({
      Fn: withIntent(),
      BucketPolicy: bucketPolicy([{
        Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: objects(), Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } },
      }]),
    }))],
  },
  {
    // Across accounts the access point's policy must allow the role (its identity policy is not enough): a statement
    // added to the access point's policy, naming the objects by the access point's ARN.
    code: 'ACCESS_POINT_POLICY',
    stacks: throughAccessPointOfAnotherAccount([apAllows(`arn:aws:iam::${ACCOUNT}:role/someone-else`)], true),
  },
  {
    // An explicit Deny of the role in the policy of an access point the app defines: the step changes that statement
    // in the access point's own template (it once came out EXTERNAL, "outside the templates").
    code: 'ACCESS_POINT_POLICY',
    stacks: throughAccessPointOfAnotherAccount([
      apAllows(`arn:aws:iam::${OTHER_ACCOUNT}:role/writer`),
      { ...apAllows(`arn:aws:iam::${OTHER_ACCOUNT}:role/writer`), Effect: 'Deny', Sid: 'NoWritesFromOtherAccounts' },
    ], true),
  },
  {
    // Through an access point of another account whose bucket does not delegate to access points: the bucket's
    // policy must allow the role itself.
    code: 'CROSS_ACCOUNT_NO_BUCKET_ALLOW',
    stacks: throughAccessPointOfAnotherAccount([apAllows(`arn:aws:iam::${OTHER_ACCOUNT}:role/writer`)], false),
  },
  {
    // No S3 endpoint and no NAT route on the subnet's route table: a new S3 gateway endpoint (ADD_RESOURCE).
    code: 'NETWORK_PATH',
    stacks: [stack(app({ Fn: fn('FnRole', IN_VPC, [declared()]), ...vpcWithoutRouteToS3() }))],
  },
  {
    // The VPC has an S3 gateway endpoint, but not on the route table of the function's subnet: that route table is
    // added to it (SETTING), not a second endpoint.
    code: 'NETWORK_PATH',
    stacks: [stack(app({ Fn: fn('FnRole', IN_SUBNET_2, [declared()]), ...vpcWithS3GatewayEndpoint(), ...secondSubnet }))],
  },
  {
    // One subnet reaches S3 through the endpoint, the other has no path: CONDITIONAL, fixed on the other's table.
    code: 'NETWORK_PATH',
    stacks: [stack(app({ Fn: fn('FnRole', IN_BOTH_SUBNETS, [declared()]), ...vpcWithS3GatewayEndpoint(), ...secondSubnet }))],
  },
];
