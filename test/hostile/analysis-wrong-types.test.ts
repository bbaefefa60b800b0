import { StackTemplate } from '../../src/analysis/input';
import { Finding } from '../../src/analysis/report';
import {
  analyze, app, bucket, bucketPolicy, declared, fn, grantPut, identityPolicy, Json, key, keyAccountRoot, kmsEncryption,
  IN_VPC, objects, resource, role, stack, statement, vpcWithS3GatewayEndpoint,
} from '../analysis/support/app';

// GitHub issue #10, item 6: JSON of the wrong type must never make a stack, a policy or a write disappear so that
// the run passes. Whatever cannot be read is reported: UNKNOWN, naming the resource and what is wrong with it.

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** The app with `mutate` applied to a copy of its resources. */
function broken(mutate: (resources: Json) => void, base: Json = app()): StackTemplate {
  const resources = clone(base);
  mutate(resources);
  return stack(resources);
}

/** Every finding is UNKNOWN (none ALLOW, none DENY), and some cause names each of `mentions`. */
function expectReported(findings: Finding[], mentions: readonly string[]): void {
  expect(findings.length).toBeGreaterThan(0);
  expect(findings.map((f) => f.verdict)).toEqual(findings.map(() => 'UNKNOWN'));
  const messages = findings.flatMap((f) => f.causes.map((c) => c.message)).join('\n');
  for (const mention of mentions) expect(messages).toContain(mention);
}

const declaredWriter = fn('FnRole', {}, [declared()]);
const document = (statements: unknown): Json => ({ Version: '2012-10-17', Statement: statements });

interface Case {
  readonly name: string;
  /** The base app (well-typed: ALLOW). */
  readonly base: Json;
  readonly mutate: (resources: Json) => void;
  readonly mentions: readonly string[];
}

const inferred = app();
const declaredApp = app({ Fn: declaredWriter });
const withKmsKey = app({
  Fn: declaredWriter,
  Key: key([keyAccountRoot()]),
  Bucket: bucket(kmsEncryption('Key')),
  FnPolicy: identityPolicy([grantPut(), statement('Allow', 'kms:GenerateDataKey', { 'Fn::GetAtt': ['Key', 'Arn'] })]),
});
const withBucketPolicy = app({
  Fn: declaredWriter,
  BucketPolicy: bucketPolicy([statement('Deny', 's3:DeleteObject', objects(), { Principal: '*', Sid: 'NoDeletes' })]),
});
const inVpc = app({
  Fn: fn('FnRole', IN_VPC, [declared()]),
  ...vpcWithS3GatewayEndpoint(document([{ Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: '*' }])),
});
/** The grant in the role's own Policies instead of an AWS::IAM::Policy. */
const inlineGrant = app({
  FnPolicy: undefined,
  FnRole: role({ Policies: [{ PolicyName: 'Write', PolicyDocument: document([grantPut()]) }] }),
});
/** The grant in a customer managed policy listed in the role's ManagedPolicyArns. */
const managedGrant = app({
  FnPolicy: undefined,
  FnRole: role({ ManagedPolicyArns: [{ Ref: 'Managed' }] }),
  Managed: resource('AWS::IAM::ManagedPolicy', { PolicyDocument: document([grantPut()]) }, 'Stack/Managed/Resource'),
});

const cases: Case[] = [
  // The template's structure.
  { name: 'a resource is a string', base: inferred, mutate: (r) => { r.FnPolicy = 'policy'; }, mentions: ['Stack/FnPolicy', 'not an object'] },
  { name: 'a resource has no Type', base: inferred, mutate: (r) => { delete r.FnPolicy.Type; }, mentions: ['Stack/Fn/ServiceRole/DefaultPolicy', 'Type'] },
  { name: 'Properties is a string (identity policy)', base: inferred, mutate: (r) => { r.FnPolicy.Properties = 'x'; }, mentions: ['Stack/Fn/ServiceRole/DefaultPolicy', 'Properties'] },
  { name: 'Properties is a list (bucket policy)', base: withBucketPolicy, mutate: (r) => { r.BucketPolicy.Properties = []; }, mentions: ['Stack/Bucket/Policy', 'Properties'] },
  { name: 'Properties is a string (role)', base: declaredApp, mutate: (r) => { r.FnRole.Properties = 'x'; }, mentions: ['Stack/Fn/ServiceRole', 'Properties'] },
  { name: 'a resource Condition is not a string', base: declaredApp, mutate: (r) => { r.FnPolicy.Condition = { 'Fn::Equals': ['a', 'b'] }; }, mentions: ['Stack/Fn/ServiceRole/DefaultPolicy', 'Condition'] },
  // Identity policies: the write was inferred from them, so an unreadable one must not make it vanish.
  { name: 'identity Statement is a string', base: inferred, mutate: (r) => { r.FnPolicy.Properties.PolicyDocument.Statement = 'Allow s3:PutObject'; }, mentions: ['Stack/Fn/ServiceRole/DefaultPolicy', 'Statement'] },
  { name: 'identity PolicyDocument is a number', base: inferred, mutate: (r) => { r.FnPolicy.Properties.PolicyDocument = 5; }, mentions: ['Stack/Fn/ServiceRole/DefaultPolicy'] },
  { name: 'identity PolicyDocument is missing', base: inferred, mutate: (r) => { delete r.FnPolicy.Properties.PolicyDocument; }, mentions: ['Stack/Fn/ServiceRole/DefaultPolicy'] },
  { name: 'identity Action is an object', base: inferred, mutate: (r) => { r.FnPolicy.Properties.PolicyDocument.Statement[0].Action = { s3: 'PutObject' }; }, mentions: ['Stack/Fn/ServiceRole/DefaultPolicy', 'Action'] },
  { name: 'identity Resource is a number', base: inferred, mutate: (r) => { r.FnPolicy.Properties.PolicyDocument.Statement[0].Resource = 42; }, mentions: ['Stack/Fn/ServiceRole/DefaultPolicy', 'Resource'] },
  { name: 'identity Condition is a string', base: inferred, mutate: (r) => { r.FnPolicy.Properties.PolicyDocument.Statement[0].Condition = 'only on Mondays'; }, mentions: ['Stack/Fn/ServiceRole/DefaultPolicy', 'Condition'] },
  { name: 'identity Roles is an object, not a list', base: declaredApp, mutate: (r) => { r.FnPolicy.Properties.Roles = { Role: { Ref: 'FnRole' } }; }, mentions: ['Stack/Fn/ServiceRole/DefaultPolicy', 'Roles'] },
  { name: 'role inline policy Statement is a string', base: inlineGrant, mutate: (r) => { r.FnRole.Properties.Policies[0].PolicyDocument.Statement = 'x'; }, mentions: ['Write', 'Statement'] },
  { name: 'role Policies is an object, not a list', base: inlineGrant, mutate: (r) => { r.FnRole.Properties.Policies = r.FnRole.Properties.Policies[0]; }, mentions: ['Stack/Fn/ServiceRole', 'Policies'] },
  { name: 'managed policy Statement is a string', base: managedGrant, mutate: (r) => { r.Managed.Properties.PolicyDocument.Statement = 'x'; }, mentions: ['Stack/Managed', 'Statement'] },
  { name: 'role ManagedPolicyArns is an object, not a list', base: managedGrant, mutate: (r) => { r.FnRole.Properties.ManagedPolicyArns = { Ref: 'Managed', x: 1 }; }, mentions: ['Stack/Fn/ServiceRole', 'ManagedPolicyArns'] },
  { name: 'function Role is a list', base: inferred, mutate: (r) => { r.Fn.Properties.Role = [r.Fn.Properties.Role]; }, mentions: ['Stack/Fn', 'Role'] },
  // Resource-based policies: a statement that cannot be read may allow or deny.
  { name: 'bucket policy Statement is a string', base: withBucketPolicy, mutate: (r) => { r.BucketPolicy.Properties.PolicyDocument.Statement = 'Deny'; }, mentions: ['Stack/Bucket/Policy', 'Statement'] },
  { name: 'bucket policy Action is a number', base: withBucketPolicy, mutate: (r) => { r.BucketPolicy.Properties.PolicyDocument.Statement[0].Action = 3; }, mentions: ['Stack/Bucket/Policy', 'Action'] },
  { name: 'bucket policy Resource is an object', base: withBucketPolicy, mutate: (r) => { r.BucketPolicy.Properties.PolicyDocument.Statement[0].Resource = { bucket: 'x' }; }, mentions: ['Stack/Bucket/Policy', 'Resource'] },
  { name: 'bucket policy Condition is a list', base: withBucketPolicy, mutate: (r) => { r.BucketPolicy.Properties.PolicyDocument.Statement[0].Condition = []; }, mentions: ['Stack/Bucket/Policy', 'Condition'] },
  { name: 'bucket policy PolicyDocument is null', base: withBucketPolicy, mutate: (r) => { r.BucketPolicy.Properties.PolicyDocument = null; }, mentions: ['Stack/Bucket/Policy'] },
  { name: 'key policy Statement is a string', base: withKmsKey, mutate: (r) => { r.Key.Properties.KeyPolicy.Statement = 'x'; }, mentions: ['Stack/Key', 'Statement'] },
  { name: 'key policy is a list', base: withKmsKey, mutate: (r) => { r.Key.Properties.KeyPolicy = [keyAccountRoot()]; }, mentions: ['Stack/Key'] },
  { name: 'VPC endpoint policy Statement is a string', base: inVpc, mutate: (r) => { r.S3Endpoint.Properties.PolicyDocument.Statement = 'x'; }, mentions: ['Stack/Vpc/S3Endpoint', 'Statement'] },
  { name: 'VPC endpoint PolicyDocument is null', base: inVpc, mutate: (r) => { r.S3Endpoint.Properties.PolicyDocument = null; }, mentions: ['Stack/Vpc/S3Endpoint'] },
];

describe.each(cases)('$name', ({ base, mutate, mentions }) => {
  test('is reported: UNKNOWN, naming the resource and the reason', () => {
    expectReported(analyze(broken(mutate, base)), mentions);
  });

  test('the same app, well-typed, is ALLOW', () => {
    const findings = analyze(stack(clone(base)));
    expect(findings.map((f) => f.verdict)).toEqual(['ALLOW']);
  });
});

describe('a template whose Resources is not an object is reported, not skipped', () => {
  test.each([['a list', []], ['a string', 'resources'], ['null', null]])('Resources is %s', (_, value) => {
    const template: StackTemplate = { ...stack({}), template: { Resources: value } };
    const [finding, ...rest] = analyze(template);
    expect(rest).toEqual([]);
    expect(finding.verdict).toBe('UNKNOWN');
    expect(finding.causes[0].code).toBe('UNRESOLVED');
    expect(finding.causes[0].message).toContain('Stack');
    expect(finding.causes[0].message).toContain('Resources');
  });

  test('a template with no Resources at all is how the CDK writes an empty stack: nothing to report', () => {
    expect(analyze({ ...stack({}), template: {} })).toEqual([]);
    expect(analyze([stack(app()), { ...stack({}), artifactId: 'Empty', stackName: 'Empty', template: {} }]).map((f) => f.verdict)).toEqual(['ALLOW']);
  });

  test('…and it makes the findings of the other stacks UNKNOWN: what it holds could be any policy', () => {
    const other: StackTemplate = { ...stack({}), artifactId: 'Broken', stackName: 'Broken', template: { Resources: 'x' } };
    const findings = analyze([stack(app()), other]);
    expect(findings.map((f) => f.verdict)).toEqual(['UNKNOWN']);
    expect(findings[0].causes.map((c) => c.message).join(' ')).toContain('Broken');
    expect(analyze([stack(app())]).map((f) => f.verdict)).toEqual(['ALLOW']);
  });
});
