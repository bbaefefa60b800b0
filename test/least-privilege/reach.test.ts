import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { assemblyOf, pathApp } from './support/lp';
import { buildAssemblyIndex } from '../../src/analysis/cfn/assembly-index';
import { analyzeLeastPrivilege } from '../../src/analysis/least-privilege';
import { GrantReach } from '../../src/analysis/least-privilege/reach';
import { buildModel } from '../../src/analysis/model/build-model';
import { PolicyRegistry } from '../../src/analysis/model/policy-registry';
import { AppModel } from '../../src/analysis/model/types';
import { stackIn, writerFunction } from '../support/harness';

/**
 * The least-privilege report probes a role on a bucket only when some Allow may reach that pair: an identity Allow
 * whose Resource may name the bucket, or a bucket-policy Allow that may name the role. These tests pin which pairs
 * are kept, and that the report is the same as when every role is probed on every bucket (nothing is lost).
 */

function app(build: (stack: Stack) => void): AppModel {
  const a = pathApp();
  build(stackIn(a, 'Stack'));
  return buildModel(buildAssemblyIndex(assemblyOf(a)), {});
}

function reachOf(model: AppModel): (bucket: string) => string[] {
  const reach = new GrantReach(model, new PolicyRegistry());
  return (bucket) => {
    const b = model.buckets.find((x) => x.display === `Stack/${bucket}`);
    if (!b) throw new Error(`no bucket ${bucket}: ${model.buckets.map((x) => x.display).join(', ')}`);
    return reach.rolesOn(b).map((r) => r.display.replace(/^Stack\//, '').replace(/\/ServiceRole$/, ''));
  };
}

/** Roles and buckets in every relation the reach distinguishes. */
function mixedApp(stack: Stack): void {
  const granted = new s3.Bucket(stack, 'Granted');
  const named = new s3.Bucket(stack, 'NamedInPolicy');
  const account = new s3.Bucket(stack, 'AccountInPolicy');
  const anyone = new s3.Bucket(stack, 'AnyoneInPolicy');
  const denyOnly = new s3.Bucket(stack, 'DenyOnly', { enforceSSL: true });
  const prefixed = new s3.Bucket(stack, 'Prefixed', { bucketName: 'team-logs' });

  const grantee = writerFunction(stack, 'Grantee');
  granted.grantPut(grantee);
  const everything = writerFunction(stack, 'Everything');
  everything.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
  const byPattern = writerFunction(stack, 'ByPattern');
  byPattern.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::team-*/*'] }));
  const namedRole = writerFunction(stack, 'Named');
  named.addToResourcePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [named.arnForObjects('*')], principals: [namedRole.role!] }));
  writerFunction(stack, 'Nothing');
  account.addToResourcePolicy(new iam.PolicyStatement({
    actions: ['s3:PutObject'], resources: [account.arnForObjects('*')], principals: [new iam.AccountRootPrincipal()],
  }));
  anyone.addToResourcePolicy(new iam.PolicyStatement({
    actions: ['s3:PutObject'],
    resources: [anyone.arnForObjects('*')],
    principals: [new iam.AnyPrincipal()],
    conditions: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
  }));
  denyOnly.grantRead(grantee);
  void prefixed;
}

describe('which roles some Allow may let act on a bucket', () => {
  const model = app(mixedApp);
  const rolesOn = reachOf(model);

  test('an identity grant naming the bucket; a wildcard resource reaches every bucket', () => {
    expect(rolesOn('Granted')).toEqual(['Grantee', 'Everything', 'ByPattern']);
  });

  test('a role the bucket policy names by ARN is reached there, and only there', () => {
    expect(rolesOn('NamedInPolicy')).toEqual(['Everything', 'ByPattern', 'Named']);
    expect(rolesOn('Granted')).not.toContain('Named');
  });

  test('an account or `*` in a bucket-policy Allow may be any role: every role is probed', () => {
    expect(rolesOn('AccountInPolicy')).toEqual(['Grantee', 'Everything', 'ByPattern', 'Named', 'Nothing']);
    expect(rolesOn('AnyoneInPolicy')).toEqual(['Grantee', 'Everything', 'ByPattern', 'Named', 'Nothing']);
  });

  test('a bucket policy with only Denies grants nobody; a read grant is still a grant to probe', () => {
    expect(rolesOn('DenyOnly')).toEqual(['Grantee', 'Everything', 'ByPattern']);
  });

  test('a pattern in the bucket name (`team-*`) is not a fixed name: that role is probed everywhere', () => {
    expect(rolesOn('Prefixed')).toEqual(['Everything', 'ByPattern']);
  });

  test('a role with no S3 grant at all is probed only where a bucket policy may name it', () => {
    const buckets = model.buckets.filter((b) => !b.external).map((b) => b.display.replace(/^Stack\//, ''));
    expect(buckets.filter((b) => rolesOn(b).includes('Nothing'))).toEqual(['AccountInPolicy', 'AnyoneInPolicy']);
  });
});

test('asked from the role\'s side (its buckets) or the bucket\'s side (its roles), the pairs are the same', () => {
  const model = app(mixedApp);
  const reach = new GrantReach(model, new PolicyRegistry());
  const own = model.buckets.filter((b) => !b.external);
  const fromBuckets = own.flatMap((b) => reach.rolesOn(b).map((r) => `${r.display} → ${b.display}`)).sort();
  const fromRoles = model.roles.filter((r) => !r.external).flatMap((r) => reach.bucketsOf(r).map((b) => `${r.display} → ${b.display}`)).sort();
  expect(fromRoles).toEqual(fromBuckets);
  expect(fromRoles.length).toBeLessThan(own.length * 5);
});

describe('pruning loses nothing', () => {
  test('the report equals the one that probes every role on every bucket', () => {
    const model = app(mixedApp);
    const pruned = analyzeLeastPrivilege(model, {});
    const exhaustive = analyzeLeastPrivilege(model, {}, undefined, { probeEveryPair: true });
    expect(pruned).toEqual(exhaustive);
    // And it says something: the wildcard role's excess on buckets it has no write to, the policy principals as writers.
    const everything = pruned.roles.find((r) => r.role === 'Stack/Everything/ServiceRole');
    expect(everything?.excess.some((e) => e.kind === 'any-bucket')).toBe(true);
    expect(pruned.writers.find((w) => w.bucket === 'Stack/NamedInPolicy')?.writers.map((w) => w.principal)).toContain('Stack/Named/ServiceRole');
  });
});
