import { globMatch } from '../../iam/match/glob';
import { BucketResource, checkAcl, checkObjectLock, checkOtherBucketFeatures, GateOutcome } from '../gates';
import { AnalysisEnvironment } from '../input';
import { RecordedRequestProfile } from '../intent';
import { StepOutcome } from '../step-outcome';
import { BucketModel, RoleModel } from '../model/types';

/**
 * THE place where the S3 gates (gates/: ACLs and Object Ownership, Block Public Access, Object Lock, SSE-C and
 * Requester Pays…) join the IAM decision. Each gate's outcomes become step outcomes; the finding then takes the
 * worst of everything (deny > unknown > conditional > pass). The network path and ABAC gates feed the request
 * context instead, in decide-intent.ts.
 */
export function bucketGateOutcomes(role: RoleModel, bucket: BucketModel, profile: RecordedRequestProfile,
  environment: AnalysisEnvironment): StepOutcome[] {
  const resource = bucketResource(bucket);
  const outcomes: GateOutcome[] = [
    ...checkAcl({
      request: profile, bucket: resource, bucketAccount: bucket.account, accountBlockPublicAccess: environment.accountBlockPublicAccess,
    }),
    ...checkObjectLock({ request: profile, bucket: resource }),
    ...checkOtherBucketFeatures({
      request: profile,
      bucket: resource,
      bucketName: bucket.name,
      sameAccount: globMatch(role.account, bucket.account, { wildcards: false }),
      bucketRequesterPays: requesterPaysSetting(bucket, environment),
    }),
  ];
  return outcomes.map(fromGate);
}

/** `requesterPaysBuckets[name]` (a boolean, or "true"/"false" from a command line); undefined when not stated. */
export function requesterPaysSetting(bucket: Pick<BucketModel, 'name'>, environment: AnalysisEnvironment): boolean | undefined {
  const given = environment.requesterPaysBuckets;
  if (!given || !Object.prototype.hasOwnProperty.call(given, bucket.name)) return undefined;
  const value: unknown = given[bucket.name];
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return undefined;
}

export function bucketResource(bucket: BucketModel): BucketResource {
  return { location: bucket.display, type: bucket.entry?.type, properties: bucket.properties };
}

export function fromGate(gate: GateOutcome): StepOutcome {
  if (gate.result === 'pass') return { result: 'pass', notes: [gate.reason] };
  return { result: gate.result, cause: { code: gate.code, message: gate.reason, location: gate.location }, fix: gate.fix };
}
