import { App, Aspects, Aws, Environment, Stack, Stage, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { WriteAccessChecker, WriteVerdict } from '../../../src/checker';
import { denyEveryone, describeFinding, ENV, expectNotDeny, isCheckerDenial, newApp, synthError, synthWithChecker, verdictFor, writerFunction } from '../../support/harness';

// Where users attach the checker and how they synthesize: on the App, a Stage or a Stack; twice; through
// `Template.fromStack` in unit tests; with CDK's permissions-boundary context; with mixed environments.

/** A stack whose function writes a bucket that denies every put (`frozen`) or not; `env: null` = environment-agnostic. */
function writerStack(scope: IConstruct, frozen: boolean, env: Environment | null = ENV) {
  const stack = new Stack(scope, 'Service', env ? { env } : {});
  const bucket = new s3.Bucket(stack, 'Bucket');
  const fn = writerFunction(stack, 'Writer');
  bucket.grantPut(fn);
  if (frozen) bucket.addToResourcePolicy(denyEveryone(bucket, { sid: 'Frozen' }));
  return { stack, bucket, fn };
}

/** `writerStack` in a new app that also runs cdk-nag's AwsSolutions pack; the checker added last, synthesized. */
function withCdkNag(frozen: boolean) {
  const app = newApp();
  const { fn, bucket } = writerStack(app, frozen);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const checker = new WriteAccessChecker();
  Aspects.of(app).add(checker);
  return { error: synthError(app), finding: verdictFor(checker, fn, bucket) };
}

describe('where the checker is attached', () => {
  test.each([
    ['the Stack', (_app: App, _stage: Stage, stack: Stack) => stack as IConstruct],
    ['the Stage', (_app: App, stage: Stage) => stage as IConstruct],
    ['the App', (app: App) => app as IConstruct],
  ] as Array<[string, (app: App, stage: Stage, stack: Stack) => IConstruct]>)('Aspects.of(%s): a DENY in a Stage still fails synth', (_n, target) => {
    const app = newApp();
    const stage = new Stage(app, 'Prod');
    const { stack, fn, bucket } = writerStack(stage, true);
    const checker = new WriteAccessChecker();
    Aspects.of(target(app, stage, stack)).add(checker);
    const error = synthError(app);
    expect(error && isCheckerDenial(error)).toBe(true);
    expect(verdictFor(checker, fn, bucket).verdict).toBe(WriteVerdict.DENY);
  });

  test('two checkers on the same app (one per team): no crash, both report the DENY', () => {
    const app = newApp();
    const { fn, bucket } = writerStack(app, true);
    const first = new WriteAccessChecker();
    const second = new WriteAccessChecker({ reportFile: false });
    Aspects.of(app).add(first);
    Aspects.of(app).add(second);
    const error = synthError(app);
    expect(error && isCheckerDenial(error)).toBe(true);
    expect(verdictFor(first, fn, bucket).verdict).toBe(WriteVerdict.DENY);
    expect(verdictFor(second, fn, bucket).verdict).toBe(WriteVerdict.DENY);
  });
});

describe('next to cdk-nag 3 (another validation plugin)', () => {
  test('AwsSolutions errors fail synth on their own; the checker\'s finding is still ALLOW and adds no ERROR', () => {
    const { error, finding } = withCdkNag(false);
    expect(error?.message).toMatch(/AwsSolutions-/);
    expect(error?.message).not.toMatch(/^ERROR .*\(WriteAccessChecker\)/m);
    expect(describeFinding(finding)).toBe('ALLOW [] ');
  });

  test('…and with a frozen bucket both plugins report', () => {
    const { error, finding } = withCdkNag(true);
    expect(error && isCheckerDenial(error)).toBe(true);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
  });
});

describe('synthesizing more than once', () => {
  test('Template.fromStack in a unit test, then app.synth(): ALLOW both times, no crash', () => {
    const app = newApp();
    const { stack, fn, bucket } = writerStack(app, false);
    const checker = new WriteAccessChecker();
    Aspects.of(app).add(checker);
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Function', 1);
    expect(synthError(app)).toBeUndefined();
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(checker.findings).toHaveLength(1);
  });
});

describe('environments', () => {
  test('CDK\'s permissionsBoundary context (@aws-cdk/core:permissionsBoundary, a boundary outside the app): UNKNOWN, not DENY', () => {
    const app = newApp({ context: { '@aws-cdk/core:permissionsBoundary': { name: 'developer-policy' } } });
    const { fn, bucket } = writerStack(app, false);
    const { checker, error } = synthWithChecker(app);
    expect(verdictFor(checker, fn, bucket).verdict).toBe(WriteVerdict.UNKNOWN);
    expect(error).toBeUndefined();
  });

  test('env given as Aws.ACCOUNT_ID / Aws.REGION tokens (same as environment-agnostic): ALLOW', () => {
    const app = newApp();
    const { fn, bucket } = writerStack(app, false, { account: Aws.ACCOUNT_ID, region: Aws.REGION });
    expect(describeFinding(verdictFor(synthWithChecker(app).checker, fn, bucket))).toBe('ALLOW [] ');
  });

  test('an environment-agnostic data stack and a compute stack with an account: not a cross-account DENY', () => {
    // CDK allows the reference (an agnostic stack may deploy anywhere); whether the accounts differ is unknown.
    const app = newApp();
    const data = new Stack(app, 'Data');
    const compute = new Stack(app, 'Compute', { env: ENV });
    const bucket = new s3.Bucket(data, 'Bucket', { bucketName: 'acme-agnostic-data' });
    const fn = writerFunction(compute, 'Writer');
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::acme-agnostic-data/*'] }));
    WriteAccessChecker.expectWrite(fn, bucket);
    const { checker, error } = synthWithChecker(app);
    expectNotDeny(verdictFor(checker, fn, bucket, 'declared'));
    expect(error).toBeUndefined();
  });

  test('environment-agnostic stacks with defaultAccount given: ALLOW', () => {
    const app = newApp();
    const { fn, bucket } = writerStack(app, false, null);
    const { checker } = synthWithChecker(app, { defaultAccount: '111111111111' });
    expect(Stack.of(fn).account).toBe(Aws.ACCOUNT_ID);
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
  });
});

describe('a CDK Pipelines app (pipelines.CodePipeline with an application Stage)', () => {
  function pipelineApp(frozen: boolean) {
    const app = newApp();
    const pipelineStack = new Stack(app, 'Pipeline', { env: ENV });
    const pipeline = new pipelines.CodePipeline(pipelineStack, 'Pipeline', {
      synth: new pipelines.ShellStep('Synth', {
        input: pipelines.CodePipelineSource.connection('acme/app', 'main', { connectionArn: 'arn:aws:codeconnections:us-east-1:111111111111:connection/abc' }),
        commands: ['npm ci', 'npx cdk synth'],
      }),
    });
    const stage = new Stage(pipelineStack, 'Prod', { env: ENV });
    const { fn, bucket } = writerStack(stage, frozen);
    pipeline.addStage(stage);
    return { app, fn, bucket };
  }

  test('ALLOW in the pipeline\'s stage; the pipeline\'s own roles and artifact bucket create no finding', () => {
    const { app, fn, bucket } = pipelineApp(false);
    const { checker, error } = synthWithChecker(app);
    expect(error).toBeUndefined();
    expect(describeFinding(verdictFor(checker, fn, bucket))).toBe('ALLOW [] ');
    expect(checker.findings).toHaveLength(1);
  });

  test('a frozen bucket in the pipeline\'s stage fails synth (DENY)', () => {
    const { app, fn, bucket } = pipelineApp(true);
    const { checker, error } = synthWithChecker(app);
    expect(error && isCheckerDenial(error)).toBe(true);
    expect(verdictFor(checker, fn, bucket).verdict).toBe(WriteVerdict.DENY);
  });
});

describe('logical IDs and path metadata changed by the user', () => {
  test.each([
    ['overrideLogicalId on the bucket and the function, AFTER expectWrite', (stack: Stack, fnRes: any, bucketRes: any) => {
      bucketRes.overrideLogicalId('LegacyDataBucket');
      fnRes.overrideLogicalId('LegacyWriterFn');
      return stack;
    }],
    ['stack.renameLogicalId on both, AFTER expectWrite', (stack: Stack, fnRes: any, bucketRes: any) => {
      stack.renameLogicalId(stack.resolve(bucketRes.logicalId), 'OldBucket');
      stack.renameLogicalId(stack.resolve(fnRes.logicalId), 'OldWriter');
      return stack;
    }],
  ] as Array<[string, (stack: Stack, fnRes: any, bucketRes: any) => Stack]>)('%s: the declared intent still resolves (ALLOW; with a Deny: DENY)', (_n, rename) => {
    for (const frozen of [false, true]) {
      const app = newApp();
      const { stack, fn, bucket } = writerStack(app, frozen);
      WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'x/' });
      rename(stack, fn.node.defaultChild, bucket.node.defaultChild);
      const { checker } = synthWithChecker(app);
      const declared = checker.findings.filter(f => f.intent === 'declared');
      expect(declared).toHaveLength(1);
      expect(['LegacyWriterFn', 'OldWriter']).toContain(declared[0].logicalId);
      expect(declared[0].verdict).toBe(frozen ? WriteVerdict.DENY : WriteVerdict.ALLOW);
    }
  });

  test.each([true, false])('aws:cdk:enable-path-metadata = %s: same verdicts', (enabled) => {
    for (const frozen of [false, true]) {
      const app = newApp({ context: { 'aws:cdk:enable-path-metadata': enabled } });
      const { fn, bucket } = writerStack(app, frozen);
      const { checker } = synthWithChecker(app);
      expect(verdictFor(checker, fn, bucket).verdict).toBe(frozen ? WriteVerdict.DENY : WriteVerdict.ALLOW);
    }
  });
});
