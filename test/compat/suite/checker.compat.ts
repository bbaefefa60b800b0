import * as fs from 'fs';
import * as path from 'path';
import { App, Aspects } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { afterSynthReturns, CDK_VERSION, check, declaredWriter, FINAL_API, functionProps, newApp, newStack, stagedStack, synthOutcome } from './support/compat';
import { buildDemoApp, buildDemoStacks } from '../../../examples/demo-app';
import { WriteAccessCauseCode, WriteAccessChecker } from '../../../src';

// The checker on this run's aws-cdk-lib: the same verdicts, the same report file and the same acknowledgements,
// whichever validation hook the CDK has. The demo's four stories give four causes, each both ways.

const hook = FINAL_API ? 'Validations.of(app).addPlugins' : 'Stage.policyValidationBeta1';

describe(`WriteAccessChecker on aws-cdk-lib ${CDK_VERSION} (${hook})`, () => {
  const verdictAndCode = (findings: WriteAccessChecker['findings'], fn: string) => {
    const finding = findings.find(f => f.function === fn);
    return [finding?.verdict, finding?.causes[0]?.code];
  };

  test('each broken story is DENIED for its own cause, and synth fails with the checker\'s message', () => {
    const app = newApp();
    const checker = buildDemoApp(app, false);
    const outcome = synthOutcome(app);
    expect(outcome.failed).toBe(true);
    expect(outcome.output).toContain('would be DENIED');
    expect(verdictAndCode(checker.findings, 'BrokenEncryptionHeader/Ingest')).toEqual(['DENY', 'REQUEST_CONDITION']);
    expect(verdictAndCode(checker.findings, 'BrokenKeyPolicy/Ingest')).toEqual(['DENY', 'KMS_KEY_POLICY']);
    expect(verdictAndCode(checker.findings, 'BrokenAcl/Publish')).toEqual(['DENY', 'ACL_NOT_SUPPORTED']);
    expect(verdictAndCode(checker.findings, 'BrokenReadOnlyRole/Process')).toEqual(['DENY', 'NO_IDENTITY_ALLOW']);
  });

  test('each fixed twin, and a SecureLambdaWriter, is ALLOWed and synth passes', () => {
    const app = newApp();
    const checker = buildDemoApp(app, true);
    const outcome = synthOutcome(app);
    expect(outcome.failed).toBe(false);
    expect(checker.findings.length).toBeGreaterThanOrEqual(5);
    expect(checker.findings.filter(f => f.verdict !== 'ALLOW')).toEqual([]);
  });

  test('a DENY inside a nested Stage (a CDK Pipelines stage) is found and fails synth', () => {
    const app = newApp();
    declaredWriter(stagedStack(app).stack, false);
    const { findings, failed } = check(app, { reportFile: false });
    expect(failed).toBe(true);
    expect(verdictAndCode(findings, 'Prod/Service/Fn')).toEqual(['DENY', 'NO_IDENTITY_ALLOW']);
  });

  test('the same app with the write granted passes', () => {
    const app = newApp();
    declaredWriter(stagedStack(app).stack, true);
    const { findings, failed } = check(app, { reportFile: false });
    expect(failed).toBe(false);
    expect(verdictAndCode(findings, 'Prod/Service/Fn')).toEqual(['ALLOW', undefined]);
  });

  test('WriteAccessChecker.acknowledge: an acknowledged DENY no longer fails synth and stays in the findings', () => {
    const app = newApp();
    const fn = declaredWriter(newStack(app), false);
    WriteAccessChecker.acknowledge(fn, WriteAccessCauseCode.NO_IDENTITY_ALLOW, 'Granted by a policy the platform team attaches.');
    const { findings, failed } = check(app, { reportFile: false });
    expect(failed).toBe(false);
    expect(findings).toHaveLength(1);
    expect(findings[0].verdict).toBe('DENY');
    expect(findings[0].acknowledged?.reason).toBe('Granted by a policy the platform team attaches.');
  });

  test('write-access-report.json holds every finding once synthesis has returned', async () => {
    const app = newApp();
    const checker = buildDemoApp(app, true);
    synthOutcome(app);
    await afterSynthReturns();
    const report = JSON.parse(fs.readFileSync(path.join(app.outdir, WriteAccessChecker.REPORT_FILE_NAME), 'utf-8'));
    expect(report.version).toBe(1);
    expect(report.findings.map((f: any) => f.function).sort()).toEqual(checker.findings.map(f => f.function).sort());
  });

  test('adding the checker leaves every template byte-for-byte the same', () => {
    const build = (withChecker: boolean) => {
      const app = newApp();
      if (withChecker) buildDemoApp(app, true);
      else buildDemoStacks(app, true);
      synthOutcome(app);
      return fs.readdirSync(app.outdir).filter(f => f.endsWith('.template.json')).sort()
        .map(f => [f, fs.readFileSync(path.join(app.outdir, f), 'utf-8')]);
    };
    const withChecker = build(true);
    expect(withChecker.length).toBeGreaterThanOrEqual(5);
    expect(withChecker).toEqual(build(false));
  });

  // On the older hook a plugin registered without the Aspect gets template paths only, no construct tree: findings
  // then name construct paths only where the templates carry path metadata (the CDK command line's default).
  test(`registered directly as a validation plugin (${hook}), without the Aspect: the same verdicts`, () => {
    const verdicts = (checker: WriteAccessChecker) => checker.findings.map(f => `${f.verdict} ${f.causes[0]?.code}`).sort();
    const viaAspect = newApp();
    const aspectChecker = buildDemoApp(viaAspect, false);
    synthOutcome(viaAspect);

    const checker = new WriteAccessChecker({ reportFile: false });
    // The older hook takes plugins in the App's props only; the final API through Validations.
    const app = FINAL_API ? newApp() : new App({ outdir: newApp().outdir, policyValidationBeta1: [checker] } as any);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (FINAL_API) require('aws-cdk-lib').Validations.of(app).addPlugins(checker);
    buildDemoStacks(app, false);
    const outcome = synthOutcome(app);
    expect(outcome.failed).toBe(true);
    expect(verdicts(checker)).toEqual(verdicts(aspectChecker));
    expect(verdicts(checker)).toEqual(expect.arrayContaining(['DENY ACL_NOT_SUPPORTED', 'DENY NO_IDENTITY_ALLOW']));
  });

  test('added to the App and to a nested Stage (a CDK Pipelines setup): each write is reported once', () => {
    const app = newApp();
    const { stage, stack } = stagedStack(app);
    declaredWriter(stack, false);
    const checker = new WriteAccessChecker({ reportFile: false });
    Aspects.of(app).add(checker);
    Aspects.of(stage).add(checker);
    const outcome = synthOutcome(app);
    expect(outcome.failed).toBe(true);
    expect(checker.findings.map(f => `${f.function} ${f.verdict}`)).toEqual(['Prod/Service/Fn DENY']);
  });

  test('two apps writing into one directory: each is judged with its own tree and acknowledgements', () => {
    const build = (acknowledged: boolean) => {
      const checker = new WriteAccessChecker({ reportFile: false });
      const app = FINAL_API ? new App({ outdir }) : new App({ outdir, policyValidationBeta1: [checker] } as any);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      if (FINAL_API) require('aws-cdk-lib').Validations.of(app).addPlugins(checker);
      const fn = declaredWriter(newStack(app), false);
      if (acknowledged) WriteAccessChecker.acknowledge(fn, WriteAccessCauseCode.NO_IDENTITY_ALLOW, 'granted elsewhere in app 1');
      return { app, checker };
    };
    const outdir = newApp().outdir;
    const first = build(true);
    const second = build(false);
    expect(synthOutcome(first.app).failed).toBe(false);
    expect(synthOutcome(second.app).failed).toBe(true);
    expect(second.checker.findings.map(f => [f.verdict, f.acknowledged])).toEqual([['DENY', undefined]]);
  });

  test('registered without the Aspect in an app that recorded nothing: a warning says what cannot be seen', () => {
    const checker = new WriteAccessChecker({ reportFile: false });
    const app = FINAL_API ? newApp() : new App({ outdir: newApp().outdir, policyValidationBeta1: [checker] } as any);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (FINAL_API) require('aws-cdk-lib').Validations.of(app).addPlugins(checker);
    const stack = newStack(app);
    new lambda.Function(stack, 'Fn', functionProps());
    const report = checker.validate({ templatePaths: [] } as any) as any;
    synthOutcome(app);
    // With the final API the context carries the tree (no warning in a real synth); a bare context has none.
    expect(report.violations.map((v: any) => v.description).join('\n')).toMatch(/registered as a validation plugin without its Aspect/);
  });

  test('a CONDITIONAL write warns but passes; strict fails it', () => {
    // An inferred intent (the request is not declared) to a bucket that denies writes without the SSE-KMS header.
    const build = () => {
      const app = newApp();
      const stack = newStack(app);
      const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS });
      const fn = new lambda.Function(stack, 'Fn', functionProps());
      bucket.grantPut(fn);
      bucket.addToResourcePolicy(new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('*')],
        conditions: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
      }));
      return app;
    };
    const relaxed = check(build(), { reportFile: false });
    expect(relaxed.findings.map(f => f.verdict)).toEqual(['CONDITIONAL']);
    expect(relaxed.failed).toBe(false);
    expect(check(build(), { reportFile: false, strict: true }).failed).toBe(true);
  });
});
