import { CauseCode } from '../../../src/analysis/causes/cause-table';
import { AnalysisEnvironment, StackTemplate } from '../../../src/analysis/input';
import {
  ACCOUNT, app, bucket, bucketPolicy, declared, fn, grantPut, identityPolicy, IN_VPC, key, keyAccountRoot,
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
];

