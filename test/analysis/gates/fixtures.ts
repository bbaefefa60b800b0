import { BucketResource, GateOutcome } from '../../../src/analysis/gates';
import { parseBucketSettings } from '../../../src/analysis/model/bucket-settings';
import { atom } from '../../../src/iam/symbolic';

/** A bucket of the app with the given Properties. */
export function appBucket(properties: Record<string, unknown> = {}, location = 'Stack/Bucket/Resource'): BucketResource {
  return { location, type: 'AWS::S3::Bucket', settings: parseBucketSettings(location, properties) };
}

/** A bucket outside the app (imported by name). */
export function importedBucket(location = 'imported-bucket'): BucketResource {
  return { location };
}

/** An unresolvable value, as the analysis's resolver hands it over. */
export const OPAQUE = atom('opaque', 'Stack/Param');

export function results(outcomes: readonly GateOutcome[]): string[] {
  return outcomes.map((o) => `${o.result}:${o.code}`);
}

/** Every deny and conditional carries a fix; every outcome names something. */
export function expectWellFormed(outcomes: readonly GateOutcome[]): void {
  for (const o of outcomes) {
    expect(o.reason.length).toBeGreaterThan(10);
    if (o.result === 'deny' || o.result === 'conditional') expect(o.fix).toBeTruthy();
  }
}
