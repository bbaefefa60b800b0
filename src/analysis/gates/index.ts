/**
 * The S3 and network gates. Each gate module exports a pure check over plain, resolved inputs (`checkAcl`,
 * `checkObjectLock`, `checkOtherBucketFeatures`, `checkAccessPoint`, `decideNetworkPath`, `bucketAbacContext`),
 * which returns GateOutcome[] (or a result carrying them), never reads CloudFormation itself and never throws; and,
 * for the analysis, a `Gate` (gate.ts: one name, one signature `(context) => StepOutcome[]`) registered in
 * decide/gates.ts, the one list decideIntent runs. The network path and ABAC checks are also context providers: their
 * results go into the request context every IAM step evaluates (decide/intent-context.ts).
 *
 * The bucket a gate reads is `{ location, type, settings }` (gates/bucket.ts): its settings parsed once by the model
 * (model/bucket-settings.ts), `type` undefined for a bucket outside the app. Outcomes merge with `worst()`
 * (step-outcome.ts): deny > unknown > conditional > pass.
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
