import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, Stack, Stage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { WriteAccessChecker, WriteAccessCheckerProps } from '../../../../src';
import { hasFinalValidationApi } from '../../../../src/compat/validation-api';

/** The aws-cdk-lib this run of the suite uses (test/compat/jest.config.js maps every import to it). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const CDK_VERSION: string = require('aws-cdk-lib/package.json').version;

/** Whether this aws-cdk-lib has the final validation API (2.257+), or only the older `policyValidationBeta1` hook. */
export const FINAL_API = hasFinalValidationApi();

export const ENV = { account: '111111111111', region: 'eu-west-1' };

/** The newest Node.js runtime this aws-cdk-lib knows (cdk-nag's AwsSolutions-L1 asks for the latest). */
export function latestNodeRuntime(): lambda.Runtime {
  const runtimes = lambda.Runtime as unknown as Record<string, lambda.Runtime>;
  const major = (name: string) => Number(/^NODEJS_(\d+)_X$/.exec(name)?.[1] ?? -1);
  const newest = Object.keys(runtimes).reduce((best, name) => (major(name) > major(best) ? name : best), 'NODEJS_20_X');
  return runtimes[newest];
}

export function functionProps(extra: Partial<lambda.FunctionProps> = {}): lambda.FunctionProps {
  return {
    runtime: latestNodeRuntime(),
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    ...extra,
  };
}

/** A fresh app writing into its own temporary directory. */
export function newApp(): App {
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'compat-')) });
}

export function newStack(app: App, id = 'Stack'): Stack {
  return new Stack(app, id, { env: ENV });
}

/** A stack inside a nested Stage `Prod` (as CDK Pipelines makes them). */
export function stagedStack(app: App): { stage: Stage; stack: Stack } {
  const stage = new Stage(app, 'Prod', { env: ENV });
  return { stage, stack: new Stack(stage, 'Service', { env: ENV }) };
}

/**
 * A function `Fn` declared to write `out/*` to a bucket `Bucket` of `scope`: granted the write (ALLOW), or only read
 * (DENY, NO_IDENTITY_ALLOW).
 */
export function declaredWriter(scope: Construct, granted: boolean): lambda.Function {
  const bucket = new s3.Bucket(scope, 'Bucket');
  const fn = new lambda.Function(scope, 'Fn', functionProps());
  if (granted) bucket.grantPut(fn, 'out/*');
  else bucket.grantRead(fn);
  WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'out/' });
  return fn;
}

export interface SynthOutcome {
  /** Whether synth failed the way each CDK fails it: the final API throws, the older hook sets `process.exitCode`. */
  readonly failed: boolean;
  /** What the CDK printed (its validation report) and the error it threw, if any. */
  readonly output: string;
  readonly outdir: string;
}

/**
 * `app.synth()` as the `cdk` command line would see it. The older validation hook reports a failure by setting
 * `process.exitCode = 1` (the app's process then exits 1 and `cdk synth` fails); that is read and undone here so the
 * test process itself does not exit 1.
 */
export function synthOutcome(app: App): SynthOutcome {
  const printed: string[] = [];
  const spies = (['log', 'error', 'warn'] as const).map(method =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => { printed.push(args.map(String).join(' ')); }));
  const exitCodeBefore = process.exitCode;
  let failed = false;
  try {
    app.synth();
  } catch (error) {
    failed = true;
    printed.push(String(error));
  } finally {
    spies.forEach(spy => spy.mockRestore());
  }
  if (process.exitCode === 1 && exitCodeBefore !== 1) failed = true;
  process.exitCode = exitCodeBefore;
  return { failed, output: printed.join('\n'), outdir: app.outdir };
}

/** The checker on `app`, synthesized. */
export function check(app: App, props: WriteAccessCheckerProps = {}) {
  const checker = new WriteAccessChecker(props);
  Aspects.of(app).add(checker);
  const outcome = synthOutcome(app);
  return { checker, findings: checker.findings, ...outcome };
}

/** Let deferred work run (on the older hook the report file is written once synthesis has returned). */
export function afterSynthReturns(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve));
}
