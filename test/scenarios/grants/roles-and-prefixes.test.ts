import { Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { denyPutObjectUnless, describeFinding, expectNotDeny, newApp, stackIn, synthWithChecker, verdictFor, writerFunction } from '../../support/harness';
import { WriteAccessChecker, WriteVerdict } from '../../../src/checker';

// More ways users wire the same working write: keys referenced through aliases, DSSE, roles of other shapes, grants
// to an alias, interface endpoints, partial prefixes, S3 ABAC.

interface Built { fn: lambda.IFunction; bucket: s3.IBucket; keyPrefix?: string }

function run(build: (stack: Stack) => Built, declared = true) {
  const app = newApp();
  const stack = stackIn(app, 'App');
  const { fn, bucket, keyPrefix } = build(stack);
  if (declared) WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix });
  const { checker, error } = synthWithChecker(app);
  return { finding: verdictFor(checker, fn, bucket, declared ? 'declared' : undefined), error };
}

describe('encryption keys', () => {
  test('the bucket\'s default key given as a kms.Alias of a CDK key (KMSMasterKeyID is the alias ARN): ALLOW', () => {
    // S3 User Guide, "Specifying server-side encryption with AWS KMS": the default key may be given by key ID, key ARN,
    // or alias ARN; KMS authorizes on the key the alias points to, which the grant (Alias.grant → the target key) names.
    const { finding, error } = run(stack => {
      const key = new kms.Key(stack, 'Key');
      const alias = key.addAlias('alias/ingest-data');
      const bucket = new s3.Bucket(stack, 'Bucket', { encryptionKey: alias, encryption: s3.BucketEncryption.KMS });
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn);
      return { fn, bucket };
    });
    expect(describeFinding(finding)).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test('an external key (Key.fromKeyArn) as the bucket key: UNKNOWN or ALLOW, not DENY', () => {
    const { finding, error } = run(stack => {
      const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
      const bucket = new s3.Bucket(stack, 'Bucket', { encryptionKey: key, encryption: s3.BucketEncryption.KMS });
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn);
      return { fn, bucket };
    });
    expectNotDeny(finding);
    expect(error).toBeUndefined();
  });

  // Policies given to the checker must be literal (WriteAccessCheckerProps): AccountRootPrincipal() would carry
  // ${AWS::AccountId}, so the ARN is spelled out.
  test('the same external key with its key policy given (account delegation): ALLOW', () => {
    const keyArn = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket', { encryptionKey: kms.Key.fromKeyArn(stack, 'Key', keyArn), encryption: s3.BucketEncryption.KMS });
    const fn = writerFunction(stack, 'Writer');
    bucket.grantPut(fn);
    WriteAccessChecker.expectWrite(fn, bucket);
    const { checker } = synthWithChecker(app, {
      externalKeyPolicies: {
        [keyArn]: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ principals: [new iam.ArnPrincipal('arn:aws:iam::111111111111:root')], actions: ['kms:*'], resources: ['*'] })] }),
      },
    });
    expect(describeFinding(verdictFor(checker, fn, bucket, 'declared'))).toBe('ALLOW [] ');
  });

  test.each([
    ['DSSE with a CDK key', s3.BucketEncryption.DSSE],
    ['DSSE_MANAGED', s3.BucketEncryption.DSSE_MANAGED],
  ] as Array<[string, s3.BucketEncryption]>)('%s: ALLOW', (_n, encryption) => {
    const { finding } = run(stack => {
      const bucket = new s3.Bucket(stack, 'Bucket', { encryption });
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn);
      return { fn, bucket };
    });
    expect(describeFinding(finding)).toBe('ALLOW [] ');
  });
});

describe('roles of other shapes', () => {
  test.each([
    ['iam.LazyRole', (stack: Stack) => new iam.LazyRole(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') })],
    ['a CompositePrincipal trust (lambda + edgelambda)', (stack: Stack) => new iam.Role(stack, 'Role', {
      assumedBy: new iam.CompositePrincipal(new iam.ServicePrincipal('lambda.amazonaws.com'), new iam.ServicePrincipal('edgelambda.amazonaws.com')),
    })],
    ['a role with a path and a description', (stack: Stack) => new iam.Role(stack, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), path: '/service/ingest/', description: 'writer',
    })],
  ] as Array<[string, (s: Stack) => iam.IRole]>)('%s: ALLOW', (_n, makeRole) => {
    const { finding } = run(stack => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      const fn = writerFunction(stack, 'Writer', { role: makeRole(stack) });
      bucket.grantPut(fn);
      return { fn, bucket };
    });
    expect(describeFinding(finding)).toBe('ALLOW [] ');
  });

  test('one role shared by two functions, the grant made on the first: the second\'s declared write is ALLOW', () => {
    const app = newApp();
    const stack = stackIn(app, 'App');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const role = new iam.Role(stack, 'Shared', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const first = writerFunction(stack, 'First', { role });
    const second = writerFunction(stack, 'Second', { role });
    bucket.grantPut(first);
    WriteAccessChecker.expectWrite(second, bucket);
    expect(describeFinding(verdictFor(synthWithChecker(app).checker, second, bucket, 'declared'))).toBe('ALLOW [] ');
  });

  test('the app\'s own role re-imported by ARN (Role.fromRoleArn(role.roleArn)) and granted through the import: ALLOW', () => {
    // CDK attaches the policy to the role name it splits out of the ARN (Fn::Select/Fn::Split over GetAtt Role.Arn).
    const { finding, error } = run(stack => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      const fn = writerFunction(stack, 'Writer', { role });
      bucket.grantPut(iam.Role.fromRoleArn(stack, 'Again', role.roleArn));
      return { fn, bucket };
    });
    expect(describeFinding(finding)).toBe('ALLOW [] ');
    expect(error).toBeUndefined();
  });

  test('an imported mutable role (Role.fromRoleName) granted in the app: ALLOW or UNKNOWN (its other policies are unknown)', () => {
    const { finding, error } = run(stack => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      const role = iam.Role.fromRoleName(stack, 'Existing', 'platform-writer');
      const fn = writerFunction(stack, 'Writer', { role });
      bucket.grantPut(fn);
      return { fn, bucket };
    });
    expect([WriteVerdict.ALLOW, WriteVerdict.UNKNOWN]).toContain(finding.verdict);
    expect(error).toBeUndefined();
  });

  test('grant to the function\'s alias (alias.grantPrincipal is the role): ALLOW for the function', () => {
    const { finding } = run(stack => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn.addAlias('live'));
      return { fn, bucket };
    }, false);
    expect(describeFinding(finding)).toBe('ALLOW [] ');
  });

  test('identity Allow conditioned on aws:PrincipalTag/team, the function tagged with Tags.of(fn): ALLOW', () => {
    const { finding } = run(stack => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      const fn = writerFunction(stack, 'Writer');
      fn.addToRolePolicy(new iam.PolicyStatement({
        actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')], conditions: { StringEquals: { 'aws:PrincipalTag/team': 'ingest' } },
      }));
      Tags.of(fn).add('team', 'ingest');
      return { fn, bucket };
    });
    expect(describeFinding(finding)).toBe('ALLOW [] ');
  });
});

describe('prefixes', () => {
  test('grantPut on "in/*", the code writes keys starting "in" (some in/…, some inbox…): not DENY (not every request is denied)', () => {
    const { finding, error } = run(stack => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn, 'in/*');
      return { fn, bucket, keyPrefix: 'in' };
    });
    expectNotDeny(finding);
    expect(error).toBeUndefined();
  });

  test('grantPut on "*.csv" (a suffix pattern), the code writes under exports/: not DENY (some keys end in .csv)', () => {
    const { finding } = run(stack => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn, '*.csv');
      return { fn, bucket, keyPrefix: 'exports/' };
    });
    expectNotDeny(finding);
  });

  test('grantPut on "exports/*", the code writes under "exports/daily/": ALLOW', () => {
    const { finding } = run(stack => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      const fn = writerFunction(stack, 'Writer');
      bucket.grantPut(fn, 'exports/*');
      return { fn, bucket, keyPrefix: 'exports/daily/' };
    });
    expect(describeFinding(finding)).toBe('ALLOW [] ');
  });
});

describe('policy variables (IAM User Guide, "IAM policy elements: Variables and tags")', () => {
  function perTeamPrefix(tagged: boolean) {
    return (stack: Stack): Built => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      const fn = writerFunction(stack, 'Writer');
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('${aws:PrincipalTag/team}/*')] }));
      if (tagged) Tags.of(fn).add('team', 'ingest');
      return { fn, bucket, keyPrefix: 'ingest/' };
    };
  }
  test('a per-team prefix ${aws:PrincipalTag/team}/*, role tagged team=ingest, code writes under ingest/: ALLOW', () => {
    expect(describeFinding(run(perTeamPrefix(true)).finding)).toBe('ALLOW [] ');
  });
  test('…the role untagged: the variable has no value, the statement matches nothing: DENY', () => {
    expect(run(perTeamPrefix(false)).finding.verdict).toBe(WriteVerdict.DENY);
  });
});

describe('interface endpoints and endpoint placement', () => {
  test('S3 interface endpoint with private DNS in isolated subnets + "Deny unless aws:SourceVpce = it": not DENY', () => {
    // VPC PrivateLink guide, "Amazon S3 interface endpoints": with private DNS, the SDK's regional S3 endpoint resolves
    // to the interface endpoint, so requests carry aws:SourceVpce = its ID.
    const { finding, error } = run(stack => {
      const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'iso', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      const endpoint = vpc.addInterfaceEndpoint('S3', { service: ec2.InterfaceVpcEndpointAwsService.S3, privateDnsEnabled: true });
      const bucket = new s3.Bucket(stack, 'Bucket');
      denyPutObjectUnless(bucket, { StringNotEquals: { 'aws:SourceVpce': endpoint.vpcEndpointId } });
      const fn = writerFunction(stack, 'Writer', { vpc });
      bucket.grantPut(fn);
      return { fn, bucket };
    });
    expectNotDeny(finding);
    expect(error).toBeUndefined();
  });

  test('a gateway endpoint on the PUBLIC subnets only, the function in private (NAT) subnets + "Deny unless aws:SourceVpce": DENY', () => {
    // The function's route tables have no prefix-list route: its traffic leaves through the NAT gateway (VPC User
    // Guide, "Gateway endpoints": only the associated route tables get the route).
    for (const placement of ['public', 'all'] as const) {
      const { finding } = run(stack => {
        const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 1 });
        const endpoint = vpc.addGatewayEndpoint('S3', {
          service: ec2.GatewayVpcEndpointAwsService.S3,
          subnets: placement === 'public' ? [{ subnetType: ec2.SubnetType.PUBLIC }] : undefined,
        });
        const bucket = new s3.Bucket(stack, 'Bucket');
        denyPutObjectUnless(bucket, { StringNotEquals: { 'aws:SourceVpce': endpoint.vpcEndpointId } });
        const fn = writerFunction(stack, 'Writer', { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } });
        bucket.grantPut(fn);
        return { fn, bucket };
      });
      if (placement === 'public') expect(finding.verdict).toBe(WriteVerdict.DENY);
      else expect(describeFinding(finding)).toBe('ALLOW [] ');
    }
  });
});

describe('S3 ABAC (aws:ResourceTag on buckets; AWS News Blog 2025-11-20, S3 User Guide "buckets-tagging")', () => {
  function abacApp(abacStatus: string | undefined) {
    return (stack: Stack): Built => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      Tags.of(bucket).add('data-class', 'ingest');
      if (abacStatus) (bucket.node.defaultChild as s3.CfnBucket).abacStatus = abacStatus;
      const fn = writerFunction(stack, 'Writer');
      fn.addToRolePolicy(new iam.PolicyStatement({
        actions: ['s3:PutObject'], resources: ['arn:aws:s3:::*/*'], conditions: { StringEquals: { 'aws:ResourceTag/data-class': 'ingest' } },
      }));
      return { fn, bucket };
    };
  }
  test('ABAC enabled and the bucket tagged: ALLOW', () => {
    expect(describeFinding(run(abacApp('Enabled')).finding)).toBe('ALLOW [] ');
  });
  test('ABAC not enabled: the tag key is absent from the request, the Allow does not apply: DENY', () => {
    expect(run(abacApp(undefined)).finding.verdict).toBe(WriteVerdict.DENY);
  });
});
