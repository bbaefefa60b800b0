import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { WriteAccessChecker } from '../../src/checker';
import { codesOf, findingFor, newApp, synthChecked, writerFunction } from '../support/harness';

// GitHub issue #10, item 5, through the CDK: a bucket policy that reaches its bucket through CDK's cross-region
// reference reader (`crossRegionReferences: true`) names the bucket with a custom-resource attribute the templates
// do not fix. Its Deny may apply to the write: the verdict is UNKNOWN naming the policy, never ALLOW.

const ENV = { account: '111111111111', region: 'eu-west-1' };

function app(freezeThroughReader: boolean) {
  const cdkApp = newApp();
  const data = new Stack(cdkApp, 'Data', { env: { ...ENV, region: 'us-west-2' }, crossRegionReferences: true });
  const compute = new Stack(cdkApp, 'Compute', { env: ENV, crossRegionReferences: true });
  const bucket = new s3.Bucket(data, 'Bucket');
  const fn = writerFunction(data, 'Writer');
  bucket.grantPut(fn);
  WriteAccessChecker.expectWrite(fn, bucket);
  if (freezeThroughReader) {
    const freeze = new s3.BucketPolicy(compute, 'Freeze', { bucket });
    freeze.document.addStatements(new iam.PolicyStatement({
      sid: 'FreezeWrites', effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')],
    }));
  }
  return { cdkApp, fn, bucket };
}

test('a Deny in a bucket policy whose Bucket arrives through the cross-region reader: UNKNOWN naming the policy', () => {
  const { cdkApp, fn, bucket } = app(true);
  const { checker } = synthChecked(cdkApp);
  const finding = findingFor(checker, fn, bucket);
  expect(finding.verdict).toBe('UNKNOWN');
  expect(codesOf(finding)).toContain('UNRESOLVED');
  expect(finding.causes.map((c) => c.message).join(' ')).toContain('Compute/Freeze');
});

test('…without that policy: ALLOW', () => {
  const { cdkApp, fn, bucket } = app(false);
  const { checker } = synthChecked(cdkApp);
  expect(findingFor(checker, fn, bucket).verdict).toBe('ALLOW');
});
