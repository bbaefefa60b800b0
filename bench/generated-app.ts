/**
 * One benchmark run in a fresh process: build an app of N Lambda → bucket (SSE-KMS) pairs, synthesize it with
 * one of three set-ups, and print the timings as JSON on stdout.
 *
 *   variant 'plain'    — no validation beyond the CDK's defaults
 *   variant 'checker'  — WriteAccessChecker added as an Aspect (it registers itself as a validation plugin)
 *   variant 'cdk-nag'  — cdk-nag 3's AwsSolutionsChecks registered as a validation plugin
 *
 * Every pair is a function, its role and default policy, a bucket, its KMS key and its TLS-only bucket policy
 * (6 resources), written to through `bucket.grantPut(fn)`: the usual L2 idiom the checker infers an intent from.
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

const PAIRS_PER_STACK = 50; // 300 resources: well under CloudFormation's 500 per stack

function parseArgs(argv: string[]): { pairs: number; variant: string } {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const pairs = Number(get('--pairs'));
  const variant = get('--variant') ?? 'plain';
  if (!Number.isInteger(pairs) || pairs <= 0) throw new Error('--pairs must be a positive integer');
  if (!['plain', 'checker', 'cdk-nag'].includes(variant)) throw new Error('--variant must be plain, checker or cdk-nag');
  return { pairs, variant };
}

function buildApp(pairs: number, variant: string): { app: App; checker?: WriteAccessChecker } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cdk-out-'));
  // The CLI's own setting: the app writes the validation report instead of throwing, so every variant synthesizes fully.
  const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  let stack: Stack | undefined;
  for (let i = 0; i < pairs; i++) {
    if (i % PAIRS_PER_STACK === 0) stack = new Stack(app, `Bench${i / PAIRS_PER_STACK}`);
    const bucket = new s3.Bucket(stack!, `Bucket${i}`, { encryption: s3.BucketEncryption.KMS, enforceSSL: true });
    const fn = new lambda.Function(stack!, `Fn${i}`, {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
    bucket.grantPut(fn, 'incoming/*');
  }
  let checker: WriteAccessChecker | undefined;
  if (variant === 'checker') {
    checker = new WriteAccessChecker();
    Aspects.of(app).add(checker);
  } else if (variant === 'cdk-nag') {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
  return { app, checker };
}

function main(): void {
  const { pairs, variant } = parseArgs(process.argv.slice(2));
  const t0 = process.hrtime.bigint();
  const { app, checker } = buildApp(pairs, variant);
  const t1 = process.hrtime.bigint();
  try {
    app.synth();
  } catch (e) {
    // A failing validation is still a complete synthesis for timing purposes; anything else is a bench bug.
    if (!/Validation failed/.test(String(e))) throw e;
  }
  const t2 = process.hrtime.bigint();
  // The analysis alone, on the written templates (what the checker adds, without the CDK's synthesis around it).
  let analysisMs: number | undefined;
  if (variant === 'plain') {
    const { input } = loadAssembly(app.outdir);
    const t3 = process.hrtime.bigint();
    analyzeAssembly(input);
    analysisMs = Number(process.hrtime.bigint() - t3) / 1e6;
  }
  const resources = pairs * 6;
  const result = {
    pairs,
    resources,
    variant,
    constructMs: Number(t1 - t0) / 1e6,
    synthMs: Number(t2 - t1) / 1e6,
    analysisMs,
    findings: checker ? checker.findings.length : undefined,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
  fs.rmSync(app.outdir, { recursive: true, force: true });
}

main();
