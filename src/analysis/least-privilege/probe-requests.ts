import { KeyedCache } from '../../iam/keyed-cache';
import { AuthorizationRequest } from '../../iam/model';
import { AnalysisEnvironment } from '../input';
import { BucketModel, FunctionModel, RoleModel } from '../model/types';
import { requestTagKeysIn } from '../request/policy-clauses';
import { buildS3Request, objectArn, S3_CONTEXT_BUCKET_FIELDS } from '../request/s3-request';

/**
 * The S3 requests of the least-privilege probes — any request the code could make: no header promised, each one
 * the policies test left open — with one context for every bucket on which it is the same. Of a bucket, a request's
 * context reads the fields `S3_CONTEXT_BUCKET_FIELDS` names, and of the policies the keys they test; a role
 * granted on B buckets of one account is probed on each, and with one context object the opened context (probe.ts)
 * and the evaluator's index of it (iam/context.ts) are made once, not B times.
 */
export class ProbeRequests {
  private readonly built = new KeyedCache<FunctionModel, AuthorizationRequest>();

  constructor(private readonly environment: AnalysisEnvironment) {}

  /** `s3:PutObject` of `fn` with `role` on object `key` of the bucket; `keysRead`: the keys the policy set tests. */
  public s3(fn: FunctionModel, role: RoleModel, bucket: BucketModel, key: string, keysRead: readonly string[]): AuthorizationRequest {
    const id = JSON.stringify([role.display, role.arn, S3_CONTEXT_BUCKET_FIELDS.map((field) => bucket[field]), keysRead]);
    const shared = this.built.get(fn, id, () => buildS3Request({
      fn,
      role,
      bucket,
      key,
      profile: {},
      profileExact: false,
      requestTagKeysInPolicies: requestTagKeysIn(keysRead),
      keysRead,
      environment: this.environment,
    }));
    return { ...shared, resource: objectArn(bucket, key) };
  }
}
