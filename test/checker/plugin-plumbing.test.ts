import * as fs from 'fs';
import * as path from 'path';
import { App, Aspects, AspectPriority, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { newApp, readAssemblyJson, synthError, writerFunction } from '../support/harness';
import { fakeAnalysis } from './support/fake-analysis';
import { analyzeAssembly } from '../../src/analysis/analyze';
import { AssemblyInput } from '../../src/analysis/input';
import {
  WriteAccessCauseCode, WriteAccessChecker, WriteAccessCheckerProps, WriteIntentSource, WriteVerdict,
} from '../../src/checker';

// The front end over a stand-in analysis (see fake-analysis.ts): registration, inputs, verdict → severity,
// acknowledgements, the report file, robustness. The real analysis is exercised in causes/*.test.ts.
jest.mock('../../src/analysis/analyze', () => ({ analyzeAssembly: jest.fn() }));
const analyze = analyzeAssembly as jest.MockedFunction<typeof analyzeAssembly>;

/** How `app.synth()` fails in unit tests: the CDK throws the validation report, one 'ERROR … (plugin)' per error. */
const FAILED_BY_CHECKER = /^ERROR .*\(WriteAccessChecker\)$/m;

beforeEach(() => {
  analyze.mockReset();
  analyze.mockImplementation(fakeAnalysis);
});

/** An app with one stack, one function and one bucket; the intent's key prefix picks the fake verdict. */
function appWith(keyPrefix: string, props: WriteAccessCheckerProps = {}) {
  const app = newApp();
  const stack = new Stack(app, 'Stack');
  const fn = writerFunction(stack, 'Fn');
  const bucket = new s3.Bucket(stack, 'Bucket');
  WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix });
  const checker = new WriteAccessChecker(props);
  Aspects.of(app).add(checker);
  return { app, stack, fn, bucket, checker };
}

function lastInput(): AssemblyInput {
  expect(analyze).toHaveBeenCalled();
  return analyze.mock.calls[analyze.mock.calls.length - 1][0];
}

function pluginReport(app: App): any {
  return readAssemblyJson(app, 'validation-report.json').pluginReports.find((r: any) => r.pluginName === 'WriteAccessChecker');
}

describe('verdicts become validation results', () => {
  test('DENY: app.synth() throws with the message, the fix and the acknowledgement id; findings are filled', () => {
    const { app, checker } = appWith('deny/');
    const error = synthError(app);
    expect(error?.message).toMatch(FAILED_BY_CHECKER);
    expect(error?.message).toContain('s3:PutObject from Stack/Fn to Stack/Bucket (keys deny/*) would be DENIED');
    expect(error?.message).toContain('BUCKET_POLICY_DENY: fake DENY for Stack/Fn writing to Stack/Bucket');
    expect(error?.message).toContain('Suggested fix: fake fix for Stack/Bucket');
    expect(error?.message).toContain("Acknowledge with 'WriteAccessChecker::BUCKET_POLICY_DENY'");
    expect(checker.findings).toEqual([expect.objectContaining({
      function: 'Stack/Fn',
      bucket: 'Stack/Bucket',
      keyPattern: 'deny/*',
      verdict: WriteVerdict.DENY,
      intent: WriteIntentSource.DECLARED,
      fix: 'fake fix for Stack/Bucket',
    })]);
    expect(checker.findings[0].causes[0]).toEqual(expect.objectContaining({
      code: 'BUCKET_POLICY_DENY', location: 'Stack/Bucket/Policy/Resource', statement: 'DenyAll',
    }));
  });

  test('ALLOW: synth succeeds, no violation, the finding is still reported', () => {
    const { app, checker } = appWith('allow/');
    expect(synthError(app)).toBeUndefined();
    expect(checker.findings.map(f => f.verdict)).toEqual([WriteVerdict.ALLOW]);
    expect(pluginReport(app)).toBeUndefined();
  });

  test.each([['conditional/', 'REQUEST_CONDITION'], ['unknown/', 'UNRESOLVED']])(
    '%s is a warning: synth succeeds and the validation report lists it', (prefix, code) => {
      const { app } = appWith(prefix);
      expect(synthError(app)).toBeUndefined();
      const [violation] = pluginReport(app).violations;
      expect(violation).toEqual(expect.objectContaining({ ruleName: code, severity: 'warning' }));
      expect(violation.violatingConstructs[0].constructPath).toBe('Stack/Fn');
    });

  test.each(['conditional/', 'unknown/'])('strict mode: %s fails synth', (prefix) => {
    const { app } = appWith(prefix, { strict: true });
    expect(synthError(app)?.message).toMatch(FAILED_BY_CHECKER);
  });

  test('the violation carries the finding in its metadata and the deciding statement in its locations', () => {
    const { app, checker } = appWith('deny/');
    const report = checker.validate(contextOf(app));
    expect(report.success).toBe(false);
    expect(report.violations[0].ruleMetadata).toEqual({
      verdict: 'DENY', function: 'Stack/Fn', role: 'Stack/Fn/ServiceRole', bucket: 'Stack/Bucket', keyPattern: 'deny/*', intent: 'declared',
    });
    expect(report.violations[0].violatingResources).toEqual([{
      constructPath: 'Stack/Fn',
      locations: ['Stack/Bucket/Policy/Resource/Properties/PolicyDocument/Statement/0 (statement DenyAll)'],
    }]);
  });
});

/** A validation context for `app`, as the CDK builds it, from a synthesis that skipped the plugins. */
function contextOf(app: App) {
  const assembly = app.synth({ skipValidation: true, force: true });
  const stackTemplates = assembly.stacksRecursively.map(s => ({
    stackConstructPath: s.hierarchicalId, templatePath: s.templateFullPath, accountId: undefined, region: undefined,
  }));
  return { templatePaths: stackTemplates.map(s => s.templatePath), stackTemplates, appConstruct: app };
}

describe('what the analysis receives', () => {
  test('every template, nested Stages included, with stack names, environments and paths relative to the assembly', () => {
    const app = newApp();
    new Stack(app, 'Top');
    const stage = new Stage(app, 'Prod');
    new Stack(stage, 'Inner', { env: { account: '111111111111', region: 'eu-west-1' }, stackName: 'inner-stack' });
    Aspects.of(app).add(new WriteAccessChecker());
    app.synth();
    const stacks = lastInput().stacks.map(s => ({ ...s, template: undefined }));
    expect(stacks).toEqual(expect.arrayContaining([
      expect.objectContaining({ artifactId: 'Top', stackPath: 'Top', stackName: 'Top', templatePath: 'Top.template.json' }),
      expect.objectContaining({
        stackPath: 'Prod/Inner',
        stackName: 'inner-stack',
        account: '111111111111',
        region: 'eu-west-1',
        templatePath: expect.stringMatching(/^assembly-Prod\/.*\.template\.json$/),
      }),
    ]));
    expect(stacks).toHaveLength(2);
  });

  test('construct paths are added as aws:cdk:path metadata in memory when the app does not write them', () => {
    const { app, stack } = appWith('allow/');
    app.synth();
    const input = lastInput().stacks.find(s => s.stackPath === 'Stack')!;
    const paths = Object.values<any>((input.template as any).Resources).map(r => r.Metadata?.['aws:cdk:path']);
    expect(paths).toEqual(expect.arrayContaining(['Stack/Fn/Resource', 'Stack/Bucket/Resource', 'Stack/Fn/ServiceRole/Resource']));
    const onDisk = JSON.parse(fs.readFileSync(path.join(app.outdir, stack.templateFile), 'utf-8'));
    expect(JSON.stringify(onDisk)).not.toContain('aws:cdk:path');
  });

  test('the template the analysis reads is the final one: a property override applied after the aspect is seen', () => {
    const { app, bucket } = appWith('allow/');
    (bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride('BucketName', 'overridden-name');
    app.synth();
    const input = lastInput().stacks[0];
    const buckets = Object.values<any>((input.template as any).Resources).filter(r => r.Type === 'AWS::S3::Bucket');
    expect(buckets[0].Properties.BucketName).toBe('overridden-name');
  });

  test('the props reach the analysis as its environment', () => {
    const { app } = appWith('allow/', { organizationId: 'o-abc', strict: true, defaultAccount: '111111111111' });
    app.synth();
    expect(analyze.mock.calls[0][1]).toEqual({ organizationId: 'o-abc', strict: true, defaultAccount: '111111111111' });
  });
});

describe('registration', () => {
  test('as a plugin registered directly, without the Aspect', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    WriteAccessChecker.expectWrite(writerFunction(stack, 'Fn'), new s3.Bucket(stack, 'Bucket'), { keyPrefix: 'deny/' });
    const checker = new WriteAccessChecker();
    Validations.of(app).addPlugins(checker);
    expect(synthError(app)?.message).toContain("Acknowledge with 'WriteAccessChecker::BUCKET_POLICY_DENY'");
    expect(checker.findings).toHaveLength(1);
  });

  test('the Aspect and the plugin together, at READONLY priority, run the analysis once: no duplicate findings', () => {
    const { app, checker } = appWith('deny/');
    Validations.of(app).addPlugins(checker);
    Aspects.of(app).add(checker, { priority: AspectPriority.READONLY });
    synthError(app);
    expect(analyze).toHaveBeenCalledTimes(1);
    expect(checker.findings).toHaveLength(1);
  });

  test('an Aspect on the App checks stacks inside nested Stages (Aspects alone do not cross Stage boundaries)', () => {
    const app = newApp();
    const outer = new Stage(app, 'Pipeline');
    const inner = new Stage(outer, 'Prod');
    const stack = new Stack(inner, 'Service');
    WriteAccessChecker.expectWrite(writerFunction(stack, 'Fn'), new s3.Bucket(stack, 'Bucket'), { keyPrefix: 'deny/' });
    const checker = new WriteAccessChecker();
    Aspects.of(app).add(checker);
    expect(synthError(app)?.message).toContain('s3:PutObject from Pipeline/Prod/Service/Fn to Pipeline/Prod/Service/Bucket');
    expect(checker.findings.map(f => f.function)).toEqual(['Pipeline/Prod/Service/Fn']);
  });

  test('an Aspect on one nested Stage only checks that Stage\'s stacks, once', () => {
    const app = newApp();
    const checked = new Stage(app, 'Checked');
    const other = new Stage(app, 'Other');
    for (const stage of [checked, other]) {
      const stack = new Stack(stage, 'Service');
      WriteAccessChecker.expectWrite(writerFunction(stack, 'Fn'), new s3.Bucket(stack, 'Bucket'), { keyPrefix: 'deny/' });
    }
    const checker = new WriteAccessChecker();
    Aspects.of(checked).add(checker);
    expect(synthError(app)).toBeDefined();
    expect(checker.findings.map(f => f.function)).toEqual(['Checked/Service/Fn']);
    expect(analyze).toHaveBeenCalledTimes(1);
  });

  test('an Aspect added to one stack registers on its Stage: the App\'s stacks are checked', () => {
    const app = newApp();
    const a = new Stack(app, 'A');
    const b = new Stack(app, 'B');
    WriteAccessChecker.expectWrite(writerFunction(b, 'Fn'), new s3.Bucket(b, 'Bucket'), { keyPrefix: 'deny/' });
    const checker = new WriteAccessChecker();
    Aspects.of(a).add(checker);
    expect(synthError(app)).toBeDefined();
    expect(checker.findings.map(f => f.function)).toEqual(['B/Fn']);
  });

  test('before any synth, findings are empty', () => {
    expect(new WriteAccessChecker().findings).toEqual([]);
  });
});

describe('acknowledgements (the CDK\'s Validations.of(scope).acknowledge)', () => {
  test('an acknowledged DENY on the function passes synth and stays in findings, marked with the reason', () => {
    const { app, fn, checker } = appWith('deny/');
    WriteAccessChecker.acknowledge(fn, WriteAccessCauseCode.BUCKET_POLICY_DENY, 'the partner grants it at run time');
    expect(synthError(app)).toBeUndefined();
    expect(checker.findings[0].verdict).toBe(WriteVerdict.DENY);
    expect(checker.findings[0].acknowledged).toEqual({
      reason: 'the partner grants it at run time', ruleId: 'WriteAccessChecker::BUCKET_POLICY_DENY', acknowledgedAt: 'Stack/Fn',
    });
    const suppressed = pluginReport(app).suppressedViolations;
    expect(suppressed).toEqual([expect.objectContaining({ ruleName: 'BUCKET_POLICY_DENY', reason: 'the partner grants it at run time' })]);
    expect(readAssemblyJson(app, 'write-access-report.json').findings[0].acknowledged.reason).toBe('the partner grants it at run time');
  });

  test('with the CDK API directly, on the bucket the finding names', () => {
    const { app, bucket, checker } = appWith('deny/');
    Validations.of(bucket).acknowledge({ id: 'WriteAccessChecker::BUCKET_POLICY_DENY', reason: 'intended' });
    expect(synthError(app)).toBeUndefined();
    expect(checker.findings[0].acknowledged?.acknowledgedAt).toBe('Stack/Bucket');
    expect(pluginReport(app).suppressedViolations[0].violatingConstructs[0].constructPath).toBe('Stack/Bucket');
  });

  test('on an ancestor (the stack) it covers the finding too', () => {
    const { app, stack, checker } = appWith('deny/');
    WriteAccessChecker.acknowledge(stack, WriteAccessCauseCode.BUCKET_POLICY_DENY, 'whole stack');
    expect(synthError(app)).toBeUndefined();
    expect(checker.findings[0].acknowledged?.acknowledgedAt).toBe('Stack');
  });

  test('another code, or an unrelated construct, does not acknowledge it', () => {
    const { app, stack, fn, checker } = appWith('deny/');
    WriteAccessChecker.acknowledge(fn, WriteAccessCauseCode.IDENTITY_DENY, 'wrong code');
    WriteAccessChecker.acknowledge(new s3.Bucket(stack, 'Unrelated'), WriteAccessCauseCode.BUCKET_POLICY_DENY, 'wrong place');
    expect(synthError(app)?.message).toMatch(FAILED_BY_CHECKER);
    expect(checker.findings[0].acknowledged).toBeUndefined();
  });

  test('an acknowledgement never marks an ALLOW', () => {
    const { app, fn, checker } = appWith('allow/');
    WriteAccessChecker.acknowledge(fn, WriteAccessCauseCode.UNRESOLVED, 'irrelevant');
    app.synth();
    expect(checker.findings[0].acknowledged).toBeUndefined();
  });
});

describe('the report file', () => {
  test('write-access-report.json in the root assembly: the report shape, every finding, ALLOW included', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    const fn = writerFunction(stack, 'Fn');
    WriteAccessChecker.expectWrite(fn, new s3.Bucket(stack, 'Ok'), { keyPrefix: 'allow/' });
    WriteAccessChecker.expectWrite(fn, new s3.Bucket(stack, 'Denied'), { keyPrefix: 'deny/' });
    const checker = new WriteAccessChecker();
    Aspects.of(app).add(checker);
    synthError(app);
    const report = readAssemblyJson(app, 'write-access-report.json');
    expect(report.version).toBe(1);
    expect(report.findings).toEqual(JSON.parse(JSON.stringify(checker.findings)));
    expect(report.findings.map((f: any) => [f.bucket, f.verdict])).toEqual([['Stack/Ok', 'ALLOW'], ['Stack/Denied', 'DENY']]);
    expect(report.findings[1]).toEqual({
      function: 'Stack/Fn',
      role: 'Stack/Fn/ServiceRole',
      bucket: 'Stack/Denied',
      keyPattern: 'deny/*',
      intent: 'declared',
      verdict: 'DENY',
      causes: [{
        code: 'BUCKET_POLICY_DENY',
        message: 'fake DENY for Stack/Fn writing to Stack/Denied',
        location: 'Stack/Denied/Policy/Resource',
        statement: 'DenyAll',
        jsonPath: 'Properties/PolicyDocument/Statement/0',
      }],
      fix: 'fake fix for Stack/Denied',
      templatePath: 'Stack.template.json',
      logicalId: expect.stringMatching(/^Fn/),
    });
  });

  test('reportFile: false writes no file', () => {
    const { app } = appWith('allow/', { reportFile: false });
    app.synth();
    expect(fs.existsSync(path.join(app.outdir, 'write-access-report.json'))).toBe(false);
  });

  test('the file is written even when synth fails', () => {
    const { app } = appWith('deny/');
    expect(synthError(app)).toBeDefined();
    expect(readAssemblyJson(app, 'write-access-report.json').findings[0].verdict).toBe('DENY');
  });
});

describe('robustness', () => {
  test('an error inside the analysis never escapes synth: a warning names it', () => {
    analyze.mockImplementation(() => { throw new Error('boom in the analysis'); });
    const { app, checker } = appWith('deny/');
    expect(synthError(app)).toBeUndefined();
    const [violation] = pluginReport(app).violations;
    expect(violation.severity).toBe('warning');
    expect(violation.description).toContain('WriteAccessChecker could not check this app (internal error');
    expect(violation.description).toContain('boom in the analysis');
    expect(checker.findings).toEqual([]);
  });

  test('in strict mode, an internal error fails synth rather than passing silently', () => {
    analyze.mockImplementation(() => { throw new Error('boom'); });
    const { app } = appWith('allow/', { strict: true });
    expect(synthError(app)?.message).toMatch(/^ERROR WriteAccessChecker could not check this app \(internal error/m);
  });

  test('an unwritable report file is a warning; the findings and the verdict stand', () => {
    const { app, checker } = appWith('deny/');
    fs.mkdirSync(path.join(app.outdir, 'write-access-report.json'), { recursive: true });
    const error = synthError(app);
    expect(error?.message).toContain('could not write write-access-report.json');
    expect(error?.message).toContain('BUCKET_POLICY_DENY');
    expect(checker.findings).toHaveLength(1);
  });
});

describe('the checker never changes what deploys', () => {
  /** Every template of a rich app, with and without the checker: byte for byte. */
  function templates(withChecker: boolean): Record<string, string> {
    const app = newApp({ analyticsReporting: true, context: { 'aws:cdk:enable-path-metadata': true } });
    for (const scope of [app, new Stage(app, 'Prod')]) {
      const data = new Stack(scope, 'Data', { env: { account: '111111111111', region: 'eu-west-1' } });
      const compute = new Stack(scope, 'Compute', { env: { account: '111111111111', region: 'eu-west-1' } });
      const bucket = new s3.Bucket(data, 'Bucket', { encryption: s3.BucketEncryption.KMS, enforceSSL: true });
      const fn = writerFunction(compute, 'Fn');
      bucket.grantPut(fn, 'allow/*');
      WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'allow/' });
    }
    if (withChecker) Aspects.of(app).add(new WriteAccessChecker());
    const assembly = app.synth();
    return Object.fromEntries(assembly.stacksRecursively.map(s => [s.hierarchicalId, fs.readFileSync(s.templateFullPath, 'utf-8')]));
  }

  test('templates are identical with and without the checker (analytics metadata included)', () => {
    const without = templates(false);
    const withChecker = templates(true);
    expect(Object.keys(without).sort()).toEqual(['Compute', 'Data', 'Prod/Compute', 'Prod/Data']);
    expect(withChecker).toEqual(without);
    expect(without.Compute).toContain('AWS::CDK::Metadata');
    expect(analyze).toHaveBeenCalledTimes(1);
  });
});
