import * as s3 from 'aws-cdk-lib/aws-s3';
import { SecureLambdaWriterProps, ObjectEncryption, CannedAcl } from '../../../src';

/** The option combinations the self-checks cover: every encryption × every tag mode × four flag patterns that set
 * each flag both on and off, and each pair of flags together. */
const ENCRYPTIONS: Array<[string, Partial<SecureLambdaWriterProps>]> = [
  ['SSE-S3', {}],
  ['SSE-KMS with Bucket Key', { encryption: ObjectEncryption.KMS }],
  ['SSE-KMS without Bucket Key', { encryption: ObjectEncryption.KMS, bucketKeyEnabled: false }],
];
const TAGS: Array<[string, Partial<SecureLambdaWriterProps>]> = [
  ['no tags', {}],
  ['required tags', { objectTags: { team: 'blue', env: 'prod' } }],
  ['ABAC principal tags', { objectTags: { team: 'blue', env: 'prod' }, principalTagKeys: ['team'] }],
];
const RETENTION = { objectLockMode: s3.ObjectLockMode.GOVERNANCE, objectLockRetentionDays: 30 };
const FLAGS: Array<[string, Partial<SecureLambdaWriterProps>]> = [
  ['no flags', {}],
  ['all flags', {
    acl: CannedAcl.BUCKET_OWNER_FULL_CONTROL,
    multipart: true,
    enforceEncryptionHeader: true,
    restrictPrefixToThisWriter: true,
    ...RETENTION,
    objectLockLegalHold: true,
  }],
  ['acl + header + retention', { acl: CannedAcl.BUCKET_OWNER_FULL_CONTROL, enforceEncryptionHeader: true, ...RETENTION }],
  ['multipart + restrict + legal hold', { multipart: true, restrictPrefixToThisWriter: true, objectLockLegalHold: true }],
];

export interface Combination {
  readonly name: string;
  readonly props: Partial<SecureLambdaWriterProps>;
}

export const COMBINATIONS: Combination[] = ENCRYPTIONS.flatMap(([e, ep]) => TAGS.flatMap(([t, tp]) => FLAGS.map(([f, fp]) =>
  ({ name: `${e}, ${t}, ${f}`, props: { keyPrefix: 'incoming/', ...ep, ...tp, ...fp } }))));
