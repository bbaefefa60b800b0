import { Aspects, Stack, Stage, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteAccessCauseCode, WriteAccessChecker, WriteVerdict } from '../../src/checker';
import { codesOf, findingFor, newApp, readAssemblyJson, synthChecked, synthError, writerFunction } from '../support/harness';

// Whole apps through the real analysis: where stacks live (nested Stages, several stacks), what synth does with
// each verdict, acknowledgements, and the report file.

/** A service stack whose bucket denies every put unless `fixed`. */
function serviceStack(scope: Stage, fixed: boolean) {
  const stack = new Stack(scope, 'Service', { env: { account: '111111111111', region: 'eu-west-1' } });
  const fn = writerFunction(stack, 'Fn');
  const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
  bucket.grantPut(fn);
  if (!fixed) {
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'Frozen', effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')],
    }));
  }
  WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'out/' });
  return { stack, fn, bucket };
}

describe('stacks inside nested Stages (CDK Pipelines)', () => {
  test('a DENY two Stages deep fails app.synth() and is in the findings', () => {
    const app = newApp();
    const { fn, bucket } = serviceStack(new Stage(new Stage(app, 'Pipeline'), 'Prod'), false);
    const { checker, error } = synthChecked(app);
    const finding = findingFor(checker, fn, bucket);
    expect(finding.function).toBe('Pipeline/Prod/Service/Fn');
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(codesOf(finding)).toEqual(['BUCKET_POLICY_DENY']);
    expect(error?.message).toContain('Pipeline/Prod/Service/Fn');
  });

  test('twin: the same Stage without the Deny synthesizes', () => {
    const app = newApp();
    const { fn, bucket } = serviceStack(new Stage(new Stage(app, 'Pipeline'), 'Prod'), true);
    const { checker, error } = synthChecked(app);
    expect(findingFor(checker, fn, bucket).verdict).toBe(WriteVerdict.ALLOW);
    expect(error).toBeUndefined();
  });

  test('several Stages: one finding per function, no duplicates', () => {
    const app = newApp();
    serviceStack(new Stage(app, 'Beta'), true);
    serviceStack(new Stage(app, 'Gamma'), true);
    const { checker } = synthChecked(app);
    expect(checker.findings.map(f => f.function).sort()).toEqual(['Beta/Service/Fn', 'Gamma/Service/Fn']);
  });
});

describe('several stacks', () => {
  test('a bucket in one stack, the function in another (a cross-stack grant): ALLOW; the bucket\'s Deny is seen across stacks', () => {
    for (const denied of [false, true]) {
      const app = newApp();
      const env = { account: '111111111111', region: 'eu-west-1' };
      const data = new Stack(app, 'Data', { env });
      const compute = new Stack(app, 'Compute', { env });
      const bucket = new s3.Bucket(data, 'Bucket');
      if (denied) {
        bucket.addToResourcePolicy(new iam.PolicyStatement({
          effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')],
        }));
      }
      const fn = writerFunction(compute, 'Fn');
      bucket.grantPut(fn);
      const finding = findingFor(synthChecked(app).checker, fn, bucket);
      expect(finding.bucket).toBe('Data/Bucket');
      expect(finding.verdict).toBe(denied ? WriteVerdict.DENY : WriteVerdict.ALLOW);
    }
  });
});

describe('aspect order does not matter: the final templates are judged', () => {
  test('a tag the bucket policy requires, added with Tags.of after the checker at default priority, is seen', () => {
    for (const tagged of [false, true]) {
      const app = newApp();
      const checker = new WriteAccessChecker();
      Aspects.of(app).add(checker);
      const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
      const fn = writerFunction(stack, 'Fn');
      const bucket = new s3.Bucket(stack, 'Bucket');
      bucket.grantPut(fn);
      bucket.addToResourcePolicy(new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('*')],
        conditions: { StringNotEquals: { 'aws:PrincipalTag/team': 'ingest' } },
      }));
      if (tagged) Tags.of(stack).add('team', 'ingest');
      synthError(app); // the DENY case fails synth; the verdict is asserted below
      expect(findingFor(checker, fn, bucket).verdict).toBe(tagged ? WriteVerdict.ALLOW : WriteVerdict.DENY);
    }
  });
});

describe('acknowledging a real finding', () => {
  test('an acknowledged DENY passes synth, is marked acknowledged, and is listed as suppressed', () => {
    const app = newApp();
    const { fn, bucket } = serviceStack(app, false);
    WriteAccessChecker.acknowledge(fn, WriteAccessCauseCode.BUCKET_POLICY_DENY, 'bucket frozen during migration; writes resume next week');
    const { checker, error } = synthChecked(app);
    expect(error).toBeUndefined();
    const finding = findingFor(checker, fn, bucket);
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(finding.acknowledged?.reason).toBe('bucket frozen during migration; writes resume next week');
    const report = readAssemblyJson(app, 'validation-report.json').pluginReports.find((r: any) => r.pluginName === 'WriteAccessChecker');
    expect(report.suppressedViolations.map((v: any) => v.ruleName)).toEqual(['BUCKET_POLICY_DENY']);
  });
});

describe('the report file with the real analysis', () => {
  test('write-access-report.json holds every finding in the report shape { version: 1, findings }', () => {
    const app = newApp();
    serviceStack(new Stage(app, 'Prod'), false);
    const { checker } = synthChecked(app);
    const report = readAssemblyJson(app, 'write-access-report.json');
    expect(report.version).toBe(1);
    expect(report.findings).toEqual(JSON.parse(JSON.stringify(checker.findings)));
    const [finding] = report.findings;
    expect(Object.keys(finding)).toEqual(expect.arrayContaining(['function', 'role', 'bucket', 'keyPattern', 'intent', 'verdict', 'causes', 'fix']));
    expect(finding.causes[0]).toEqual(expect.objectContaining({ code: 'BUCKET_POLICY_DENY', statement: 'Frozen', location: 'Prod/Service/Bucket/Policy' }));
  });
});
