import { Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { assemblyOf, findingsOf, leastPrivilegeOf, pathApp } from './support/lp';
import { TagReliance } from '../../src/analysis/least-privilege';
import { WriteAccessChecker } from '../../src/checker';
import { stackIn, writerFunction } from '../support/harness';

function analysed(build: (stack: Stack, fn: lambda.Function, bucket: s3.Bucket) => void) {
  const app = pathApp();
  const stack = stackIn(app, 'Stack');
  const fn = writerFunction(stack, 'Fn');
  build(stack, fn, new s3.Bucket(stack, 'Bucket'));
  const input = assemblyOf(app);
  const lp = leastPrivilegeOf(input);
  const tags: readonly TagReliance[] = lp.roles.find((r) => r.role === 'Stack/Fn/ServiceRole')!.intents[0].tags;
  return { tags, verdict: findingsOf(input).find((f) => f.function === 'Stack/Fn')!.verdict };
}

/** A grant for the role tagged team=blue, and the write declared (an inferred one needs the grant to apply). */
function teamGrant(fn: lambda.Function, bucket: s3.Bucket): void {
  fn.addToRolePolicy(new iam.PolicyStatement({
    actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')], conditions: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
  }));
  WriteAccessChecker.expectWrite(fn, bucket);
}

describe('tags each write relies on, and whether the role and the request carry them', () => {
  test('a principal tag the role carries: carried, with its value and the policy that reads it (ALLOW)', () => {
    const { tags, verdict } = analysed((_, fn, bucket) => {
      Tags.of(fn.role!).add('team', 'blue');
      teamGrant(fn, bucket);
    });
    expect(tags).toEqual([{ key: 'aws:PrincipalTag/team', on: 'principal', status: 'carried', value: 'blue', readBy: ['Stack/Fn/ServiceRole/DefaultPolicy'] }]);
    expect(verdict).toBe('ALLOW');
  });

  test('twin: the tag removed from the role is missing — and the verdict changes with it', () => {
    const { tags, verdict } = analysed((_, fn, bucket) => teamGrant(fn, bucket));
    expect(tags).toEqual([expect.objectContaining({ key: 'aws:PrincipalTag/team', status: 'missing' })]);
    expect(verdict).toBe('DENY');
  });

  test('a request tag the declared write sends (carried) and a bucket tag S3 does not put in the request without ABAC (missing)', () => {
    const { tags } = analysed((_, fn, bucket) => {
      Tags.of(bucket).add('env', 'prod');
      bucket.grantPut(fn);
      bucket.addToResourcePolicy(new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('*')],
        conditions: { StringNotEquals: { 's3:RequestObjectTag/project': 'x' } },
      }));
      fn.addToRolePolicy(new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('*')],
        conditions: { StringNotEquals: { 'aws:ResourceTag/env': 'prod' } },
      }));
      WriteAccessChecker.expectWrite(fn, bucket, { request: { objectTags: { project: 'x' } } });
    });
    expect(tags).toEqual(expect.arrayContaining([
      { key: 's3:RequestObjectTag/project', on: 'request', status: 'carried', value: 'x', readBy: ['Stack/Bucket/Policy'] },
      { key: 'aws:ResourceTag/env', on: 'resource', status: 'missing', readBy: ['Stack/Fn/ServiceRole/DefaultPolicy'] },
    ]));
  });

  test('no tag condition: nothing reported', () => {
    const { tags } = analysed((_, fn, bucket) => bucket.grantPut(fn));
    expect(tags).toEqual([]);
  });
});
