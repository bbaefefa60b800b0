/**
 * One benchmark run in a fresh process: build a generated app, synthesize it with one of three set-ups, and print
 * the timings (and the process's peak memory) as JSON on stdout.
 *
 *   variant 'plain'    — no validation beyond the CDK's defaults
 *   variant 'checker'  — WriteAccessChecker added as an Aspect (it registers itself as a validation plugin)
 *   variant 'cdk-nag'  — cdk-nag 3's AwsSolutionsChecks registered as a validation plugin
 *
 * Two shapes of app:
 * - `--pairs N`: N Lambda → bucket (SSE-KMS) pairs. Every pair is a function, its role and default policy, a bucket,
 *   its KMS key and its TLS-only bucket policy (6 resources), written to through `bucket.grantPut(fn)`: the usual L2
 *   idiom the checker infers an intent from.
 * - `--functions F --buckets B`: the grant matrix, F functions each granted on every one of B buckets with
 *   `bucket.grantPut(fn)` (F·B write intents). The CDK moves what does not fit a role's default policy into
 *   overflow managed policies, so each role carries B statements spread over several policies.
 *
 * With `--variant checker` the run also times the checker's own methods inside the synthesis (its Aspect's visits and
 * its validation plugin: analysis, acknowledgements, report file), apart from the CDK's synthesis around them.
 *
 * With `--variant plain` the run also times, on the templates it wrote, the checker's analysis alone and the
 * command line's whole `check` (reading the assembly, analysing, formatting), in the same process (`--synth-only`:
 * not; with `--outdir DIR`, to keep an assembly to profile).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, Stack, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { WriteAccessChecker } from '../src';
import { analyzeAssembly } from '../src/analysis/analyze';
import { loadAssembly } from '../src/cli/assembly';
import { runCli } from '../src/cli/run';

const PAIRS_PER_STACK = 50; // 300 resources: well under CloudFormation's 500 per stack
/** Resources a stack of the grant matrix's functions may hold (CloudFormation's limit is 500). */
const FUNCTION_RESOURCE_BUDGET = 450;

const VARIANTS = ['plain', 'checker', 'cdk-nag'];

interface Shape {
  /** Lambda → bucket pairs, or undefined for the grant matrix. */
  readonly pairs?: number;
  readonly functions?: number;
  readonly buckets?: number;
}

function parseArgs(argv: string[]): { shape: Shape; variant: string; outdir?: string } {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const positive = (flag: string) => {
    const n = Number(get(flag));
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} must be a positive integer`);
    return n;
  };
  const variant = get('--variant') ?? 'plain';
  if (!VARIANTS.includes(variant)) throw new Error('--variant must be plain, checker or cdk-nag');
  const outdir = get('--outdir');
  if (get('--functions') !== undefined || get('--buckets') !== undefined) {
    return { shape: { functions: positive('--functions'), buckets: positive('--buckets') }, variant, outdir };
  }
  return { shape: { pairs: positive('--pairs') }, variant, outdir };
}

function newFunction(scope: Stack, id: string): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
  });
}

function buildPairs(app: App, pairs: number): void {
  let stack: Stack | undefined;
  for (let i = 0; i < pairs; i++) {
    if (i % PAIRS_PER_STACK === 0) stack = new Stack(app, `Bench${i / PAIRS_PER_STACK}`);
    const bucket = new s3.Bucket(stack!, `Bucket${i}`, { encryption: s3.BucketEncryption.KMS, enforceSSL: true });
    bucket.grantPut(newFunction(stack!, `Fn${i}`), 'incoming/*');
  }
}

/**
 * The buckets in one stack, the functions in stacks of {@link FUNCTIONS_PER_STACK}: each function brings its role,
 * default policy and about one overflow managed policy per 20 grants, and a stack holds at most 500 resources. The
 * bucket ARNs reach the function stacks as exports and `Fn::ImportValue`s, as in any app split into stacks.
 */
function buildGrid(app: App, functions: number, buckets: number): void {
  const bucketStack = new Stack(app, 'GridBuckets');
  const all = Array.from({ length: buckets }, (_, i) => new s3.Bucket(bucketStack, `Bucket${i}`));
  const perStack = Math.max(1, Math.floor(FUNCTION_RESOURCE_BUDGET / (3 + Math.ceil(buckets / 20))));
  let stack: Stack | undefined;
  for (let f = 0; f < functions; f++) {
    if (f % perStack === 0) stack = new Stack(app, `GridFunctions${f / perStack}`);
    const fn = newFunction(stack!, `Fn${f}`);
    for (const bucket of all) bucket.grantPut(fn);
  }
}

function buildApp(shape: Shape, variant: string, outdir: string): { app: App; checker?: WriteAccessChecker } {
  // The CLI's own setting: the app writes the validation report instead of throwing, so every variant synthesizes fully.
  const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  if (shape.pairs !== undefined) buildPairs(app, shape.pairs);
  else buildGrid(app, shape.functions!, shape.buckets!);
  let checker: WriteAccessChecker | undefined;
  if (variant === 'checker') {
    checker = new WriteAccessChecker();
    Aspects.of(app).add(checker);
  } else if (variant === 'cdk-nag') {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
  return { app, checker };
}

function resourceCount(outdir: string): number {
  let count = 0;
  for (const file of fs.readdirSync(outdir)) {
    if (!file.endsWith('.template.json')) continue;
    const template = JSON.parse(fs.readFileSync(path.join(outdir, file), 'utf8'));
    count += Object.keys(template.Resources ?? {}).length;
  }
  return count;
}

const ms = (from: bigint, to: bigint) => Number(to - from) / 1e6;

/**
 * Wraps the checker's `visit` (the Aspect) and `validate` (the validation plugin, registered as this same object) to
 * add up the wall time spent in them; returns the total so far, in milliseconds.
 */
function timeCheckerMethods(checker: WriteAccessChecker): () => number {
  let spent = 0n;
  const methods = checker as unknown as Record<'visit' | 'validate', (arg: unknown) => unknown>;
  for (const name of ['visit', 'validate'] as const) {
    const original = methods[name].bind(checker);
    methods[name] = (arg: unknown) => {
      const start = process.hrtime.bigint();
      try {
        return original(arg);
      } finally {
        spent += process.hrtime.bigint() - start;
      }
    };
  }
  return () => Number(spent) / 1e6;
}

function main(): void {
  const { shape, variant, outdir: kept } = parseArgs(process.argv.slice(2));
  // --outdir keeps the assembly (for profiling the command line on it); otherwise a temporary one is removed.
  const outdir = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cdk-out-'));
  const t0 = process.hrtime.bigint();
  const { app, checker } = buildApp(shape, variant, outdir);
  const checkerTime = checker ? timeCheckerMethods(checker) : undefined;
  const t1 = process.hrtime.bigint();
  try {
    app.synth();
  } catch (e) {
    // A failing validation is still a complete synthesis for timing purposes; anything else is a bench bug.
    if (!/Validation failed/.test(String(e))) throw e;
  }
  const t2 = process.hrtime.bigint();
  // Peak memory of the synthesis (before the extra timings below, which only the plain run does).
  const synthMaxRssMb = process.resourceUsage().maxRSS / 1024;
  let analysisMs: number | undefined;
  let checkMs: number | undefined;
  let analysisFindings: number | undefined;
  if (variant === 'plain' && !process.argv.includes('--synth-only')) {
    // The analysis alone, on the written templates (what the checker adds, without the CDK's synthesis around it).
    const { input } = loadAssembly(app.outdir);
    const t3 = process.hrtime.bigint();
    analysisFindings = analyzeAssembly(input).findings.length;
    analysisMs = ms(t3, process.hrtime.bigint());
    // The command line's whole check: read the assembly, analyse, format the report (no Node start-up).
    let written = 0;
    const t4 = process.hrtime.bigint();
    runCli(['check', app.outdir, '--json'], { stdout: (t) => { written += t.length; }, stderr: () => undefined });
    checkMs = ms(t4, process.hrtime.bigint());
    if (written === 0) throw new Error('the command line wrote no report');
  }
  const result = {
    ...shape,
    resources: resourceCount(app.outdir),
    variant,
    constructMs: ms(t0, t1),
    synthMs: ms(t1, t2),
    synthMaxRssMb,
    checkerMs: checkerTime?.(),
    analysisMs,
    checkMs,
    findings: checker ? checker.findings.length : analysisFindings,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
  if (kept === undefined) fs.rmSync(app.outdir, { recursive: true, force: true });
}

if (require.main === module) main();
