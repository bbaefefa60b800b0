import { App, CfnCondition, Fn, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as analyze from '../../src/analysis/analyze';
import { AssemblyInput } from '../../src/analysis/input';
import { WriteAccessCauseCode, WriteAccessChecker, WriteVerdict } from '../../src/checker';
import { codesOf, findingFor, newApp, synthChecked, writerFunction } from '../support/harness';

// CDK `NestedStack`s are CloudFormation nested stacks (AWS::CloudFormation::Stack): the CDK hands the validation plugin
// the stack artifacts only, so the checker finds their templates through the construct tree. References across the
// boundary travel as nested-stack parameters and outputs (AWS::CloudFormation::Stack "Parameters", "Outputs.X").

const ENV = { account: '111111111111', region: 'eu-west-1' };
const FAILED_BY_CHECKER = /^ERROR .*\(WriteAccessChecker\)$/m;

/** A Deny of every PutObject on the bucket, for everyone (S3: an explicit Deny in the bucket policy always wins). */
function denyAllWrites(bucket: s3.Bucket): void {
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'NoWrites', effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')],
  }));
}

/** A new app and its stack `Parent`. */
function parentApp(): { app: App; parent: Stack } {
  const app = newApp();
  return { app, parent: new Stack(app, 'Parent', { env: ENV }) };
}

describe('the policy in a nested stack, attached to the parent\'s role', () => {
  test.each([
    ['s3:PutObject', WriteVerdict.ALLOW, []],
    ['s3:GetObject', WriteVerdict.DENY, [WriteAccessCauseCode.NO_IDENTITY_ALLOW]],
  ] as const)('grants %s: the declared write is %s', (action, verdict, codes) => {
    const { app, parent } = parentApp();
    const bucket = new s3.Bucket(parent, 'Bucket');
    const fn = writerFunction(parent, 'Writer');
    const permissions = new NestedStack(parent, 'Permissions');
    new iam.Policy(permissions, 'WriterPolicy', {
      roles: [fn.role!], statements: [new iam.PolicyStatement({ actions: [action], resources: [bucket.arnForObjects('incoming/*')] })],
    });
    WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'incoming/' });
    const { checker, error } = synthChecked(app);
    const finding = findingFor(checker, fn, bucket);
    expect(finding.verdict).toBe(verdict);
    expect(codesOf(finding)).toEqual(codes);
    if (verdict === WriteVerdict.ALLOW) expect(error).toBeUndefined();
    else expect(error?.message).toMatch(FAILED_BY_CHECKER);
  });
});

describe('the function in a nested stack, the bucket in the parent', () => {
  test.each([
    ['no bucket Deny: ALLOW', false],
    ['a bucket Deny of every PutObject: DENY, synth fails naming the nested function', true],
  ] as const)('%s', (_name, withDeny) => {
    const { app, parent } = parentApp();
    const bucket = new s3.Bucket(parent, 'Bucket', { enforceSSL: true });
    if (withDeny) denyAllWrites(bucket);
    const compute = new NestedStack(parent, 'Compute');
    const fn = writerFunction(compute, 'Writer');
    bucket.grantPut(fn);
    const { checker, error } = synthChecked(app);
    const finding = findingFor(checker, fn, bucket);
    expect(finding.function).toBe('Parent/Compute/Writer');
    expect(finding.role).toBe('Parent/Compute/Writer/ServiceRole');
    expect(finding.templatePath).toMatch(/^ParentCompute[0-9A-F]{8}\.nested\.template\.json$/);
    if (withDeny) {
      expect(finding.verdict).toBe(WriteVerdict.DENY);
      expect(codesOf(finding)).toEqual([WriteAccessCauseCode.BUCKET_POLICY_DENY]);
      expect(error?.message).toContain('s3:PutObject from Parent/Compute/Writer to Parent/Bucket');
    } else {
      expect(finding.verdict).toBe(WriteVerdict.ALLOW);
      expect(error).toBeUndefined();
    }
  });
});

describe('expectWrite on a function in a nested stack, the bucket in the parent', () => {
  test.each([
    ['incoming/*', WriteVerdict.ALLOW, []],
    ['other/*', WriteVerdict.DENY, [WriteAccessCauseCode.NO_IDENTITY_ALLOW]],
  ] as const)('granted %s, declared incoming/: %s', (granted, verdict, codes) => {
    const { app, parent } = parentApp();
    const bucket = new s3.Bucket(parent, 'Bucket');
    const fn = writerFunction(new NestedStack(parent, 'Compute'), 'Writer');
    bucket.grantPut(fn, granted);
    WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'incoming/' });
    const { checker } = synthChecked(app);
    const declared = checker.findings.filter(f => f.function === 'Parent/Compute/Writer' && f.intent === 'declared');
    expect(declared.map(f => [f.bucket, f.keyPattern, f.verdict, codesOf(f)])).toEqual([['Parent/Bucket', 'incoming/*', verdict, codes]]);
  });
});

describe('the bucket two nested stacks down, inside a Stage; the function in the top-level stack', () => {
  test.each([
    ['a bucket Deny of every PutObject: DENY, located in the nested template', true],
    ['no bucket Deny: ALLOW', false],
  ] as const)('%s', (_name, withDeny) => {
    const app = newApp();
    const parent = new Stack(new Stage(app, 'Prod'), 'Store', { env: ENV });
    const archive = new NestedStack(new NestedStack(parent, 'Data'), 'Archive');
    const bucket = new s3.Bucket(archive, 'Bucket');
    if (withDeny) denyAllWrites(bucket);
    const fn = writerFunction(parent, 'Uploader');
    bucket.grantPut(fn);
    const { checker } = synthChecked(app);
    const finding = findingFor(checker, fn, bucket);
    expect(finding.bucket).toBe('Prod/Store/Data/Archive/Bucket');
    if (withDeny) {
      expect(finding.verdict).toBe(WriteVerdict.DENY);
      expect(finding.causes[0]).toMatchObject({
        code: WriteAccessCauseCode.BUCKET_POLICY_DENY,
        location: 'Prod/Store/Data/Archive/Bucket/Policy',
        statement: 'NoWrites',
        templatePath: expect.stringMatching(/^assembly-Prod\/ProdStoreDataArchive[0-9A-F]{8}\.nested\.template\.json$/),
      });
    } else {
      expect(finding.verdict).toBe(WriteVerdict.ALLOW);
    }
  });
});

describe('the analysis input', () => {
  afterEach(() => jest.restoreAllMocks());

  test('each nested template is a stack linked to its parent resource, with the parent\'s environment and construct paths', () => {
    const spy = jest.spyOn(analyze, 'analyzeAssembly');
    const { app, parent } = parentApp();
    const data = new NestedStack(parent, 'Data');
    new s3.Bucket(new NestedStack(data, 'Archive'), 'Bucket');
    synthChecked(app);
    const input: AssemblyInput = spy.mock.calls[spy.mock.calls.length - 1][0];
    const dataId = parent.resolve(data.nestedStackResource!.logicalId);
    expect(input.stacks.map(s => [s.artifactId, s.stackPath, s.nestedIn, s.account, s.region])).toEqual([
      ['Parent', 'Parent', undefined, ENV.account, ENV.region],
      [`Parent/${dataId}`, 'Parent/Data', { artifactId: 'Parent', logicalId: dataId }, ENV.account, ENV.region],
      [expect.stringMatching(new RegExp(`^Parent/${dataId}/Archive`)), 'Parent/Data/Archive',
        { artifactId: `Parent/${dataId}`, logicalId: expect.stringMatching(/^Archive/) }, ENV.account, ENV.region],
    ]);
    // Path metadata is off outside the CDK CLI; the checker puts it back in its copy of nested templates too.
    const archive = input.stacks[2].template as any;
    const bucketPaths = Object.values(archive.Resources).map((r: any) => r.Metadata?.['aws:cdk:path']);
    expect(bucketPaths).toContain('Parent/Data/Archive/Bucket/Resource');
  });
});

describe('a nested stack behind a condition', () => {
  test.each([
    ['999999999999', 0],
    [ENV.account, 1],
  ] as const)('deployed only in account %s: %i finding(s) for its function', (account, count) => {
    const { app, parent } = parentApp();
    const bucket = new s3.Bucket(parent, 'Bucket');
    const compute = new NestedStack(parent, 'Compute');
    const condition = new CfnCondition(parent, 'InAccount', { expression: Fn.conditionEquals(parent.account, account) });
    compute.nestedStackResource!.cfnOptions.condition = condition;
    bucket.grantPut(writerFunction(compute, 'Writer'));
    const { checker } = synthChecked(app);
    expect(checker.findings.filter(f => f.function === 'Parent/Compute/Writer')).toHaveLength(count);
  });
});

describe('acknowledgements', () => {
  test('a DENY of a function in a nested stack is acknowledged on that function: synth passes, the finding says so', () => {
    const { app, parent } = parentApp();
    const bucket = new s3.Bucket(parent, 'Bucket');
    denyAllWrites(bucket);
    const fn = writerFunction(new NestedStack(parent, 'Compute'), 'Writer');
    bucket.grantPut(fn);
    WriteAccessChecker.acknowledge(fn, WriteAccessCauseCode.BUCKET_POLICY_DENY, 'frozen for the migration');
    const { checker, error } = synthChecked(app);
    expect(error).toBeUndefined();
    expect(findingFor(checker, fn, bucket)).toMatchObject({ verdict: WriteVerdict.DENY, acknowledged: { reason: 'frozen for the migration' } });
  });
});
