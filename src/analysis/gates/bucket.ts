/**
 * The bucket as the gates see it: its location, its CloudFormation type and its settings as the model parsed them
 * (model/bucket-settings.ts), nothing more.
 */
import { BucketSettings, parseBucketSettings } from '../model/bucket-settings';
import { BucketModel } from '../model/types';

export const DIRECTORY_BUCKET_TYPE = 'AWS::S3Express::DirectoryBucket';

export interface BucketResource {
  /**
   * Construct path of the bucket's resource (or `Stack/LogicalId`); for a bucket outside the app, its literal
   * name or ARN. Every message names it.
   */
  readonly location: string;
  /**
   * CloudFormation type of the bucket's resource: `AWS::S3::Bucket` or `AWS::S3Express::DirectoryBucket`.
   * @default undefined — the bucket is not a resource of the app (imported): its settings are unknown
   */
  readonly type?: string;
  /**
   * The bucket's settings, parsed once by the model from its resolved Properties.
   * @default the settings of a bucket whose template sets none (S3's defaults)
   */
  readonly settings?: BucketSettings;
}

export function isInApp(bucket: BucketResource): boolean {
  return typeof bucket.type === 'string';
}

/** The parsed settings of a bucket of the app. */
export function settingsOf(bucket: BucketResource): BucketSettings {
  return bucket.settings ?? parseBucketSettings(bucket.location, {});
}

/** A bucket of the model as the gates see it. */
export function bucketResource(bucket: BucketModel): BucketResource {
  return { location: bucket.display, type: bucket.entry?.type, settings: bucket.settings };
}
