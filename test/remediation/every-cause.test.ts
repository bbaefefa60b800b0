import { recheck } from './support/recheck';
import { CAUSE_CODES, CAUSE_TABLE, CauseCode } from '../../src/analysis/causes/cause-table';
import { AnalysisEnvironment, StackTemplate } from '../../src/analysis/input';
import { Finding } from '../../src/analysis/report';
import {
  ACCOUNT, analyze, app, bucket, bucketPolicy, declared, fn, grantPut, identityPolicy, IN_VPC, key, keyAccountRoot,
  kmsEncryption, objects, OTHER_ACCOUNT, resource, role, roleArn, stack, statement, vpcWithS3GatewayEndpoint,
} from '../analysis/support/app';

// Every cause code, in an app where it decides: the finding's remediation is applied to the templates (by the
// test's own code) and the write checked again: ALLOW. Causes the app cannot remedy get an EXTERNAL step.

interface Case {
  readonly code: CauseCode;
  readonly stacks: StackTemplate[];
  readonly environment?: AnalysisEnvironment;
}

const withIntent = (request = {}, prefix = '') => fn('FnRole', {}, [declared(request, prefix)]);
const otherBucketName = 'partner-landing-bucket';

const CASES: Case[] = [
  { code: 'NO_IDENTITY_ALLOW', stacks: [stack(app({ FnPolicy: undefined, Fn: withIntent({}, 'incoming/') }))] },
  {
    code: 'IDENTITY_DENY',
    stacks: [stack(app({ Fn: withIntent(), FnPolicy: identityPolicy([grantPut(), statement('Deny', 's3:PutObject', objects())]) }))],
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

/** Causes no step of the app can remedy, and why; each is checked to get an EXTERNAL step (or a reason) below. */
const NOT_BY_THE_APP: Partial<Record<CauseCode, string>> = {
  SCP_DENY: 'a service control policy is the organization\'s',
  RCP_DENY: 'a resource control policy is the organization\'s',
  SESSION_POLICY: 'Lambda passes no session policy; credentials the code obtains itself are not analysed',
  UNRESOLVED: 'only UNKNOWN findings have it, and they carry no remediation: the checker needs the missing fact',
  ACCESS_POINT_POLICY: 'not covered by an app here yet (a cross-account access point)',
  NETWORK_PATH: 'network resources are not written as steps; the reason says what to add',
};

function deciding(findings: Finding[], code: CauseCode): Finding {
  const f = findings.find(x => (x.verdict === 'DENY' || x.verdict === 'CONDITIONAL') && x.causes.some(c => c.code === code));
  if (!f) throw new Error(`no DENY/CONDITIONAL finding with ${code}: ${JSON.stringify(findings.map(x => [x.verdict, x.causes.map(c => c.code)]))}`);
  return f;
}

describe('every cause code has an app whose remediation, applied and re-checked, gives ALLOW', () => {
  test.each(CASES.map(c => [c.code, c] as const))('%s', (_code, c) => {
    const f = deciding(analyze(c.stacks, c.environment), c.code);
    expect(f.remediation?.steps.length).toBeGreaterThan(0);
    expect({ verified: f.remediation?.verified, reason: f.remediation?.reason }).toMatchObject({ verified: true });
    expect(recheck(c.stacks, f, c.environment).verdict).toBe('ALLOW');
  });

  test('the cases and the exceptions together cover every cause code', () => {
    const covered = new Set<string>([...CASES.map(c => c.code), ...Object.keys(NOT_BY_THE_APP)]);
    expect(CAUSE_CODES.filter(c => !covered.has(c))).toEqual([]);
  });
});

describe('causes only someone outside the app can remedy', () => {
  const deny = (name: string) => ({ name, document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:PutObject', Resource: '*' }] } });
  const allowAll = { name: 'FullAWSAccess', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };

  test('SCP_DENY: an EXTERNAL step naming the SCP, never verified', () => {
    const f = deciding(analyze(stack(app({ Fn: withIntent() })), { serviceControlPolicies: [[allowAll, deny('NoWrites')]] }), 'SCP_DENY');
    expect(f.remediation?.steps.map(s => s.kind)).toEqual(['EXTERNAL']);
    expect(f.remediation?.verified).toBe(false);
    expect(CAUSE_TABLE.SCP_DENY.remedy).toBe('external');
  });

  test('RCP_DENY: an EXTERNAL step, never verified', () => {
    const f = deciding(analyze(stack(app({ Fn: withIntent() })), { resourceControlPolicies: [[deny('NoWrites')]] }), 'RCP_DENY');
    expect(f.remediation?.steps.map(s => s.kind)).toEqual(['EXTERNAL']);
    expect(f.remediation?.verified).toBe(false);
  });
});
