import { Duration, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ExpectWriteOptions, WriteVerdict } from '../../../src/checker';
import { describeFinding } from '../../support/harness';
import { expectAllow, Outcome, scenario, Scenario } from '../../support/scenario';

// Bucket-policy statements next to a working write that do not apply to the default SDK request (another prefix,
// another action, another principal, a condition the request satisfies), and bucket features that restrict nothing
// a private PutObject does. IAM User Guide, "Policy evaluation logic": a Deny applies only when its principal,
// action, resource and condition all match the request.

/** bucket + writer + grantPut, then `wire`, then the declared write (`intent`), judged. */
function declaredWrite(wire: (s: Scenario) => void, intent: ExpectWriteOptions = {}, bucketProps: s3.BucketProps = {}): Outcome {
  const s = scenario().withBucket(bucketProps).withWriter().grantPut().with(wire);
  const outcome = s.expectWrite(intent).check();
  return { ...outcome, finding: outcome.findingOf('declared') };
}

describe('bucket-policy statements that do not apply to the default request: ALLOW', () => {
  test.each([
    ['Deny public ACLs (StringEquals s3:x-amz-acl public-read)', (s: Scenario) => s.deny({ conditions: { StringEquals: { 's3:x-amz-acl': ['public-read', 'public-read-write'] } } })],
    ['Deny Bool aws:SecureTransport false, written by hand', (s: Scenario) => s.deny({ conditions: { Bool: { 'aws:SecureTransport': 'false' } } })],
    ['Deny to a service principal', (s: Scenario) => s.bucketPolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY, principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')], actions: ['s3:PutObject'], resources: [s.bucket.arnForObjects('*')],
    }))],
    ['Deny on another prefix (the code writes under in/)', (s: Scenario) => s.deny({ keys: 'audit/*' }), { keyPrefix: 'in/' }],
    ['Deny DeleteObject for everyone', (s: Scenario) => s.deny({ actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'] })],
    ['Deny unless aws:PrincipalAccount is the stack account (Ref AWS::AccountId)', (s: Scenario) => s.deny({ conditions: { StringNotEquals: { 'aws:PrincipalAccount': Stack.of(s.bucket).account } } })],
    ['Deny unless aws:PrincipalTag/team = data, role tagged team=data', (s: Scenario) => {
      s.deny({ conditions: { StringNotEquals: { 'aws:PrincipalTag/team': 'data' } } });
      Tags.of(s.fn.role!).add('team', 'data');
    }],
  ] as Array<[string, (s: Scenario) => void, ExpectWriteOptions?]>)('%s', (...[, wire, intent]) => {
    // (a rest parameter: jest would take a third declared parameter for the `done` callback of an async test)
    expectAllow(declaredWrite(wire, intent));
  });

  test('Deny s3:PutObject NotResource "in/*" (writes only under in/): in/ → ALLOW, out/ → DENY', () => {
    // IAM User Guide, "NotResource": a Deny with NotResource denies every resource not listed.
    for (const prefix of ['in/', 'out/']) {
      const { finding } = declaredWrite(s => s.bucketPolicy(new iam.PolicyStatement({
        effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:PutObject'], notResources: [s.bucket.arnForObjects('in/*')],
      })), { keyPrefix: prefix });
      if (prefix === 'in/') expect(describeFinding(finding)).toBe('ALLOW [] ');
      else expect(finding.verdict).toBe(WriteVerdict.DENY);
    }
  });

  test('a role with a path, and a Deny for everyone but aws:PrincipalArn = that role: ALLOW', () => {
    const s = scenario().withBucket();
    const role = new iam.Role(s.stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), path: '/service/ingest/' });
    const outcome = s.withWriter({ role }).grantPut().deny({ conditions: { ArnNotEquals: { 'aws:PrincipalArn': role.roleArn } } }).expectWrite().check();
    expect(describeFinding(outcome.findingOf('declared'))).toBe('ALLOW [] ');
  });

  test('Deny StringNotEqualsIfExists on the SSE header: DENY for the default request (IAM User Guide, "...IfExists": an absent key makes the condition true)', () => {
    const { finding } = declaredWrite(s => s.deny({ conditions: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } } }));
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(finding.causes.map(c => c.code)).toEqual(['REQUEST_CONDITION']);
  });

  test('a website bucket with publicReadAccess (public GetObject policy, BPA relaxed): the private write is ALLOW', () => {
    const s = scenario().withBucket({ websiteIndexDocument: 'index.html', publicReadAccess: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY });
    const outcome = s.withWriter().grantPut('site/*').expectWrite({ keyPrefix: 'site/' }).check();
    expectAllow({ finding: outcome.findingOf('declared'), error: outcome.error });
  });

  test('lifecycle rules, intelligent tiering, CORS, transfer acceleration, metrics, inventory: ALLOW', () => {
    const s = scenario();
    const inventory = new s3.Bucket(s.stack, 'Inventory');
    s.withBucket({
      lifecycleRules: [{ expiration: Duration.days(30), prefix: 'tmp/' }],
      intelligentTieringConfigurations: [{ name: 'all', archiveAccessTierTime: Duration.days(90) }],
      cors: [{ allowedMethods: [s3.HttpMethods.PUT], allowedOrigins: ['https://example.com'] }],
      transferAcceleration: true,
      metrics: [{ id: 'all' }],
      inventories: [{ destination: { bucket: inventory } }],
    });
    expect(describeFinding(s.withWriter().grantReadWrite().expectWrite().check().findingOf('declared'))).toBe('ALLOW [] ');
  });
});
