import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { assemblyOf, excessLines, excessOf, findingsOf, leastPrivilegeOf, pathApp, roleOf, withLeastPrivilege } from './support/lp';
import { AssemblyInput } from '../../src/analysis/input';
import { RolePrivilege } from '../../src/analysis/least-privilege';
import { WriteAccessChecker } from '../../src/checker';
import { stackIn, writerFunction } from '../support/harness';

const ROLE = 'Stack/Fn/ServiceRole';
const POLICY = 'Stack/Fn/ServiceRole/DefaultPolicy';

function app(build: (stack: Stack, fn: lambda.Function) => void): AssemblyInput {
  const a = pathApp();
  const stack = stackIn(a, 'Stack');
  build(stack, writerFunction(stack, 'Fn'));
  return assemblyOf(a);
}

/**
 * The least-privilege policy is re-checked: the role's identity policies replaced by it, every intent of the role is
 * still ALLOW, and the role has no excess left.
 */
function recheck(input: AssemblyInput, role: RolePrivilege): void {
  const replaced = withLeastPrivilege(input, role);
  const findings = findingsOf(replaced).filter((f) => f.role === role.role);
  expect(findings.length).toBeGreaterThan(0);
  // Every write of the role is allowed (a shared role's grant also lets the other function write: inferred, ALLOW too).
  expect(findings.filter((f) => f.verdict !== 'ALLOW')).toEqual([]);
  for (const i of role.intents) {
    expect(findings.map((f) => [f.function, f.bucket, f.keyPattern])).toContainEqual([i.function, i.bucket, i.keyPattern]);
  }
  const after = roleOf(leastPrivilegeOf(replaced), role.role);
  expect(after.excess).toEqual([]);
  expect(after.leastPrivilege.document).toEqual(role.leastPrivilege.document);
}

describe('excess per writer, each traced to the statement that grants it', () => {
  test('grantReadWrite on an SSE-KMS bucket: reads, deletes, tagging, Object Lock, listing and the key beyond GenerateDataKey', () => {
    const input = app((stack, fn) => {
      const bucket = new s3.Bucket(stack, 'Bucket', { encryptionKey: new kms.Key(stack, 'Key') });
      bucket.grantReadWrite(fn);
    });
    const role = roleOf(leastPrivilegeOf(input), ROLE);
    expect(role.intents.map((i) => [i.bucket, i.keyPattern, i.intent])).toEqual([['Stack/Bucket', '*', 'inferred']]);
    expect(excessLines(role)).toEqual([
      'kms kms:Decrypt Stack/Key',
      'kms kms:Encrypt Stack/Key',
      'kms kms:GenerateDataKeyWithoutPlaintext Stack/Key',
      'kms kms:ReEncryptFrom Stack/Key',
      'kms kms:ReEncryptTo Stack/Key',
      'not-needed s3:AbortMultipartUpload Stack/Bucket',
      'not-needed s3:DeleteObject Stack/Bucket',
      'not-needed s3:DeleteObjectTagging Stack/Bucket',
      'not-needed s3:DeleteObjectVersion Stack/Bucket',
      'not-needed s3:GetObject Stack/Bucket',
      'not-needed s3:GetObjectVersion Stack/Bucket',
      'not-needed s3:ListBucket Stack/Bucket',
      'not-needed s3:ListBucketVersions Stack/Bucket',
      'not-needed s3:PutObjectLegalHold Stack/Bucket',
      'not-needed s3:PutObjectRetention Stack/Bucket',
      'not-needed s3:PutObjectTagging Stack/Bucket',
    ]);
    const del = excessOf(role, 's3:DeleteObject')!;
    expect(del).toMatchObject({ location: POLICY, statement: '#0', resource: 'arn:aws:s3:::<Stack/Bucket>/*', jsonPath: 'Properties/PolicyDocument/Statement/0' });
    expect(excessOf(role, 'kms:Decrypt')).toMatchObject({ location: POLICY, statement: '#1' });
    // One entry per granting statement and resource, naming its actions: the object actions of statement #0 together.
    expect(del.actions).toEqual(expect.arrayContaining(['s3:GetObject', 's3:DeleteObject', 's3:PutObjectTagging']));
    expect(del.action).toBeUndefined();
    expect(del.message).toMatch(/^role Stack\/Fn\/ServiceRole can s3:\w+(, s3:\w+)* and s3:\w+ on bucket Stack\/Bucket /);
    expect(excessOf(role, 's3:ListBucket')).not.toBe(del);
    expect(role.leastPrivilege.document.Statement).toEqual([
      { Sid: 'Write0', Effect: 'Allow', Action: ['s3:PutObject'], Resource: 'arn:aws:s3:::<Stack/Bucket>/*' },
      { Sid: 'UseKey0', Effect: 'Allow', Action: ['kms:GenerateDataKey'], Resource: expect.stringContaining(':key/') },
    ]);
    recheck(input, role);
  });

  test('grantWrite: deletes, tagging, Object Lock and abort are more than a PutObject needs', () => {
    const input = app((stack, fn) => new s3.Bucket(stack, 'Bucket').grantWrite(fn, 'out/*'));
    const role = roleOf(leastPrivilegeOf(input), ROLE);
    expect(role.intents.map((i) => i.keyPattern)).toEqual(['out/*']);
    expect(excessLines(role)).toEqual([
      'not-needed s3:AbortMultipartUpload Stack/Bucket',
      'not-needed s3:DeleteObject Stack/Bucket',
      'not-needed s3:DeleteObjectTagging Stack/Bucket',
      'not-needed s3:DeleteObjectVersion Stack/Bucket',
      'not-needed s3:PutObjectLegalHold Stack/Bucket',
      'not-needed s3:PutObjectRetention Stack/Bucket',
      'not-needed s3:PutObjectTagging Stack/Bucket',
    ]);
    expect(role.leastPrivilege.document.Statement).toEqual([
      { Sid: 'Write0', Effect: 'Allow', Action: ['s3:PutObject'], Resource: 'arn:aws:s3:::<Stack/Bucket>/out/*' },
    ]);
    recheck(input, role);
  });

  test('AmazonS3FullAccess with a declared write under out/: every bucket, every action, traced to the managed policy', () => {
    let bucket!: s3.Bucket;
    const input = app((stack, fn) => {
      bucket = new s3.Bucket(stack, 'Bucket');
      new s3.Bucket(stack, 'Other');
      fn.role!.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3FullAccess'));
      WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'out/' });
    });
    const role = roleOf(leastPrivilegeOf(input), ROLE);
    expect(role.intents.map((i) => [i.bucket, i.keyPattern, i.intent])).toEqual([['Stack/Bucket', 'out/*', 'declared']]);
    const lines = excessLines(role);
    expect(lines).toEqual(expect.arrayContaining([
      'outside-prefix s3:PutObject Stack/Bucket',
      'not-needed s3:GetObject Stack/Bucket',
      'not-needed s3:DeleteObject Stack/Bucket',
      'not-needed s3:PutBucketPolicy Stack/Bucket',
      'not-needed s3:DeleteBucket Stack/Bucket',
      'no-intent s3:PutObject Stack/Other',
      'no-intent s3:DeleteBucket Stack/Other',
      'any-bucket s3:PutObject',
      'any-bucket s3:DeleteObject',
    ]));
    expect(role.excess.every((e) => e.location.includes('policy/AmazonS3FullAccess'))).toBe(true);
    expect(role.leastPrivilege.document.Statement).toEqual([
      { Sid: 'Write0', Effect: 'Allow', Action: ['s3:PutObject'], Resource: 'arn:aws:s3:::<Stack/Bucket>/out/*' },
    ]);
    recheck(input, role);
  });

  test('s3:* on Resource "*": no intent is inferred, and the role is still flagged on every bucket and on any bucket', () => {
    const input = app((stack, fn) => {
      new s3.Bucket(stack, 'Bucket');
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    });
    const role = roleOf(leastPrivilegeOf(input), ROLE);
    expect(role.intents).toEqual([]);
    expect(excessLines(role)).toEqual([
      'any-bucket s3:DeleteObject',
      'any-bucket s3:DeleteObjectVersion',
      'any-bucket s3:PutObject',
      'no-intent s3:DeleteBucket Stack/Bucket',
      'no-intent s3:DeleteBucketPolicy Stack/Bucket',
      'no-intent s3:DeleteObject Stack/Bucket',
      'no-intent s3:DeleteObjectVersion Stack/Bucket',
      'no-intent s3:PutBucketPolicy Stack/Bucket',
      'no-intent s3:PutObject Stack/Bucket',
    ]);
    expect(role.excess.every((e) => e.resource === '*' && e.location === POLICY && e.statement === '#0')).toBe(true);
    expect(role.leastPrivilege.document.Statement).toEqual([]);
  });

  test('s3:* on "*" with a declared write: the write\'s least-privilege policy, re-checked', () => {
    const input = app((stack, fn) => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
      WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'in/' });
    });
    const role = roleOf(leastPrivilegeOf(input), ROLE);
    expect(excessLines(role)).toEqual(expect.arrayContaining(['outside-prefix s3:PutObject Stack/Bucket', 'not-needed s3:DeleteBucket Stack/Bucket', 'any-bucket s3:PutObject']));
    expect(excessLines(role).some((l) => l.startsWith('no-intent'))).toBe(false);
    recheck(input, role);
  });

  test('two writes under different prefixes of one bucket: each action of a statement once in the role, in entries the first write shares', () => {
    const input = app((stack, fn) => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      bucket.grantReadWrite(fn);
      WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'a/' });
      WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: 'b/' });
    });
    const role = roleOf(leastPrivilegeOf(input), ROLE);
    expect(role.intents.map((i) => i.keyPattern)).toEqual(['a/*', 'b/*']);
    const [first, second] = role.intents;
    // Each write: PutObject outside its prefix, and what it does not need inside it, one entry per kind and resource.
    for (const intent of role.intents) {
      const outside = intent.excess.find((e) => e.kind === 'outside-prefix')!;
      expect(outside.actions).toContain('s3:PutObject');
      expect(outside.message).toContain(`outside the keys it writes (${intent.keyPattern})`);
      expect(intent.excess.filter((e) => e.kind === 'not-needed' && e.resource.endsWith('/*'))).toHaveLength(1);
    }
    // The role: each (action, statement, resource) once, as the first write found it: the same objects.
    const lines = role.excess.flatMap((e) => e.actions.map((a) => `${a} ${e.location} ${e.statement} ${e.resource}`));
    expect(new Set(lines).size).toBe(lines.length);
    expect(role.excess).toHaveLength(first.excess.length);
    first.excess.forEach((e, i) => expect(role.excess[i]).toBe(e));
    expect(second.excess).not.toContain(role.excess.find((e) => e.kind === 'outside-prefix'));
  });

  test('a role shared by two functions: one policy covering both writes (each with what its request implies), re-checked', () => {
    const a = pathApp();
    const stack = stackIn(a, 'Stack');
    const role = new iam.Role(stack, 'Shared', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const first = new s3.Bucket(stack, 'First');
    const second = new s3.Bucket(stack, 'Second');
    const one = writerFunction(stack, 'One', { role });
    const two = writerFunction(stack, 'Two', { role });
    first.grantReadWrite(role);
    second.grantReadWrite(role);
    WriteAccessChecker.expectWrite(one, first, { keyPrefix: 'a/' });
    WriteAccessChecker.expectWrite(two, second, { keyPrefix: 'b/', request: { multipart: true } });
    const input = assemblyOf(a);
    const shared = roleOf(leastPrivilegeOf(input), 'Stack/Shared');
    expect(shared.functions).toEqual(['Stack/One', 'Stack/Two']);
    expect(shared.intents.map((i) => [i.function, i.bucket, i.keyPattern])).toEqual([
      ['Stack/One', 'Stack/First', 'a/*'], ['Stack/Two', 'Stack/Second', 'b/*'],
    ]);
    // The second write is multipart: aborting is what its request implies, not excess; on the first bucket it is.
    expect(excessLines(shared)).toContain('not-needed s3:AbortMultipartUpload Stack/First');
    expect(excessLines(shared)).not.toContain('not-needed s3:AbortMultipartUpload Stack/Second');
    expect(excessLines(shared)).toEqual(expect.arrayContaining(['outside-prefix s3:PutObject Stack/First', 'outside-prefix s3:PutObject Stack/Second']));
    expect(shared.leastPrivilege.document.Statement).toEqual([
      { Sid: 'Write0', Effect: 'Allow', Action: ['s3:PutObject'], Resource: 'arn:aws:s3:::<Stack/First>/a/*' },
      { Sid: 'Write1', Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: 'arn:aws:s3:::<Stack/Second>/b/*' },
    ]);
    recheck(input, shared);
  });

  test('an action allowed only under a condition is still excess, and says under which', () => {
    const input = app((stack, fn) => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      bucket.grantPut(fn);
      fn.addToRolePolicy(new iam.PolicyStatement({
        actions: ['s3:DeleteObject'],
        resources: [bucket.arnForObjects('*')],
        conditions: { StringEquals: { 's3:x-amz-acl': 'private' } },
      }));
    });
    const role = roleOf(leastPrivilegeOf(input), ROLE);
    const del = excessOf(role, 's3:DeleteObject')!;
    expect(del.condition).toBe('StringEquals s3:x-amz-acl = private');
    expect(del.message).toContain('when StringEquals s3:x-amz-acl = private');
  });

  test('no false positive: an action the evaluator denies for every request is not excess (a Deny, a boundary)', () => {
    const input = app((stack, fn) => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      bucket.grantReadWrite(fn);
      fn.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:DeleteObject*'], resources: ['*'] }));
      iam.PermissionsBoundary.of(fn.role!).apply(new iam.ManagedPolicy(stack, 'Boundary', {
        statements: [new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject', 'logs:*'], resources: ['*'] })],
      }));
    });
    const role = roleOf(leastPrivilegeOf(input), ROLE);
    expect(excessLines(role)).toEqual(['not-needed s3:GetObject Stack/Bucket']);
  });
});
