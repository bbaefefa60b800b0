import { RecordedRequestProfile } from '../../contract/intent';
import { BucketModel, FunctionModel, PolicySource } from '../model/types';
import { IntentSource } from '../report';

/** A write intent ready to judge: (function, bucket, key pattern, request profile). */
export interface WriteIntent {
  readonly source: IntentSource;
  readonly fn: FunctionModel;
  /** Undefined when the recorded bucket reference could not be found (`problem` says why). */
  readonly bucket?: BucketModel;
  /** What the intent calls the bucket, for the finding when `bucket` is undefined. */
  readonly bucketLabel: string;
  /** IAM-style pattern of the keys written: `incoming/*`. */
  readonly keyPattern: string;
  /**
   * The pattern the requests are built from, when it differs from `keyPattern`: an inferred grant whose resource
   * holds a policy variable of unknown value keeps it as written in `keyPattern` (for the finding) and puts an
   * opaque value in its place here.
   */
  readonly requestKeyPattern?: string;
  /** How the intent was read (policy variables resolved…), for the finding's notes. */
  readonly notes?: readonly string[];
  readonly profile: RecordedRequestProfile;
  /**
   * True when the profile is exactly what the code sends (declared/construct intents). For inferred intents it
   * is false: headers the profile does not mention may or may not be sent, which makes answers that hinge on
   * them CONDITIONAL instead of DENY.
   */
  readonly profileExact: boolean;
  /** A reason the intent cannot be judged (malformed metadata, unknown bucket, an unreadable grant). */
  readonly problem?: string;
  /** Where the problem is, when it is in a policy (the finding's cause points there rather than at the function). */
  readonly problemSource?: PolicySource;
  readonly writer?: string;
}
