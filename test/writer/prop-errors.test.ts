import { App, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ACCOUNT, functionProps, newStack, REGION } from './support/fixtures';
import { SecureLambdaWriter, SecureLambdaWriterProps, ObjectEncryption, CannedAcl } from '../../src';

type PropsIn = (stack: Stack) => Partial<SecureLambdaWriterProps>;

/** Build a writer in a fresh stack; `extra` may create resources in that stack first. */
function build(props: PropsIn): () => SecureLambdaWriter {
  return () => {
    const { stack } = newStack();
    const p = props(stack);
    return new SecureLambdaWriter(stack, 'Writer', { ...(p.function ? {} : { functionProps: functionProps() }), ...p });
  };
}

/**
 * Every error names the prop and a fix; each case also runs with the cause removed, which must construct.
 */
const cases: Array<{ name: string; bad: PropsIn; good: PropsIn; message: RegExp }> = [
  {
    name: 'both function and functionProps',
    bad: (s) => ({ function: new lambda.Function(s, 'Fn', functionProps()), functionProps: functionProps() }),
    good: (s) => ({ function: new lambda.Function(s, 'Fn', functionProps()) }),
    message: /function\/functionProps: both are set.*Fix:/,
  },
  {
    name: 'functionProps.role (the writer makes a dedicated role)',
    bad: (s) => ({ functionProps: functionProps({ role: new iam.Role(s, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }) }) }),
    good: () => ({ functionProps: functionProps() }),
    message: /functionProps\.role: .*Fix: remove functionProps\.role/,
  },
  {
    name: 'both bucket and bucketProps',
    bad: (s) => ({ bucket: new s3.Bucket(s, 'B'), bucketProps: { versioned: true } }),
    good: (s) => ({ bucket: new s3.Bucket(s, 'B') }),
    message: /bucket\/bucketProps: both are set/,
  },
  { name: 'prefix with *', bad: () => ({ keyPrefix: 'in/*' }), good: () => ({ keyPrefix: 'in/' }), message: /keyPrefix: 'in\/\*' contains a wildcard/ },
  { name: 'prefix with ?', bad: () => ({ keyPrefix: 'in?/' }), good: () => ({ keyPrefix: 'in/' }), message: /keyPrefix: .*wildcard/ },
  { name: 'prefix with a leading /', bad: () => ({ keyPrefix: '/in/' }), good: () => ({ keyPrefix: 'in/' }), message: /keyPrefix: '\/in\/' starts with '\/'.*Fix: use 'in\/'/ },
  { name: 'prefix with a policy variable', bad: () => ({ keyPrefix: '${aws:username}/' }), good: () => ({ keyPrefix: 'users/' }), message: /keyPrefix: .*policy variable/ },
  {
    name: 'encryptionKey with S3_MANAGED',
    bad: (s) => ({ encryption: ObjectEncryption.S3_MANAGED, encryptionKey: new kms.Key(s, 'K') }),
    good: (s) => ({ encryption: ObjectEncryption.KMS, encryptionKey: new kms.Key(s, 'K') }),
    message: /encryptionKey: a KMS key was given with encryption: S3_MANAGED/,
  },
  {
    name: 'bucketKeyEnabled with S3_MANAGED',
    bad: () => ({ encryption: ObjectEncryption.S3_MANAGED, bucketKeyEnabled: true }),
    good: () => ({ encryption: ObjectEncryption.KMS, bucketKeyEnabled: true }),
    message: /bucketKeyEnabled: an S3 Bucket Key only applies to SSE-KMS/,
  },
  {
    name: 'encryption in bucketProps instead of on the writer',
    bad: () => ({ bucketProps: { encryption: s3.BucketEncryption.KMS } }),
    good: () => ({ encryption: ObjectEncryption.KMS }),
    message: /bucketProps\.encryption: encryption is chosen once/,
  },
  { name: 'bucketProps.enforceSSL false', bad: () => ({ bucketProps: { enforceSSL: false } }), good: () => ({ bucketProps: {} }), message: /bucketProps\.enforceSSL/ },
  {
    name: 'S3_MANAGED on a bucket with a KMS key',
    bad: (s) => ({ bucket: new s3.Bucket(s, 'B', { encryption: s3.BucketEncryption.KMS }), encryption: ObjectEncryption.S3_MANAGED }),
    good: (s) => ({ bucket: new s3.Bucket(s, 'B', { encryption: s3.BucketEncryption.KMS }) }),
    message: /encryption: S3_MANAGED was asked for, but the bucket .* encrypts with a KMS key/,
  },
  {
    name: 'a key that differs from the bucket\'s key',
    bad: (s) => ({ bucket: new s3.Bucket(s, 'B', { encryption: s3.BucketEncryption.KMS }), encryptionKey: new kms.Key(s, 'Other') }),
    good: (s) => {
      const key = new kms.Key(s, 'Other');
      return { bucket: new s3.Bucket(s, 'B', { encryption: s3.BucketEncryption.KMS, encryptionKey: key }), encryptionKey: key };
    },
    message: /encryptionKey: it differs from the key of the bucket/,
  },
  {
    name: 'an ACL that BucketOwnerEnforced rejects (400 AccessControlListNotSupported)',
    bad: () => ({ acl: CannedAcl.PRIVATE }),
    good: () => ({ acl: CannedAcl.BUCKET_OWNER_FULL_CONTROL }),
    message: /acl: .*BucketOwnerEnforced.*AccessControlListNotSupported/,
  },
  {
    name: 'a public ACL that Block Public Access rejects',
    bad: () => ({ acl: CannedAcl.PUBLIC_READ, bucketProps: { objectOwnership: s3.ObjectOwnership.OBJECT_WRITER } }),
    good: () => ({ acl: CannedAcl.PRIVATE, bucketProps: { objectOwnership: s3.ObjectOwnership.OBJECT_WRITER } }),
    message: /acl: .*BlockPublicAcls rejects the public ACL 'public-read'/,
  },
  {
    name: 'an ACL on an existing bucket of the app with ACLs disabled by default (no OwnershipControls)',
    bad: (s) => ({ bucket: s3.Bucket.fromCfnBucket(new s3.CfnBucket(s, 'L1b')), acl: CannedAcl.BUCKET_OWNER_READ }),
    good: (s) => ({ bucket: s3.Bucket.fromCfnBucket(new s3.CfnBucket(s, 'L1b')), acl: CannedAcl.BUCKET_OWNER_FULL_CONTROL }),
    message: /acl: .*BucketOwnerEnforced/,
  },
  { name: 'more than 10 object tags', bad: () => ({ objectTags: Object.fromEntries([...Array(11).keys()].map((i) => [`k${i}`, 'v'])) }), good: () => ({ objectTags: { k: 'v' } }), message: /objectTags: 11 tags; S3 allows at most 10/ },
  { name: 'a reserved aws: tag key', bad: () => ({ objectTags: { 'aws:team': 'a' } }), good: () => ({ objectTags: { team: 'a' } }), message: /objectTags: tag key 'aws:team'/ },
  { name: 'a principal tag key that is not an object tag', bad: () => ({ objectTags: { team: 'a' }, principalTagKeys: ['env'] }), good: () => ({ objectTags: { team: 'a' }, principalTagKeys: ['team'] }), message: /principalTagKeys: 'env' is not a key of objectTags/ },
  {
    name: 'a management tag that would overwrite the ABAC role tag',
    bad: () => ({ objectTags: { team: 'a' }, principalTagKeys: ['team'], tags: { team: 'b' } }),
    good: () => ({ objectTags: { team: 'a' }, principalTagKeys: ['team'], tags: { team: 'a' } }),
    message: /tags: tags\.team = 'b' would overwrite the role tag team = 'a'/,
  },
  {
    name: 'object tags that conflict with the bucket\'s tags',
    bad: (s) => { const b = new s3.Bucket(s, 'B'); Tags.of(b).add('team', 'red'); return { bucket: b, objectTags: { team: 'blue' } }; },
    good: (s) => { const b = new s3.Bucket(s, 'B'); Tags.of(b).add('team', 'blue'); return { bucket: b, objectTags: { team: 'blue' } }; },
    message: /objectTags: objectTags\.team = 'blue' conflicts with the bucket's tag team = 'red'/,
  },
  { name: 'vpcEndpoint without a VPC function', bad: (s) => ({ vpcEndpoint: endpointIn(s) }), good: () => ({}), message: /vpcEndpoint: the function is not in a VPC/ },
  {
    name: 'objectLockMode without retention days',
    bad: () => ({ objectLockMode: s3.ObjectLockMode.GOVERNANCE }),
    good: () => ({ objectLockMode: s3.ObjectLockMode.GOVERNANCE, objectLockRetentionDays: 1 }),
    message: /objectLockRetentionDays: objectLockMode is set but not how long/,
  },
  { name: 'retention days without a mode', bad: () => ({ objectLockRetentionDays: 3 }), good: () => ({}), message: /objectLockMode: objectLockRetentionDays is set without/ },
  {
    name: 'fractional retention days',
    bad: () => ({ objectLockMode: s3.ObjectLockMode.GOVERNANCE, objectLockRetentionDays: 1.5 }),
    good: () => ({ objectLockMode: s3.ObjectLockMode.GOVERNANCE, objectLockRetentionDays: 2 }),
    message: /objectLockRetentionDays: 1\.5 is not a whole number/,
  },
  {
    name: 'Object Lock headers on an existing bucket without Object Lock',
    bad: (s) => ({ bucket: new s3.Bucket(s, 'B'), objectLockLegalHold: true }),
    good: (s) => ({ bucket: new s3.Bucket(s, 'B', { objectLockEnabled: true }), objectLockLegalHold: true }),
    message: /objectLockLegalHold: the bucket .* does not have Object Lock enabled/,
  },
  { name: 'an invalid environmentPrefix', bad: () => ({ environmentPrefix: '1-x' }), good: () => ({ environmentPrefix: 'ARCHIVE_' }), message: /environmentPrefix: '1-x'/ },
];

function endpointIn(stack: Stack): ec2.IVpcEndpoint {
  const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'iso', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  return vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
}

/** Construct, then synth, so errors from `node.addValidation` count too (tags arrive through aspects). */
function constructAndSynth(make: () => SecureLambdaWriter): void {
  const writer = make();
  (writer.node.root as App).synth();
}

describe('clear errors at construction, naming the prop and the fix', () => {
  test.each(cases)('$name', ({ bad, good, message }) => {
    expect(() => constructAndSynth(build(bad))).toThrow(message);
    expect(() => constructAndSynth(build(good))).not.toThrow();
  });

  test('neither function nor functionProps', () => {
    const { stack } = newStack();
    expect(() => new SecureLambdaWriter(stack, 'W', {})).toThrow(/function\/functionProps: neither is set.*Fix: pass `functionProps`/);
  });

  test('an imported function is refused with the reason', () => {
    const { stack } = newStack();
    const fn = lambda.Function.fromFunctionArn(stack, 'Imp', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:other`);
    expect(() => new SecureLambdaWriter(stack, 'W', { function: fn })).toThrow(/function: .* is not a lambda\.Function of this app \(an imported function/);
  });

  test('a function whose role is imported is refused; with a role of the app it is adopted', () => {
    const { stack } = newStack();
    const role = iam.Role.fromRoleArn(stack, 'Imported', `arn:aws:iam::${ACCOUNT}:role/legacy`);
    const fn = new lambda.Function(stack, 'Fn', functionProps({ role }));
    expect(() => new SecureLambdaWriter(stack, 'W', { function: fn })).toThrow(/function: the role of .* is not a role of this app/);
    const fn2 = new lambda.Function(stack, 'Fn2', functionProps());
    const writer = new SecureLambdaWriter(stack, 'W2', { function: fn2 });
    expect(writer.role).toBe(fn2.role);
  });

  test('the same function wired twice with one environmentPrefix is refused; distinct prefixes work', () => {
    const { stack } = newStack();
    const fn = new lambda.Function(stack, 'Fn', functionProps());
    new SecureLambdaWriter(stack, 'A', { function: fn });
    expect(() => new SecureLambdaWriter(stack, 'B', { function: fn })).toThrow(/environmentPrefix: another SecureLambdaWriter already set the 'WRITER_\*' variables/);
    expect(() => new SecureLambdaWriter(stack, 'C', { function: fn, environmentPrefix: 'ARCHIVE_' })).not.toThrow();
  });

  test('an existing function in another stack is refused (two-way stack references)', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const a = new Stack(app, 'A', { env: { account: ACCOUNT, region: REGION } });
    const b = new Stack(app, 'B', { env: { account: ACCOUNT, region: REGION } });
    const fn = new lambda.Function(a, 'Fn', functionProps());
    expect(() => new SecureLambdaWriter(b, 'W', { function: fn })).toThrow(/function: .* is in stack A, the writer in B/);
  });

  test('bucket-policy options on a bucket of the app in another stack are refused; without them it works', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const data = new Stack(app, 'Data', { env: { account: ACCOUNT, region: REGION } });
    const compute = new Stack(app, 'Compute', { env: { account: ACCOUNT, region: REGION } });
    const bucket = new s3.Bucket(data, 'Bucket');
    expect(() => new SecureLambdaWriter(compute, 'W', { functionProps: functionProps(), bucket, restrictPrefixToThisWriter: true }))
      .toThrow(/restrictPrefixToThisWriter: these options add bucket-policy statements/);
    expect(() => new SecureLambdaWriter(compute, 'W2', { functionProps: functionProps(), bucket })).not.toThrow();
  });

  test('a bucket of the app in another account is refused with the import fix', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const data = new Stack(app, 'Data', { env: { account: '222222222222', region: REGION } });
    const compute = new Stack(app, 'Compute', { env: { account: ACCOUNT, region: REGION } });
    const bucket = new s3.Bucket(data, 'Bucket');
    expect(() => new SecureLambdaWriter(compute, 'W', { functionProps: functionProps(), bucket }))
      .toThrow(/bucket: .* is in account 222222222222.*Fix: import the bucket with s3\.Bucket\.fromBucketAttributes/);
  });

  test('a later Tags.of() that changes the ABAC role tag fails synth (node.addValidation)', () => {
    const { app, stack } = newStack();
    new SecureLambdaWriter(stack, 'W', { functionProps: functionProps(), objectTags: { team: 'a' }, principalTagKeys: ['team'] });
    Tags.of(stack).add('team', 'b', { priority: 200 });
    expect(() => app.synth()).toThrow(/principalTagKeys: the role's tag team is 'b' but objectTags\.team is 'a'/);
  });
});
