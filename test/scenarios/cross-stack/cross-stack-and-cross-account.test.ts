import { CfnParameter, Environment, Fn, PhysicalName, Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as cr from 'aws-cdk-lib/custom-resources';
import { WriteVerdict } from '../../../src/checker';
import { describeFinding, ENV, expectNotDeny, OTHER_ENV } from '../../support/harness';
import { expectAllow, expectNotDenied, scenario, Scenario } from '../../support/scenario';

// A data stack that owns the bucket and a compute stack that owns the function, as CDK apps are usually split.
// Sources: IAM User Guide, "Cross-account policy evaluation logic" (cross-account: BOTH the identity policy and the
// bucket policy must allow); S3 User Guide, "Bucket owner granting cross-account bucket permissions"; KMS Developer
// Guide, "Allowing users in other accounts to use a KMS key" (key policy AND identity policy), and "AWS managed keys"
// (their policy allows only the owning account, so aws/s3 cannot be used cross-account).

/** The bucket (with `bucketProps`) in the stack 'Data', the function 'Writer' in the stack 'Compute'. */
function dataAndCompute(
  dataEnv: Environment | null, computeEnv: Environment | null, bucketProps: s3.BucketProps = {}, writer?: (compute: Stack) => iam.IRole,
) {
  const s = scenario({ stackId: 'Data', env: dataEnv });
  const compute = s.addStack('Compute', computeEnv);
  return s.withBucket(bucketProps).withWriter(writer ? { role: writer(compute) } : {}, compute);
}

/**
 * A writer whose role another account's stack can name: CDK refuses cross-environment references to generated names,
 * so users give the role `PhysicalName.GENERATE_IF_NEEDED` (aws-cdk-lib, "Cross-environment references").
 */
const crossAccountRole = (compute: Stack) => new iam.Role(compute, 'WriterRole', {
  assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), roleName: PhysicalName.GENERATE_IF_NEEDED,
});

/** The bucket in 222222222222, written by a function of 111111111111 whose role CDK can name across: grantPut, declared. */
const crossAccountGrant = (bucketProps: s3.BucketProps) =>
  dataAndCompute(OTHER_ENV, ENV, bucketProps, crossAccountRole).grantPut().expectWrite().check();

/** The bucket 'acme-partner-in' in 222222222222; the role's Allow names it literally; the bucket policy allows 111111111111 if `allowed`. */
function partnerBucket(allowed: boolean) {
  const s = dataAndCompute(OTHER_ENV, ENV, { bucketName: 'acme-partner-in' });
  if (allowed) s.bucketPolicy(new iam.PolicyStatement({ principals: [new iam.AccountPrincipal(ENV.account)], actions: ['s3:PutObject'], resources: [s.bucket.arnForObjects('*')] }));
  return s.roleAllows({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::acme-partner-in/*'] }).expectWrite().check().finding;
}

/** The declared findings of 'Compute/Writer', and what synth threw. */
function declaredOfComputeWriter(s: Scenario) {
  const { checker, error } = s.check();
  return { declared: checker.findings.filter(f => f.function === 'Compute/Writer' && f.intent === 'declared'), error };
}

describe('same environment', () => {
  test.each([
    ['both with account and region', ENV],
    ['both environment-agnostic', undefined],
  ] as Array<[string, Environment | undefined]>)('%s: grantPut across stacks (Fn::ImportValue): ALLOW', (_n, env) => {
    expectAllow(dataAndCompute(env ?? null, env ?? null, { enforceSSL: true }).grantPut('reports/*').expectWrite({ keyPrefix: 'reports/' }).check());
  });

  test('an SSE-KMS bucket with its CDK key in the data stack: ALLOW (the key ARN is imported into the role policy)', () => {
    const s = scenario({ stackId: 'Data' });
    const compute = s.addStack('Compute');
    s.withBucket({ encryptionKey: new kms.Key(s.stack, 'Key') }).withWriter({}, compute).grantReadWrite();
    expect(describeFinding(s.expectWrite({ request: { multipart: true } }).check().finding)).toBe('ALLOW [] ');
  });

  test('the role in the data stack, the function in the compute stack: ALLOW', () => {
    const s = scenario({ stackId: 'Data' });
    const compute = s.addStack('Compute');
    const role = new iam.Role(s.withBucket().stack, 'WriterRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    s.bucket.grantPut(role);
    expect(describeFinding(s.withWriter({ role }, compute).check().finding)).toBe('ALLOW [] ');
  });

  test('same account, another region (a bucket with a literal name): ALLOW', () => {
    // S3 bucket ARNs carry no region; IAM evaluation does not depend on the bucket's region.
    const s = dataAndCompute({ ...ENV, region: 'eu-west-1' }, ENV, { bucketName: 'acme-archive-eu' });
    expect(describeFinding(s.grantPut().expectWrite().check().finding)).toBe('ALLOW [] ');
  });

  test('a bucket-policy Deny for the compute account\'s role in the data stack is seen across stacks: DENY', () => {
    const s = dataAndCompute(ENV, ENV, { bucketName: 'acme-reports' }).grantPut();
    const finding = s.deny({ sid: 'NoComputeWrites', conditions: { StringEquals: { 'aws:PrincipalAccount': ENV.account } } }).check().finding;
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(finding.causes[0]).toEqual(expect.objectContaining({ code: 'BUCKET_POLICY_DENY', statement: 'NoComputeWrites' }));
  });
});

describe('references CDK turns into something less direct', () => {
  test.each([
    ['Bucket.fromBucketArn(compute, bucket.bucketArn) (the ARN passed as a prop)', (c: Stack, b: s3.Bucket) => s3.Bucket.fromBucketArn(c, 'ByArn', b.bucketArn)],
    ['Bucket.fromBucketName(compute, bucket.bucketName)', (c: Stack, b: s3.Bucket) => s3.Bucket.fromBucketName(c, 'ByName', b.bucketName)],
  ] as Array<[string, (c: Stack, b: s3.Bucket) => s3.IBucket]>)('%s + grantPut + a Deny in the real bucket\'s policy: never ALLOW; without it: not DENY', (_n, reimport) => {
    for (const frozen of [false, true]) {
      const s = dataAndCompute(ENV, ENV);
      if (frozen) s.deny();
      const { declared, error } = declaredOfComputeWriter(s.useBucket(reimport(s.fn.stack, s.bucket)).grantPut().expectWrite());
      expect(declared).toHaveLength(1);
      if (frozen) {
        expect(declared[0].verdict).not.toBe(WriteVerdict.ALLOW);
      } else {
        expectNotDeny(declared[0]);
        expect(error).toBeUndefined();
      }
    }
  });

  test('crossRegionReferences: true (the bucket ARN arrives through CDK\'s SSM exports reader): not DENY', () => {
    // CDK replaces the reference with a custom resource attribute (ExportsReader): the ARN is opaque in the template.
    const s = scenario({ stackId: 'Data', env: { ...ENV, region: 'us-west-2' }, stackProps: { crossRegionReferences: true } });
    const compute = s.addStack('Compute', ENV, { crossRegionReferences: true });
    expectNotDenied(s.withBucket().withWriter({}, compute).grantPut().checkDeclared());
  });
});

describe('a bucket of the app written through an ARN the template does not fix', () => {
  test.each([
    ['a CfnParameter', (stack: Stack) => new CfnParameter(stack, 'BucketArn', { type: 'String' }).valueAsString],
    ['an SSM parameter (valueForStringParameter)', (stack: Stack) => ssm.StringParameter.valueForStringParameter(stack, '/shared/bucket-arn')],
    ['Fn::ImportValue of an export outside the app', () => Fn.importValue('shared-BucketArn')],
    ['an AwsCustomResource response field (an SSM lookup in another region)', (stack: Stack) => new cr.AwsCustomResource(stack, 'Lookup', {
      onUpdate: {
        service: 'SSM',
        action: 'getParameter',
        parameters: { Name: '/shared/bucket-arn' },
        region: 'eu-west-1',
        physicalResourceId: cr.PhysicalResourceId.of('lookup'),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    }).getResponseField('Parameter.Value')],
    ['an SSM StringParameter of the app that stores this bucket\'s ARN (GetAtt Parameter.Value)', (stack: Stack) =>
      new ssm.StringParameter(stack, 'SharedArn', { stringValue: (stack.node.findChild('Bucket') as s3.Bucket).bucketArn }).stringValue],
  ] as Array<[string, (s: Stack) => string]>)('the role policy names %s/*: UNKNOWN (it may be this bucket), not DENY', (_n, arn) => {
    const s = scenario().withBucket().withWriter();
    const outcome = s.roleAllows({ actions: ['s3:PutObject'], resources: [`${arn(s.stack)}/*`] }).expectWrite().check();
    expectNotDenied({ finding: outcome.findingOf('declared'), error: outcome.error });
  });
});

describe('cross-account (data in 222222222222, compute in 111111111111)', () => {
  test('grantPut across accounts: CDK also adds a bucket-policy Allow for the role: ALLOW', () => {
    expectAllow(crossAccountGrant({ bucketName: 'acme-shared-drop' }));
  });

  test.each([false, true])('grantPut across accounts on an SSE-KMS bucket with a CDK key (bucketKeyEnabled %s): CDK adds the key-policy half too: ALLOW', (bucketKeyEnabled) => {
    expect(describeFinding(crossAccountGrant({ bucketName: 'acme-shared-kms', encryption: s3.BucketEncryption.KMS, bucketKeyEnabled }).finding)).toBe('ALLOW [] ');
  });

  test('the bucket policy allows the compute ACCOUNT and the role policy allows the bucket: ALLOW', () => {
    expect(describeFinding(partnerBucket(true))).toBe('ALLOW [] ');
  });

  test('no bucket-policy Allow for the other account: DENY (CROSS_ACCOUNT_NO_BUCKET_ALLOW); adding it: ALLOW', () => {
    for (const allowed of [false, true]) {
      const finding = partnerBucket(allowed);
      if (allowed) {
        expect(describeFinding(finding)).toBe('ALLOW [] ');
      } else {
        expect(finding.verdict).toBe(WriteVerdict.DENY);
        expect(finding.causes.map(c => c.code)).toContain('CROSS_ACCOUNT_NO_BUCKET_ALLOW');
      }
    }
  });

  test('grantPut across accounts to a KMS_MANAGED (aws/s3) bucket: DENY (KMS_AWS_MANAGED_CROSS_ACCOUNT)', () => {
    const { finding } = crossAccountGrant({ bucketName: 'acme-shared-awskms', encryption: s3.BucketEncryption.KMS_MANAGED });
    expect(finding.verdict).toBe(WriteVerdict.DENY);
    expect(finding.causes.map(c => c.code)).toContain('KMS_AWS_MANAGED_CROSS_ACCOUNT');
  });

  test('…the same app with S3_MANAGED encryption: ALLOW', () => {
    expect(describeFinding(crossAccountGrant({ bucketName: 'acme-shared-sses3', encryption: s3.BucketEncryption.S3_MANAGED }).finding)).toBe('ALLOW [] ');
  });

  test('an inferred cross-account write with no bucket-policy Allow (no expectWrite): not silently ALLOW', () => {
    const s = dataAndCompute(OTHER_ENV, ENV, { bucketName: 'acme-partner-quiet' });
    const findings = s.roleAllows({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::acme-partner-quiet/*'] }).check().findings;
    // Either the checker links the literal name to Data/Bucket and says DENY, or it does not infer a write at all;
    // an ALLOW would hide a real AccessDenied.
    for (const f of findings) expect(f.verdict).not.toBe(WriteVerdict.ALLOW);
  });
});

describe('Stages and cross-account grants', () => {
  /** A pipeline Stage 'Prod' holding the data stack (222222222222) and the compute stack (111111111111). */
  const inStage = (bucketProps: s3.BucketProps, writer?: (compute: Stack) => iam.IRole) => {
    const s = scenario({ within: app => new Stage(app, 'Prod'), stackId: 'Data', env: OTHER_ENV });
    const compute = s.addStack('Compute', ENV);
    return s.withBucket(bucketProps).withWriter(writer ? { role: writer(compute) } : {}, compute);
  };

  test('pipeline Stage: compute account writes to the data account\'s bucket through bucket.grantPut: ALLOW', () => {
    // CDK's cross-environment grant gives the role a physical name and adds a bucket-policy Allow for it: both sides.
    expectAllow(inStage({ bucketName: 'prod-data-222', enforceSSL: true }, crossAccountRole).grantPut('incoming/*').check());
  });

  test('the same without the bucket-policy side (identity Allow only): DENY CROSS_ACCOUNT_NO_BUCKET_ALLOW', () => {
    const s = inStage({ bucketName: 'prod-data-222' }).roleAllows({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::prod-data-222/*'] });
    const f = s.expectWrite().check().finding;
    expect(f.verdict).toBe(WriteVerdict.DENY);
    expect(f.causes[0].code).toBe('CROSS_ACCOUNT_NO_BUCKET_ALLOW');
  });
});

describe('imported buckets (the bucket policy is not in the app): never DENY on what cannot be seen', () => {
  test.each([
    ['Bucket.fromBucketName', (s: Stack) => s3.Bucket.fromBucketName(s, 'Imported', 'legacy-landing-zone')],
    ['Bucket.fromBucketArn', (s: Stack) => s3.Bucket.fromBucketArn(s, 'Imported', 'arn:aws:s3:::legacy-landing-zone')],
    ['Bucket.fromBucketAttributes with the account', (s: Stack) => s3.Bucket.fromBucketAttributes(s, 'Imported', { bucketName: 'legacy-landing-zone', account: ENV.account })],
    ['Bucket.fromBucketAttributes with another account', (s: Stack) => s3.Bucket.fromBucketAttributes(s, 'Imported', { bucketName: 'legacy-landing-zone', account: OTHER_ENV.account })],
    ['Bucket.fromBucketAttributes with an imported key', (s: Stack) => s3.Bucket.fromBucketAttributes(s, 'Imported', {
      bucketName: 'legacy-landing-zone', encryptionKey: kms.Key.fromKeyArn(s, 'Key', `arn:aws:kms:us-east-1:${ENV.account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`),
    })],
  ] as Array<[string, (s: Stack) => s3.IBucket]>)('%s + grantPut + expectWrite: ALLOW or UNKNOWN, synth passes', (_n, importBucket) => {
    const s = scenario();
    const { checker, error } = s.useBucket(importBucket(s.stack)).withWriter().grantPut().expectWrite().check();
    expect(error).toBeUndefined();
    const findings = checker.findings.filter(f => f.function === 'App/Writer');
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect([WriteVerdict.ALLOW, WriteVerdict.UNKNOWN]).toContain(f.verdict);
  });

  test('Bucket.fromBucketName in an environment-agnostic stack, grantReadWrite, inferred only: no DENY', () => {
    const s = scenario({ env: null });
    const { checker, error } = s.useBucket(s3.Bucket.fromBucketName(s.stack, 'Imported', 'legacy-landing-zone')).withWriter().grantReadWrite().check();
    expect(error).toBeUndefined();
    for (const f of checker.findings) expectNotDeny(f);
  });

  test('fromBucketName of a bucket that the app itself creates in another stack, with a Deny: the Deny counts (DENY), or UNKNOWN — never ALLOW', () => {
    const s = dataAndCompute(ENV, ENV, { bucketName: 'acme-frozen' }).deny();
    const { declared } = declaredOfComputeWriter(s.useBucket(s3.Bucket.fromBucketName(s.fn.stack, 'ByName', 'acme-frozen')).grantPut().expectWrite());
    expect(declared).toHaveLength(1);
    expect([WriteVerdict.DENY, WriteVerdict.UNKNOWN]).toContain(declared[0].verdict);
  });
});
