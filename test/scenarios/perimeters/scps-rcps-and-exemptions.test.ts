import { PhysicalName, Stack, Stage } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteAccessChecker, WriteVerdict } from '../../../src/checker';
import { SecureLambdaWriter } from '../../../src/writer';
import { denyPutObjectUnless, describeFinding, ENV, expectNotDeny, newApp, OTHER_ENV, stackIn, synthWithChecker, verdictFor, writerFunction } from '../../support/harness';

// Realistic apps around data perimeters, Stages and principal exemptions. Each expected verdict cites the AWS doc.

const ORG = 'o-abc123defg';
const fullAccess = () => new iam.PolicyStatement({ sid: 'FullAWSAccess', actions: ['*'], resources: ['*'] });
const doc = (...statements: iam.PolicyStatement[]) => new iam.PolicyDocument({ statements });

describe('Stages and cross-account grants', () => {
  test('pipeline Stage: compute account writes to the data account\'s bucket through bucket.grantPut: ALLOW', () => {
    // CDK's cross-environment grant gives the role a physical name and adds a bucket-policy Allow for it: both sides.
    const app = newApp();
    const stage = new Stage(app, 'Prod');
    const data = new Stack(stage, 'Data', { env: OTHER_ENV });
    const compute = new Stack(stage, 'Compute', { env: ENV });
    const bucket = new s3.Bucket(data, 'Bucket', { bucketName: 'prod-data-222', enforceSSL: true });
    // CDK asks for a physical name on a role used across environments.
    const role = new iam.Role(compute, 'WriterRole', {
      roleName: PhysicalName.GENERATE_IF_NEEDED, assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    const fn = writerFunction(compute, 'Writer', { role });
    bucket.grantPut(fn, 'incoming/*');
    const { checker, error } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test('the same without the bucket-policy side (identity Allow only): DENY CROSS_ACCOUNT_NO_BUCKET_ALLOW', () => {
    const app = newApp();
    const stage = new Stage(app, 'Prod');
    const data = new Stack(stage, 'Data', { env: OTHER_ENV });
    const compute = new Stack(stage, 'Compute', { env: ENV });
    const bucket = new s3.Bucket(data, 'Bucket', { bucketName: 'prod-data-222' });
    const fn = writerFunction(compute, 'Writer');
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::prod-data-222/*'] }));
    WriteAccessChecker.expectWrite(fn, bucket, {});
    const { checker } = synthWithChecker(app);
    const f = verdictFor(checker, fn, bucket);
    expect(f.verdict).toBe(WriteVerdict.DENY);
    expect(f.causes[0].code).toBe('CROSS_ACCOUNT_NO_BUCKET_ALLOW');
  });
});

describe('data-perimeter SCPs and RCPs (AWS data perimeter policy examples)', () => {
  function sameAccountApp() {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
    const fn = writerFunction(stack, 'Writer');
    bucket.grantReadWrite(fn);
    return { app, fn, bucket };
  }

  test('SCP "resources in my organization": aws:ResourceOrgID = ${aws:PrincipalOrgID}, organizationId given: ALLOW', () => {
    const { app, fn, bucket } = sameAccountApp();
    const { checker, error } = synthWithChecker(app, {
      organizationId: ORG,
      serviceControlPolicies: [doc(fullAccess()), doc(fullAccess(), new iam.PolicyStatement({
        sid: 'EnforceResourcePerimeterAWSResources',
        effect: iam.Effect.DENY,
        notActions: ['iam:GetPolicy', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringNotEqualsIfExists: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } },
      }))],
    });
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test('RCP "identities in my organization" with the AWS-service exemption, organizationId given: ALLOW', () => {
    const { app, fn, bucket } = sameAccountApp();
    const { checker, error } = synthWithChecker(app, {
      organizationId: ORG,
      resourceControlPolicies: [doc(new iam.PolicyStatement({
        sid: 'RCPFullAWSAccess', principals: [new iam.AnyPrincipal()], actions: ['*'], resources: ['*'],
      }), new iam.PolicyStatement({
        sid: 'EnforceOrgIdentities',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:*'],
        resources: ['*'],
        conditions: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
      }))],
    });
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test('SCP "TLS 1.2 or later for S3" (NumericLessThan s3:TlsVersion 1.2): ALLOW', () => {
    const { app, fn, bucket } = sameAccountApp();
    const { checker } = synthWithChecker(app, {
      serviceControlPolicies: [doc(fullAccess(), new iam.PolicyStatement({
        effect: iam.Effect.DENY, actions: ['s3:*'], resources: ['*'], conditions: { NumericLessThan: { 's3:TlsVersion': '1.2' } },
      }))],
    });
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
  });
});

describe('principal exemptions in Deny statements', () => {
  // IAM User Guide, permissions boundaries: "The NotPrincipal element with a Deny effect will always deny any IAM
  // principal that has a permissions boundary policy attached, regardless of the values specified in NotPrincipal".
  test('NotPrincipal exemption naming the role, account and session, but the role has a permissions boundary: DENY', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const role = new iam.Role(stack, 'Role', { roleName: 'ingest-role', assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const fn = writerFunction(stack, 'Writer', { role, functionName: 'ingest' });
    bucket.grantPut(fn);
    iam.PermissionsBoundary.of(role).apply(new iam.ManagedPolicy(stack, 'Boundary', { statements: [new iam.PolicyStatement({ actions: ['s3:*', 'logs:*'], resources: ['*'] })] }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'OnlyIngest',
      effect: iam.Effect.DENY,
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects('*')],
      notPrincipals: ['arn:aws:iam::111111111111:root', 'arn:aws:iam::111111111111:role/ingest-role', 'arn:aws:sts::111111111111:assumed-role/ingest-role/ingest'].map(a => new iam.ArnPrincipal(a)),
    }));
    const { checker } = synthWithChecker(app);
    expect(verdictFor(checker, fn, bucket).verdict).toBe(WriteVerdict.DENY);
  });

  test('Deny unless aws:PrincipalArn ArnLike the role\'s literal ARN: ALLOW; another role: DENY', () => {
    for (const exempt of ['ingest-*', 'audit-*']) {
      const app = newApp();
      const stack = stackIn(app, 'App');
      const bucket = new s3.Bucket(stack, 'Bucket');
      const role = new iam.Role(stack, 'Role', { roleName: 'ingest-role', assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      const fn = writerFunction(stack, 'Writer', { role });
      bucket.grantPut(fn);
      bucket.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'OnlyIngestRoles',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('*')],
        conditions: { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::111111111111:role/${exempt}` } },
      }));
      const { checker } = synthWithChecker(app);
      expect(`${exempt}: ${verdictFor(checker, fn, bucket).verdict}`).toBe(`${exempt}: ${exempt === 'ingest-*' ? 'ALLOW' : 'DENY'}`);
    }
  });

  test('Deny unless aws:PrincipalArn ArnLike "*WriterServiceRole*", role name generated by CloudFormation: not DENY', () => {
    // CloudFormation names the role <stack>-<logicalId-prefix>-<random>; whether the pattern matches is decided at
    // deploy, never a reason to fail synth.
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    denyPutObjectUnless(bucket, { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/App-WriterServiceRole*' } });
    const { checker, error } = synthWithChecker(app);
    expectNotDeny(verdictFor(checker, fn, bucket));
    expect(error).toBeUndefined();
  });
});

describe('Requester Pays (S3 User Guide, "Using Requester Pays buckets")', () => {
  function importedApp(owner: string, sendsRequestPayer = false) {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = s3.Bucket.fromBucketName(stack, 'Partner', 'partner-drop');
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket, sendsRequestPayer ? { request: { requesterPays: true } } : {});
    const policy = doc(new iam.PolicyStatement({
      principals: [new iam.AccountPrincipal('111111111111')], actions: ['s3:PutObject'], resources: ['arn:aws:s3:::partner-drop/*'],
    }));
    return synthWithChecker(app, {
      externalBucketPolicies: { 'partner-drop': policy }, externalBucketAccounts: { 'partner-drop': owner }, requesterPaysBuckets: { 'partner-drop': true },
    }).checker.findings.find(f => f.bucket === 'partner-drop')!;
  }
  test('another account\'s Requester Pays bucket, the default request sends no x-amz-request-payer: not ALLOW', () => {
    expect(importedApp('333333333333').verdict).not.toBe(WriteVerdict.ALLOW);
  });
  test('the same, the code declares x-amz-request-payer: requester: ALLOW', () => {
    expect(describeFinding(importedApp('333333333333', true))).toBe('ALLOW [] ');
  });
  test('the function\'s own account owns it (the owner pays; no header needed): ALLOW', () => {
    expect(describeFinding(importedApp('111111111111'))).toBe('ALLOW [] ');
  });
});

describe('SecureLambdaWriter with a VPC endpoint', () => {
  test('vpcEndpoint option, function in private subnets with the gateway endpoint: ALLOW', () => {
    const app = newApp();
    app.node.setContext('availability-zones:account=111111111111:region=us-east-1', ['us-east-1a', 'us-east-1b']);
    const stack = stackIn(app, 'App');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const endpoint = vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    const writer = new SecureLambdaWriter(stack, 'Ingest', {
      functionProps: {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => {};'),
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      },
      keyPrefix: 'incoming/',
      vpcEndpoint: endpoint,
    });
    const { checker, error } = synthWithChecker(app);
    expect(describeFinding(verdictFor(checker, writer.function, writer.bucket))).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });
});

describe('resource perimeter SCP over every action, on a KMS-encrypted bucket (the key is a resource of the org too)', () => {
  function kmsBucketApp(org: string) {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true });
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    const scp = doc(fullAccess(), new iam.PolicyStatement({
      sid: 'ResourcesInOrg',
      effect: iam.Effect.DENY,
      actions: ['*'],
      resources: ['*'],
      conditions: { StringNotEqualsIfExists: { 'aws:ResourceOrgID': org } },
    }));
    return verdictFor(synthWithChecker(app, { organizationId: ORG, serviceControlPolicies: [doc(fullAccess()), scp] }).checker, fn, bucket);
  }
  test('the SCP names our organization: ALLOW', () => expect(describeFinding(kmsBucketApp(ORG))).toBe('ALLOW [] '));
  test('the SCP names another organization: DENY SCP_DENY', () => {
    const f = kmsBucketApp('o-zzzzzzzzzz');
    expect(`${f.verdict} ${f.causes[0]?.code}`).toBe('DENY SCP_DENY');
  });
});
