import { NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cr from 'aws-cdk-lib/custom-resources';
import { ObjectEncryption, SecureLambdaWriter } from '../../../src';
import { WriteVerdict } from '../../../src/checker';
import { describeFinding, ENV, expectNotDeny, findingsOf, newApp, synthWithChecker } from '../../support/harness';
import { expectAllow, scenario } from '../../support/scenario';

// CloudFormation nested stacks (their templates are assets of the parent) and functions CDK builds for the user: the
// checker judges the write wherever the function, its policy and the bucket live.

/** The bucket in the stack 'Parent', the function in a NestedStack of it, or the other way round. */
function acrossTheBoundary(where: 'function-nested' | 'bucket-nested', nestedId: string, bucketProps: s3.BucketProps = {}) {
  const s = scenario({ stackId: 'Parent' });
  const nested = new NestedStack(s.stack, nestedId);
  return s.withBucket(bucketProps, where === 'bucket-nested' ? nested : s.stack).withWriter({}, where === 'function-nested' ? nested : s.stack);
}

describe('NestedStack (CloudFormation nested stacks)', () => {
  test('function in a NestedStack, bucket in the parent, grantPut and enforceSSL: ALLOW', () => {
    expectAllow(acrossTheBoundary('function-nested', 'Workers', { enforceSSL: true }).grantPut().check());
  });

  test('bucket in a NestedStack, function in the parent, grantReadWrite on a KMS bucket: ALLOW', () => {
    expectAllow(acrossTheBoundary('bucket-nested', 'Storage', { encryption: s3.BucketEncryption.KMS, enforceSSL: true }).grantReadWrite().check());
  });

  test('the same, but the nested bucket policy denies every PutObject: DENY (no false ALLOW across the boundary)', () => {
    const f = acrossTheBoundary('bucket-nested', 'Storage').deny({ sid: 'Frozen' }).grantPut().check().finding;
    expect(f.verdict).toBe(WriteVerdict.DENY);
    expect(f.causes[0].code).toBe('BUCKET_POLICY_DENY');
  });

  test('SecureLambdaWriter (KMS, tags, prefix) inside a NestedStack of a Stage: ALLOW', () => {
    const app = newApp();
    const nested = new NestedStack(new Stack(new Stage(app, 'Prod', { env: ENV }), 'Parent'), 'Ingest');
    const writer = new SecureLambdaWriter(nested, 'Writer', {
      functionProps: { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};') },
      bucketProps: {},
      keyPrefix: 'incoming/',
      objectTags: { classification: 'internal' },
      encryption: ObjectEncryption.KMS,
      enforceEncryptionHeader: true,
    });
    const { checker, error } = synthWithChecker(app);
    expect(findingsOf(checker, writer.function).map(describeFinding)).toEqual(['ALLOW [] ']);
    expect(error).toBeUndefined();
  });
});

describe('nested stacks and CDK-built functions', () => {
  test('the function in a NestedStack, the bucket in the parent: ALLOW', () => {
    expectAllow(acrossTheBoundary('function-nested', 'Compute', { enforceSSL: true }).grantPut().check());
  });

  test('the bucket in a NestedStack with a Deny, the function in the parent: DENY', () => {
    expect(acrossTheBoundary('bucket-nested', 'Data').deny().grantPut().check().finding.verdict).toBe(WriteVerdict.DENY);
  });

  test('the write permission in a NestedStack (iam.Policy attached to the parent\'s role), declared write: not DENY', () => {
    // AWS sees the policy: it is deployed (by the nested stack) and attached to the role. Not seeing it must not
    // turn into NO_IDENTITY_ALLOW.
    const s = scenario({ stackId: 'Parent' }).withBucket().withWriter();
    new iam.Policy(new NestedStack(s.stack, 'Permissions'), 'WriterPolicy', {
      roles: [s.fn.role!], statements: [new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [s.bucket.arnForObjects('*')] })],
    });
    const outcome = s.expectWrite().check();
    expectNotDeny(outcome.findingOf('declared'));
    expect(outcome.error).toBeUndefined();
  });

  test('AwsCustomResource that calls S3 putObject (its singleton Lambda gets s3:PutObject from the SDK call): ALLOW', () => {
    const s = scenario().withBucket();
    new cr.AwsCustomResource(s.stack, 'Seed', {
      onCreate: {
        service: 'S3',
        action: 'putObject',
        parameters: { Bucket: s.bucket.bucketName, Key: 'seed/config.json', Body: '{}' },
        physicalResourceId: cr.PhysicalResourceId.of('seed'),
      },
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [s.bucket.arnForObjects('seed/*')] }),
      ]),
    });
    const { checker, error } = synthWithChecker(s.app);
    expect(error).toBeUndefined();
    const writes = checker.findings.filter(f => f.bucket === 'App/Bucket');
    expect(writes.length).toBeGreaterThan(0);
    for (const f of writes) expect(describeFinding(f)).toBe('ALLOW [] ');
  });
});
