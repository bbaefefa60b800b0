/**
 * The S3 and network gates: pure functions over plain, resolved inputs. Each returns GateOutcome[] (or a result
 * carrying them) for the analysis to merge into the finding of one write intent, the worst result winning
 * (`worst` in step-outcome.ts). None reads CloudFormation itself, none throws.
 *
 * How the analysis calls them, per intent (function F, role R, bucket B, key pattern K, request profile P):
 * - `impliedActions(P)`: evaluate each action besides s3:PutObject with the IAM evaluator; a non-allow of a
 *   `required` action is a cause with the action's code, of an optional one a note.
 * - `checkAcl({ request: P, bucket, bucketAccount, accountBlockPublicAccess: env.accountBlockPublicAccess })`.
 * - `checkObjectLock({ request: P, bucket })`.
 * - `bucketAbacContext({ bucket, policies })`: add `.context` to the S3 request context; attach each of
 *   `.notes` to the cause whose location and statement it names.
 * - `decideNetworkPath({ functionLocation, vpcConfig, resources, bucketRegion })`: add `.context`, delete
 *   `.absentKeys`, evaluate each of `.endpoints`' policy as the `vpce` layer (undefined document = allow all);
 *   for path 'mixed', evaluate each of `.subnets` on its own and keep the worst. A subnet path with `requires`
 *   (an interface endpoint's own DNS name, S3's dual-stack endpoint) is evaluated as if the code opts in; its
 *   outcome is CONDITIONAL on that.
 * - `checkAccessPoint({ accessPoint: P.accessPoint, accessPoints, bucket, keyPattern: K, region, account,
 *   network, acl: P.acl })` when P names an access point: run the IAM evaluator once per `.authorizations` entry
 *   (the access point policy, then the bucket policy) with its resource, account and extra context.
 * - `checkOtherBucketFeatures({ request: P, bucket, bucketName, sameAccount, bucketRequesterPays })`, the last from
 *   `env.requesterPaysBuckets[bucket name]` (not given: assumed off, with a note for a cross-account bucket).
 *
 * `bucket` is always `{ location, type, properties }` of the bucket's resource (`type` undefined for a bucket
 * outside the app).
 */
export * from './gate';
export * from './bucket';
export * from './request';
export * from './acl';
export * from './object-lock';
export * from './bucket-abac';
export * from './network-path';
export { NetworkIndex } from './network-resources';
export * from './access-point';
export * from './other-bucket-features';
