import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fc from 'fast-check';
import { WriteAccessChecker } from '../../src/checker';
import { INTENT_METADATA_KEY } from '../../src/contract/intent';
import { newApp, readAssemblyJson, synthChecked, writerFunction } from '../support/harness';

// Escape hatches can put anything into a template. Whatever they put, synth must end the way the CDK ends it
// (success, or the validation report of our findings) and never with an error thrown out of the checker.

/** JSON-ish values, including the shapes policies and intents use, so the fuzz reaches past the first type check. */
const hostileValue = fc.letrec(tie => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, 0, -1, '', '*', 's3:PutObject', 'Allow', 'Deny', 'arn:aws:s3:::b/*', 'AWS::NoValue'),
    fc.string(),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(
      fc.constantFrom('Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'Condition', 'Ref', 'Fn::GetAtt',
        'Fn::Join', 'Fn::Sub', 'Fn::If', 'Statement', 'bucket', 'keyPrefix', 'request', 'constructPath', 'bucketName'),
      tie('value'), { maxKeys: 4 }),
  ),
})).value;

function brokenApp(where: 'bucketPolicy' | 'rolePolicy' | 'intents' | 'boundary', value: unknown) {
  const app = newApp();
  const stack = new Stack(app, 'Stack');
  const fn = writerFunction(stack, 'Fn');
  const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
  bucket.grantPut(fn);
  WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'out/' });
  switch (where) {
    case 'bucketPolicy':
      (bucket.policy!.node.defaultChild as s3.CfnBucketPolicy).addPropertyOverride('PolicyDocument.Statement.0', value);
      break;
    case 'rolePolicy':
      (fn.role!.node.findChild('DefaultPolicy').node.defaultChild as iam.CfnPolicy).addPropertyOverride('PolicyDocument', value);
      break;
    case 'intents':
      (fn.node.defaultChild as lambda.CfnFunction).addMetadata(INTENT_METADATA_KEY, value);
      break;
    case 'boundary':
      (fn.role!.node.defaultChild as iam.CfnRole).addPropertyOverride('PermissionsBoundary', value);
      break;
  }
  return app;
}

// The CDK prints every warning of the validation report; hundreds of fuzzed apps would bury the test output.
beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
afterEach(() => jest.restoreAllMocks());

test.each(['bucketPolicy', 'rolePolicy', 'intents', 'boundary'] as const)('hostile %s overrides never throw out of the checker', (where) => {
  fc.assert(fc.property(hostileValue, (value) => {
    const app = brokenApp(where, value);
    const { checker, error } = synthChecked(app);
    // Either synth succeeded, or it failed with our own findings: never with the checker's internal-error warning.
    if (error) expect(error.message).toMatch(/^ERROR s3:PutObject from .*\(WriteAccessChecker\)$/m);
    const ours = readAssemblyJson(app, 'validation-report.json').pluginReports.find((r: any) => r.pluginName === 'WriteAccessChecker');
    expect(JSON.stringify(ours ?? {})).not.toContain('internal error');
    expect(checker.findings.length).toBeGreaterThan(0);
  }), { numRuns: 15, seed: 20261128 });
});
