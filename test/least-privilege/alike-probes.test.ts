import { Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { assemblyOf, excessLines, pathApp, roleOf } from './support/lp';
import { buildAssemblyIndex } from '../../src/analysis/cfn/assembly-index';
import { analyzeLeastPrivilege, LeastPrivilegeReport } from '../../src/analysis/least-privilege';
import { AlikeProbes } from '../../src/analysis/least-privilege/alike-probes';
import { ProbeGrant } from '../../src/analysis/least-privilege/probe';
import { buildModel } from '../../src/analysis/model/build-model';
import { PolicyRegistry } from '../../src/analysis/model/policy-registry';
import { PolicyDoc, RoleModel } from '../../src/analysis/model/types';
import { evaluationCounters } from '../../src/iam/evaluate/counters';
import { AuthorizationRequest, PolicySet } from '../../src/iam/model';
import { stackIn, writerFunction } from '../support/harness';

/**
 * Roles whose policies have the same content, position for position, are probed once (alike-probes.ts): the report
 * must be the one that decides every role's probes itself. The app below holds roles that are alike in their policies
 * but not in what the policies read: their tags, their ARN where a bucket policy names it, a policy variable in a
 * Resource, a boundary. Each pair's reports must differ where the roles do, and agree with the report decided role by
 * role.
 */

/** Twins: two functions whose roles get the same statements from `grant`. */
function twins(stack: Stack, name: string, grant: (fn: lambda.Function) => void): [lambda.Function, lambda.Function] {
  const pair: [lambda.Function, lambda.Function] = [writerFunction(stack, `${name}A`), writerFunction(stack, `${name}B`)];
  for (const fn of pair) grant(fn);
  return pair;
}

function alikeApp(stack: Stack): void {
  const shared = new s3.Bucket(stack, 'Shared');
  const other = new s3.Bucket(stack, 'Other');
  const named = new s3.Bucket(stack, 'Named');
  const byTeam = new s3.Bucket(stack, 'ByTeam', { bucketName: 'by-team' });

  // Alike in everything: grantPut on one bucket, grantReadWrite on another.
  twins(stack, 'Plain', (fn) => {
    shared.grantPut(fn);
    other.grantReadWrite(fn);
  });

  // The same statement, conditioned on a principal tag only one of the two roles carries.
  const [blue] = twins(stack, 'Tagged', (fn) => fn.addToRolePolicy(new iam.PolicyStatement({
    actions: ['s3:PutObject', 's3:DeleteObject'], resources: [shared.arnForObjects('*')], conditions: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
  })));
  Tags.of(blue.role!).add('team', 'blue');

  // The same grant, and a bucket policy that denies one of the two by its ARN.
  const [, denied] = twins(stack, 'Named', (fn) => named.grantReadWrite(fn));
  named.addToResourcePolicy(new iam.PolicyStatement({
    effect: iam.Effect.DENY, principals: [denied.role!], actions: ['s3:DeleteObject', 's3:PutObject'], resources: [named.arnForObjects('*')],
  }));

  // A policy variable in the Resource: each role's own prefix, by its tag.
  const [red, green] = twins(stack, 'Variable', (fn) => fn.addToRolePolicy(new iam.PolicyStatement({
    actions: ['s3:PutObject', 's3:GetObject'], resources: ['arn:aws:s3:::by-team/${aws:PrincipalTag/team}/*'],
  })));
  Tags.of(red.role!).add('team', 'red');
  Tags.of(green.role!).add('team', 'green');
  void byTeam;

  // The same grant, one role under a boundary that allows only the write.
  const [, bounded] = twins(stack, 'Bounded', (fn) => other.grantReadWrite(fn));
  iam.PermissionsBoundary.of(bounded.role!).apply(new iam.ManagedPolicy(stack, 'WriteOnly', {
    statements: [new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['*'] })],
  }));
}

function reports(): { shared: LeastPrivilegeReport; each: LeastPrivilegeReport; sharedRequests: number; eachRequests: number } {
  const app = pathApp();
  alikeApp(stackIn(app, 'Stack'));
  const model = buildModel(buildAssemblyIndex(assemblyOf(app)), {});
  evaluationCounters.requests = 0;
  const shared = analyzeLeastPrivilege(model, {});
  const sharedRequests = evaluationCounters.requests;
  evaluationCounters.requests = 0;
  const each = analyzeLeastPrivilege(model, {}, undefined, { decideEachRole: true });
  return { shared, each, sharedRequests, eachRequests: evaluationCounters.requests };
}

describe('roles alike are probed once, and the report is the one decided role by role', () => {
  const { shared, each, sharedRequests, eachRequests } = reports();
  const lines = (report: LeastPrivilegeReport, role: string) => excessLines(roleOf(report, `Stack/${role}/ServiceRole`));
  const writersOf = (report: LeastPrivilegeReport, bucket: string) =>
    report.writers.find((w) => w.bucket === `Stack/${bucket}`)?.writers.map((w) => `${w.principal} ${w.prefixes.join(',')}`).sort();

  test('the same report, entry for entry (statements named in each role\'s own policies)', () => {
    expect(shared).toEqual(each);
    expect(sharedRequests).toBeLessThan(eachRequests);
  });

  test('roles alike in everything: the same excess, each traced to its own policy', () => {
    expect(lines(shared, 'PlainA')).toEqual(lines(shared, 'PlainB'));
    expect(lines(shared, 'PlainA')).toContain('not-needed s3:DeleteObject Stack/Other');
    const locations = (role: string) => roleOf(shared, `Stack/${role}/ServiceRole`).excess.map((e) => e.location);
    expect(locations('PlainB').every((l) => l.startsWith('Stack/PlainB/'))).toBe(true);
  });

  test('a principal tag: the tagged role can delete on the bucket, the other only with the tag', () => {
    const deletes = (role: string) => roleOf(shared, `Stack/${role}/ServiceRole`).excess.filter((e) => e.actions.includes('s3:DeleteObject'))
      .map((e) => `${e.kind} ${e.condition ?? 'always'}`);
    expect(deletes('TaggedA')).toEqual(['not-needed always']);
    expect(deletes('TaggedB')).toEqual(['no-intent StringEquals aws:PrincipalTag/team = blue']);
  });

  test('a bucket policy naming one role: the other is a writer, it is not', () => {
    expect(writersOf(shared, 'Named')).toContain('Stack/NamedA/ServiceRole *');
    expect(writersOf(shared, 'Named')?.join(' ')).not.toContain('Stack/NamedB/ServiceRole');
    expect(lines(shared, 'NamedA')).toContain('not-needed s3:DeleteObject Stack/Named');
    expect(lines(shared, 'NamedB')).not.toContain('not-needed s3:DeleteObject Stack/Named');
  });

  test('a boundary: the bounded role keeps only what it allows', () => {
    expect(lines(shared, 'BoundedA')).toContain('not-needed s3:DeleteObject Stack/Other');
    expect(lines(shared, 'BoundedB')).not.toContain('not-needed s3:DeleteObject Stack/Other');
  });

  test('a policy variable in the Resource: each role writes under its own prefix', () => {
    expect(writersOf(shared, 'ByTeam')).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Stack\/VariableA\/ServiceRole .*red/), expect.stringMatching(/^Stack\/VariableB\/ServiceRole .*green/),
    ]));
  });
});

describe('a grant is renamed into the twin\'s policy at the same place', () => {
  // Policy ids where one is the start of another (the CDK's OverflowPolicy1 and OverflowPolicy10): the grant of the
  // second must be named by the second policy of the twin, not the first with the rest of the id appended.
  const doc = (id: string, sid: string): PolicyDoc => ({
    id,
    document: { Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' }] },
    source: { description: id, location: id },
  });
  const role = (ids: [string, string]) => ({ identity: [doc(ids[0], 'One'), doc(ids[1], 'Two')] }) as unknown as RoleModel;
  const first = role(['A/Policy', 'A/Policy10']);
  const twin = role(['B/First', 'B/Second']);
  const registry = new PolicyRegistry();
  const setOf = (r: RoleModel): PolicySet => ({ identity: r.identity.map((d) => registry.policy(d)) });
  const request: AuthorizationRequest = {
    principal: { kind: 'AssumedRole', arn: 'arn:aws:sts::111111111111:assumed-role/R/s', account: '111111111111' },
    action: 's3:PutObject',
    resource: 'arn:aws:s3:::b/k',
    resourceAccount: '111111111111',
    context: {},
  };

  test('the first role\'s answer names A/Policy10; its twin\'s names B/Second', () => {
    const alike = new AlikeProbes([first, twin], registry);
    const granted: ProbeGrant = { grantedBy: [{ layer: 'identity', policyId: 'A/Policy10', index: 0, sid: 'Two' }] };
    expect(alike.grant(first, { request, policies: setOf(first) }, () => granted)).toBe(granted);
    const shared = alike.grant(twin, { request, policies: setOf(twin) }, () => {
      throw new Error('decided again: the twin should get the first role\'s answer');
    });
    expect(shared?.grantedBy.map((r) => r.policyId)).toEqual(['B/Second']);
  });
});
