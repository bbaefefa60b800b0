import { accessPointGate } from './access-point-step';
import type { IntentContext } from './intent-context';
import { kmsGate } from './kms-step';
import { impliedActionsGate, putObjectGate } from './s3-step';
import { aclGate, Gate, networkGate, objectLockGate, otherBucketFeaturesGate } from '../gates';

/**
 * THE registry: every check of a write intent, in the order the analysis runs them. Each is one `Gate` (one
 * signature: the intent's context in, step outcomes out); the finding takes the worst of all their outcomes
 * (deny > unknown > conditional > pass). A new gate is one file exporting a `Gate` and one line here. The order is
 * the order of the finding's causes and notes.
 */
export const GATES: readonly Gate<IntentContext>[] = [
  accessPointGate, //           the access point's own authorization and settings (decide/access-point-step.ts)
  putObjectGate, //             s3:PutObject, per network path (decide/s3-step.ts)
  impliedActionsGate, //        s3:PutObjectAcl, …Tagging, …Retention, …LegalHold, AbortMultipartUpload (decide/s3-step.ts)
  kmsGate, //                   kms:GenerateDataKey (and Decrypt) for SSE-KMS (decide/kms-step.ts)
  aclGate, //                   canned ACL against Object Ownership and Block Public Access (gates/acl.ts)
  objectLockGate, //            Object Lock headers (gates/object-lock.ts)
  otherBucketFeaturesGate, //   SSE-C, Requester Pays, directory buckets (gates/other-bucket-features.ts)
  networkGate, //               the network path to S3 (gates/network-path.ts)
];

