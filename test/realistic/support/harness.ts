import * as fs from 'fs';
import * as path from 'path';
import { App, Aspects, Environment, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { WriteAccessChecker, WriteAccessCheckerProps, WriteAccessFinding, WriteVerdict } from '../../../src/checker';
import { newApp, writerFunction } from '../../checker/support/app';
import { displayPath } from '../../checker/support/check';

// The way the README tells users to wire the checker: `Aspects.of(app).add(checker)` at the default priority, then
// synth. The only error synth may throw is the CDK's policy-validation failure carrying our ERROR (a DENY); anything
// else is a crash of the checker or of the app, and so is an "internal error" warning in the validation report.

export { newApp, writerFunction };

/** An environment with a fixed account and region, as most production stacks declare. */
export const ENV: Environment = { account: '111111111111', region: 'us-east-1' };
/** A second account of the same organisation, for cross-account apps. */
export const OTHER_ENV: Environment = { account: '222222222222', region: 'us-east-1' };

export interface RealisticResult {
  readonly checker: WriteAccessChecker;
  /** The error `app.synth()` threw, if any. */
  readonly error?: Error;
}

/** Adds the checker as users do, synthesizes, and fails the test if synth throws anything but "Validation failed". */
export function synthWithChecker(app: App, props: WriteAccessCheckerProps = {}): RealisticResult {
  const checker = new WriteAccessChecker(props);
  Aspects.of(app).add(checker);
  let error: Error | undefined;
  try {
    app.synth();
  } catch (e) {
    error = e as Error;
  }
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

/** All findings for one function (by construct), whatever the bucket. */
export function findingsOf(checker: WriteAccessChecker, fn: IConstruct): WriteAccessFinding[] {
  const fnPath = displayPath(fn);
  return checker.findings.filter(f => f.function === fnPath);
}

/**
 * The finding of `fn` writing to `bucket` (a construct or a literal bucket name). A declared intent is preferred to
 * an inferred one for the same pair; with `intent` given, only findings of that source count.
 */
export function verdictFor(checker: WriteAccessChecker, fn: IConstruct, bucket: IConstruct | string, intent?: string): WriteAccessFinding {
  const bucketPath = typeof bucket === 'string' ? bucket : displayPath(bucket);
  const matching = findingsOf(checker, fn).filter(f => f.bucket === bucketPath && (intent === undefined || f.intent === intent));
  const best = matching.find(f => f.intent !== 'inferred') ?? matching[0];
  if (!best) {
    const seen = checker.findings.map(f => `${f.function} -> ${f.bucket} (${f.intent}): ${f.verdict}`).join('\n  ');
    throw new Error(`no finding for ${displayPath(fn)} -> ${bucketPath}; findings:\n  ${seen || '(none)'}`);
  }
  return best;
}

/** A one-line description of a finding, so a failing assertion shows the verdict and why. */
export function describeFinding(f: WriteAccessFinding): string {
  return `${f.verdict} [${f.causes.map(c => c.code).join(',')}] ${f.causes.map(c => c.message).join(' | ')}`;
}

/** Not DENY: the verdicts that never fail synth. */
export const NOT_DENY = [WriteVerdict.ALLOW, WriteVerdict.CONDITIONAL, WriteVerdict.UNKNOWN];

/** A stack with the fixed environment unless `env` is given. */
export function stackIn(app: IConstruct, id: string, env: Environment | undefined = ENV): Stack {
  return new Stack(app, id, env ? { env } : {});
}

/** Asserts a finding is not DENY, showing its causes when it is. */
export function expectNotDeny(finding: WriteAccessFinding): void {
  expect(finding.verdict === WriteVerdict.DENY ? describeFinding(finding) : 'not DENY').toBe('not DENY');
}

/** The bucket policy's Deny of s3:PutObject to everyone on every key, unless `conditions` hold: the usual guard shape. */
export function denyPutObjectUnless(bucket: s3.IBucket, conditions: { [operator: string]: unknown }): void {
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['s3:PutObject'],
    resources: [bucket.arnForObjects('*')],
    conditions,
  }));
}
