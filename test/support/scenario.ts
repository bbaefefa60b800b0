import { App, AppProps, Environment, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import {
  Checked, DenyEveryoneOptions, describeFinding, denyEveryone, ENV, expectNotDeny, findingFor, findingsOf, newApp, synthWithChecker,
  writerFunction,
} from './harness';
import { ExpectWriteOptions, WriteAccessChecker, WriteAccessCheckerProps, WriteAccessFinding, WriteVerdict } from '../../src/checker';

// The shape most scenario tests share: one app, one stack, a bucket, a function that writes it, a grant, maybe a
// bucket-policy statement and a declared intent, then synth with the checker and read the one finding. The builder
// says those steps in one line each so a test shows only what makes it differ:
//
//   const outcome = scenario().withBucket({ enforceSSL: true }).withWriter().grantPut().deny({ conditions }).expectWrite().check();
//   expectAllow(outcome);
//
// Anything else is plain CDK on `s.stack`, `s.bucket` and `s.fn` (or `s.with(s => …)` inside a chain).

export interface ScenarioOptions {
  /** @default 'App' */
  readonly stackId?: string;
  /** The stack's environment; `null` for an environment-agnostic stack. @default ENV (111111111111, us-east-1) */
  readonly env?: Environment | null;
  /** Props of the App (context, for instance). @default none */
  readonly app?: AppProps;
  /** The construct the stack is created in (a Stage, for instance). @default the App */
  readonly within?: (app: App) => Construct;
  /** Other props of the stack (`crossRegionReferences`, a synthesizer…). @default none */
  readonly stackProps?: StackProps;
}

/** A stack in `scope`: the environment ENV unless `env` is given (`null` = agnostic), with `props`. */
function stackOf(scope: Construct, id: string, env: Environment | null | undefined, props: StackProps = {}): Stack {
  const resolved = env === null ? undefined : env ?? ENV;
  return new Stack(scope, id, { ...props, ...(resolved ? { env: resolved } : {}) });
}

/** What a scenario's synth gave: the checker, the error synth threw (a DENY), and the finding of its write. */
export interface Outcome extends Checked {
  /** The finding of the scenario's function writing its bucket (declared preferred to inferred). */
  readonly finding: WriteAccessFinding;
  /** Every finding of the scenario's function. */
  readonly findings: WriteAccessFinding[];
  /** The finding of that write from intents of one source ('declared', 'inferred'). */
  findingOf(intent: string): WriteAccessFinding;
}

export class Scenario {
  readonly app: App;
  readonly stack: Stack;
  private theBucket?: s3.IBucket;
  private theFn?: lambda.IFunction;

  constructor(options: ScenarioOptions = {}) {
    this.app = newApp(options.app);
    this.stack = stackOf(options.within?.(this.app) ?? this.app, options.stackId ?? 'App', options.env, options.stackProps);
  }

  /** The bucket the write goes to. */
  get bucket(): s3.Bucket {
    if (!this.theBucket) throw new Error('the scenario has no bucket: call .withBucket() first');
    return this.theBucket as s3.Bucket;
  }

  /** The writing function. */
  get fn(): lambda.Function {
    if (!this.theFn) throw new Error('the scenario has no function: call .withWriter() first');
    return this.theFn as lambda.Function;
  }

  /** Another stack beside the scenario's (same parent; default environment unless `env` says otherwise; `null` = agnostic). */
  addStack(id: string, env?: Environment | null, props?: StackProps): Stack {
    return stackOf(this.stack.node.scope ?? this.app, id, env, props);
  }

  /** `new s3.Bucket(scope, 'Bucket', props)`, the bucket of the write (scope: the scenario's stack by default). */
  withBucket(props: s3.BucketProps = {}, scope: Construct = this.stack): this {
    this.theBucket = new s3.Bucket(scope, 'Bucket', props);
    return this;
  }

  /** Makes any bucket (imported, L1-wrapped, …) the bucket of the write. */
  useBucket(bucket: s3.IBucket): this {
    this.theBucket = bucket;
    return this;
  }

  /** `writerFunction(scope, 'Writer', props)`, the function of the write. */
  withWriter(props: Partial<lambda.FunctionProps> = {}, scope: Construct = this.stack): this {
    this.theFn = writerFunction(scope, 'Writer', props);
    return this;
  }

  /** Makes any function the function of the write. */
  useWriter(fn: lambda.IFunction): this {
    this.theFn = fn;
    return this;
  }

  /** `bucket.grantPut(fn, keyPattern)`. */
  grantPut(keyPattern?: string): this {
    this.bucket.grantPut(this.fn, keyPattern);
    return this;
  }

  /** `bucket.grantReadWrite(fn)`. */
  grantReadWrite(): this {
    this.bucket.grantReadWrite(this.fn);
    return this;
  }

  /** An identity-policy statement on the function's role (`fn.addToRolePolicy`). */
  roleAllows(props: iam.PolicyStatementProps): this {
    this.fn.addToRolePolicy(new iam.PolicyStatement(props));
    return this;
  }

  /** A bucket-policy statement (`bucket.addToResourcePolicy`). */
  bucketPolicy(statement: iam.PolicyStatement): this {
    this.bucket.addToResourcePolicy(statement);
    return this;
  }

  /** A bucket-policy Deny to everyone (`Principal: "*"`), of PutObject on every key unless the options narrow it. */
  deny(options: DenyEveryoneOptions = {}): this {
    return this.bucketPolicy(denyEveryone(this.bucket, options));
  }

  /** `WriteAccessChecker.expectWrite(fn, bucket, options)`. */
  expectWrite(options: ExpectWriteOptions = {}): this {
    WriteAccessChecker.expectWrite(this.fn, this.bucket, options);
    return this;
  }

  /** Any other wiring, inside the chain. */
  with(wire: (s: this) => void): this {
    wire(this);
    return this;
  }

  /** Synthesizes with the checker (see `synthWithChecker`) and returns the outcome of the scenario's write. */
  check(props: WriteAccessCheckerProps = {}): Outcome {
    return outcomeOf(synthWithChecker(this.app, props), this.fn, this.bucket);
  }

  /** Declares the write (`expectWrite(intent)`), synthesizes, and returns the outcome whose `finding` is the declared one. */
  checkDeclared(intent: ExpectWriteOptions = {}, props: WriteAccessCheckerProps = {}): Outcome {
    return outcomeOf(synthWithChecker(this.expectWrite(intent).app, props), this.fn, this.bucket, 'declared');
  }
}

/** A new scenario: an app with one stack ('App' in ENV unless the options say otherwise). */
export function scenario(options: ScenarioOptions = {}): Scenario {
  return new Scenario(options);
}

/** The outcome of the write of `fn` to `bucket` in a checked app (`finding`: of intents from `intent` only, if given). */
export function outcomeOf(checked: Checked, fn: IConstruct, bucket: IConstruct | string, intent?: string): Outcome {
  return {
    ...checked,
    get finding() { return findingFor(checked.checker, fn, bucket, intent); },
    findingOf: (source: string) => findingFor(checked.checker, fn, bucket, source),
    get findings() { return findingsOf(checked.checker, fn); },
  };
}

/** The outcome was ALLOW with no cause, and synth passed. */
export function expectAllow(outcome: { finding: WriteAccessFinding; error?: Error }): void {
  expect(describeFinding(outcome.finding)).toBe('ALLOW [] ');
  expect(outcome.error).toBeUndefined();
}

/** The finding is ALLOW with no cause (whatever else the app holds). */
export function expectAllowFinding(finding: WriteAccessFinding): void {
  expect(describeFinding(finding)).toBe('ALLOW [] ');
}

/** The outcome was DENY naming `code`, and synth failed naming it too. */
export function expectDeny(outcome: { finding: WriteAccessFinding; error?: Error }, code: string): void {
  expect(outcome.finding.verdict).toBe(WriteVerdict.DENY);
  expect(outcome.finding.causes.map(c => c.code)).toContain(code);
  expect(outcome.error?.message).toContain(code);
}

/** The outcome was not DENY, and synth passed. */
export function expectNotDenied(outcome: { finding: WriteAccessFinding; error?: Error }): void {
  expectNotDeny(outcome.finding);
  expect(outcome.error).toBeUndefined();
}

/** The verdict and the first cause's code, as one string ("DENY BUCKET_POLICY_DENY", "ALLOW undefined"). */
export function verdictAndFirstCode(finding: WriteAccessFinding): string {
  return `${finding.verdict} ${finding.causes[0]?.code}`;
}
