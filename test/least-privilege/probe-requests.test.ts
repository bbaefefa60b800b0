import * as s3 from 'aws-cdk-lib/aws-s3';
import { assemblyOf, pathApp } from './support/lp';
import { buildAssemblyIndex } from '../../src/analysis/cfn/assembly-index';
import { ProbeRequests } from '../../src/analysis/least-privilege/probe-requests';
import { buildModel } from '../../src/analysis/model/build-model';
import { AppModel, BucketModel } from '../../src/analysis/model/types';
import { buildS3Request } from '../../src/analysis/request/s3-request';
import { stackIn, writerFunction } from '../support/harness';

/**
 * The least-privilege probes share one request context across the buckets a role is probed on
 * (src/analysis/least-privilege/probe-requests.ts). Sharing must change nothing: each shared request equals the one
 * built for its bucket alone, and a bucket whose account, ownership or region differs, or policies reading other
 * keys, get their own context.
 */

const ENV = { analysisTime: '2026-12-05T00:00:00Z' };

function twoBucketApp(): AppModel {
  const app = pathApp();
  const stack = stackIn(app, 'Stack');
  const fn = writerFunction(stack, 'Fn');
  for (const id of ['One', 'Two']) new s3.Bucket(stack, id).grantPut(fn);
  return buildModel(buildAssemblyIndex(assemblyOf(app)), ENV);
}

function alone(model: AppModel, bucket: BucketModel, key: string, keysRead: readonly string[]) {
  const fn = model.functions[0];
  return buildS3Request({
    fn, role: fn.role!, bucket, key, profile: {}, profileExact: false, requestTagKeysInPolicies: [], keysRead, environment: ENV,
  });
}

describe('the probes\' requests share their context across buckets alike', () => {
  const model = twoBucketApp();
  const fn = model.functions[0];
  const bucket = (id: string) => model.buckets.find((b) => b.display === `Stack/${id}`)!;
  const keys = ['aws:SecureTransport', 's3:x-amz-acl'];

  test('two buckets of one account and region: one context object, each request the one built for its bucket alone', () => {
    const requests = new ProbeRequests(ENV);
    const one = requests.s3(fn, fn.role!, bucket('One'), 'a.txt', keys);
    const two = requests.s3(fn, fn.role!, bucket('Two'), 'b.txt', keys);
    expect(two.context).toBe(one.context);
    expect(one.resource).toBe(`${bucket('One').arn}/a.txt`);
    expect(two.resource).toBe(`${bucket('Two').arn}/b.txt`);
    expect(one).toEqual(alone(model, bucket('One'), 'a.txt', keys));
    expect(two).toEqual(alone(model, bucket('Two'), 'b.txt', keys));
  });

  test('another account, another region, a bucket outside the app, or other keys read: a context of its own, still the one built alone', () => {
    const requests = new ProbeRequests(ENV);
    const base = requests.s3(fn, fn.role!, bucket('One'), 'k', keys);
    const variants: [BucketModel, readonly string[]][] = [
      [{ ...bucket('Two'), account: '222222222222' }, keys],
      [{ ...bucket('Two'), region: 'ap-south-1' }, keys],
      [{ ...bucket('Two'), external: true }, keys],
      [bucket('Two'), ['aws:SecureTransport', 's3:RequestObjectTag/team']],
    ];
    for (const [other, read] of variants) {
      const request = requests.s3(fn, fn.role!, other, 'k', read);
      expect(request.context).not.toBe(base.context);
      expect(request).toEqual({
        ...alone(model, other, 'k', read),
        // The probes leave open the request tags the policies test.
        context: buildS3Request({
          fn,
          role: fn.role!,
          bucket: other,
          key: 'k',
          profile: {},
          profileExact: false,
          keysRead: read,
          environment: ENV,
          requestTagKeysInPolicies: read.filter((k) => k.startsWith('s3:RequestObjectTag/')),
        }).context,
      });
    }
    expect(requests.s3(fn, fn.role!, { ...bucket('Two'), account: '222222222222' }, 'k', keys).context['s3:ResourceAccount']).toBe('222222222222');
  });
});
