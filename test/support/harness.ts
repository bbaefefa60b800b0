import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppProps, AspectPriority, Aspects, Environment, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { ExpectWriteOptions, WriteAccessChecker, WriteAccessCheckerProps, WriteAccessFinding, WriteVerdict } from '../../src/checker';

// The one harness of the CDK-level tests: build an app, add the checker the way the README says, synthesize, and read
// the findings. `synthWithChecker` (default aspect priority, fails the test on anything but the checker's own
// validation failure or on an "internal error" finding) is what the scenario suites use; `synthChecked` (READONLY
// priority, keeps whatever synth threw) is what the checker's front-end tests use to look at the error itself.

const createdOutdirs: string[] = [];

// Every test file that builds apps cleans up the assemblies it wrote.
afterAll(() => {
  for (const dir of createdOutdirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** An environment with a fixed account and region, as most production stacks declare. */
export const ENV: Environment = { account: '111111111111', region: 'us-east-1' };
/** A second account of the same organisation, for cross-account apps. */
export const OTHER_ENV: Environment = { account: '222222222222', region: 'us-east-1' };

/** The context a `cdk context` lookup would hold for ENV's availability zones: VPCs with `maxAzs: 2` synth offline. */
export const TWO_AZS_CONTEXT = { 'availability-zones:account=111111111111:region=us-east-1': ['us-east-1a', 'us-east-1b'] };

/**
 * A fresh App writing into its own temporary directory. The CDK's built-in CloudFormation validation is off unless
 * asked for: its engine costs seconds per test file and the checker does not depend on it.
 */
export function newApp(props: AppProps = {}): App {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'wac-test-'));
  createdOutdirs.push(outdir);
  return new App({
    outdir,
    builtinCloudFormationValidation: false,
    ...props,
  });
}

/** A stack with the fixed environment unless `env` is given (`undefined` = the fixed one, `null` = agnostic). */
export function stackIn(app: IConstruct, id: string, env: Environment | null | undefined = ENV): Stack {
  return new Stack(app, id, env ? { env } : {});
}

/** The smallest real Lambda function: inline code, its own execution role. */
export function writerFunction(scope: Construct, id: string, props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    ...props,
  });
}

/** The app of the checker's cause suites: the stack 'Stack' (111111111111, eu-west-1), its function 'Fn' and bucket 'Bucket'. */
export function causeSuiteApp(bucketProps: s3.BucketProps = {}) {
  const app = newApp();
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
  const fn = writerFunction(stack, 'Fn');
  const bucket = new s3.Bucket(stack, 'Bucket', bucketProps);
  return { app, stack, fn, bucket };
}

/** `app.synth()`, returning the error it throws (undefined when it succeeds). */
export function synthError(app: App): Error | undefined {
  try {
    app.synth();
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

/** The parsed JSON file `name` in the app's root assembly directory. */
export function readAssemblyJson(app: App, name: string): any {
  return JSON.parse(fs.readFileSync(path.join(app.outdir, name), 'utf-8'));
}

/** The synthesized template of `stack`, read from the assembly on disk. */
export function templateOf(stack: Stack): any {
  const assembly = (stack.node.root as App).synth();
  const nested = assembly.stacksRecursively.find(s => s.hierarchicalId === stack.node.path);
  if (!nested) throw new Error(`no template for ${stack.node.path}`);
  return nested.template;
}

export interface Checked {
  readonly checker: WriteAccessChecker;
  /** What `app.synth()` threw, if anything. */
  readonly error?: Error;
}

/** The result type of `synthWithChecker` (the same shape as `Checked`). */
export type RealisticResult = Checked;

/** Add the checker the way the README says (an Aspect at READONLY priority), synthesize, and keep what happened. */
export function synthChecked(app: App, props: WriteAccessCheckerProps = {}): Checked {
  const checker = new WriteAccessChecker(props);
  Aspects.of(app).add(checker, { priority: AspectPriority.READONLY });
  return { checker, error: synthError(app) };
}

/**
 * Adds the checker as users do (`Aspects.of(app).add(checker)` at the default priority), synthesizes, and fails the
 * test if synth throws anything but the CDK's policy-validation failure carrying the checker's ERROR (a DENY), or if
 * the validation report holds an "internal error" (a crash of the checker).
 */
export function synthWithChecker(app: App, props: WriteAccessCheckerProps = {}): Checked {
  const checker = new WriteAccessChecker(props);
  Aspects.of(app).add(checker);
  const error = synthError(app);
  if (error && !isCheckerDenial(error)) {
    throw new Error(`synth threw something other than the checker's validation failure: ${error.stack ?? error.message}`);
  }
  const internal = internalErrorsReported(app);
  if (internal.length > 0) throw new Error(`the checker reported an internal error: ${internal.join('\n')}`);
  return { checker, error };
}

/** The CDK's policy-validation failure with at least one WriteAccessChecker ERROR in it. */
export function isCheckerDenial(error: Error): boolean {
  return /ValidationError/.test(error.constructor.name) && /^ERROR .*\(WriteAccessChecker\)/m.test(error.message);
}

/** Descriptions of "internal error" violations in the app's validation report, if it wrote one. */
function internalErrorsReported(app: App): string[] {
  const file = path.join(app.outdir, 'validation-report.json');
  if (!fs.existsSync(file)) return [];
  const report = JSON.parse(fs.readFileSync(file, 'utf-8'));
  return (report.pluginReports ?? [])
    .flatMap((r: any) => [...(r.violations ?? []), ...(r.suppressedViolations ?? [])])
    .map((v: any) => String(v.description ?? ''))
    .filter((d: string) => /internal error/.test(d));
}

/**
 * Declares the write of `fn` to `bucket` (`expectWrite(intent)`), synthesizes with `synthChecked`, and returns the
 * finding of that write and what synth threw.
 */
export function declaredFinding(
  app: App, fn: lambda.IFunction, bucket: s3.IBucket, intent: ExpectWriteOptions = {}, props: WriteAccessCheckerProps = {},
) {
  WriteAccessChecker.expectWrite(fn, bucket, intent);
  const { checker, error } = synthChecked(app, props);
  return { finding: findingFor(checker, fn, bucket), error };
}

/** The construct path a finding uses: the path without the L1 `/Resource` child. */
export function displayPath(construct: IConstruct): string {
  return construct.node.path.replace(/\/Resource$/, '');
}

/** All findings for one function (by construct), whatever the bucket. */
export function findingsOf(checker: WriteAccessChecker, fn: IConstruct): WriteAccessFinding[] {
  const fnPath = displayPath(fn);
  return checker.findings.filter(f => f.function === fnPath);
}

/**
 * The finding for the write of `fn` to `bucket` (a construct, or the literal name of a bucket outside the app). A
 * declared or construct intent is preferred to an inferred one for the same pair; with `intent` given, only findings
 * of that source count. Fails listing every finding when there is none, so a wrong guess at paths is easy to see.
 */
export function findingFor(checker: WriteAccessChecker, fn: IConstruct, bucket: IConstruct | string, intent?: string): WriteAccessFinding {
  const bucketPath = typeof bucket === 'string' ? bucket : displayPath(bucket);
  const matching = findingsOf(checker, fn).filter(f => f.bucket === bucketPath && (intent === undefined || f.intent === intent));
  const best = matching.find(f => f.intent !== 'inferred') ?? matching[0];
  if (!best) {
    const seen = checker.findings.map(f => `${f.function} -> ${f.bucket} (${f.intent}): ${f.verdict}`).join('\n  ');
    throw new Error(`no finding for ${displayPath(fn)} -> ${bucketPath}; findings:\n  ${seen || '(none)'}`);
  }
  return best;
}

/** The name the scenario suites use for `findingFor`. */
export const verdictFor = findingFor;

/** The cause codes of a finding, for assertions that read like the documentation. */
export function codesOf(finding: WriteAccessFinding): string[] {
  return finding.causes.map(c => c.code);
}

/** A one-line description of a finding, so a failing assertion shows the verdict and why. */
export function describeFinding(f: WriteAccessFinding): string {
  return `${f.verdict} [${f.causes.map(c => c.code).join(',')}] ${f.causes.map(c => c.message).join(' | ')}`;
}

/** Not DENY: the verdicts that never fail synth. */
export const NOT_DENY = [WriteVerdict.ALLOW, WriteVerdict.CONDITIONAL, WriteVerdict.UNKNOWN];

/** Asserts a finding is not DENY, showing its causes when it is. */
export function expectNotDeny(finding: WriteAccessFinding): void {
  expect(finding.verdict === WriteVerdict.DENY ? describeFinding(finding) : 'not DENY').toBe('not DENY');
}

/** The bucket policy's Deny of s3:PutObject to everyone on every key, unless `conditions` hold: the usual guard shape. */
export function denyPutObjectUnless(bucket: s3.IBucket, conditions: { [operator: string]: unknown }, sid?: string): void {
  bucket.addToResourcePolicy(denyEveryone(bucket, { sid, conditions }));
}

export interface DenyEveryoneOptions {
  /** @default no Sid */
  readonly sid?: string;
  /** @default ['s3:PutObject'] */
  readonly actions?: string[];
  /** The object keys the Deny covers. @default '*' */
  readonly keys?: string;
  /** Also cover the bucket ARN itself (for `s3:*` guards). @default false */
  readonly bucketToo?: boolean;
  /** @default unconditional */
  readonly conditions?: { [operator: string]: unknown };
}

/** A bucket-policy Deny with `Principal: "*"`, the shape every guard rail and freeze in the suites has. */
export function denyEveryone(bucket: s3.IBucket, options: DenyEveryoneOptions = {}): iam.PolicyStatement {
  const objects = bucket.arnForObjects(options.keys ?? '*');
  return new iam.PolicyStatement({
    sid: options.sid,
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: options.actions ?? ['s3:PutObject'],
    resources: options.bucketToo ? [bucket.bucketArn, objects] : [objects],
    conditions: options.conditions,
  });
}
