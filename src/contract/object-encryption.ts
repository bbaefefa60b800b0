/**
 * The server-side encryption of the objects a write creates, named once for both products: the checker's
 * `WriteRequestProfile.encryption` (what the code's requests send) and the writer's `encryption` (what the writer
 * configures and tells its function to send). Each value is the `x-amz-server-side-encryption` header value it
 * stands for ("Specifying server-side encryption with Amazon S3 managed keys (SSE-S3)",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/specifying-s3-encryption.html; "Specifying server-side
 * encryption with AWS KMS (SSE-KMS)", https://docs.aws.amazon.com/AmazonS3/latest/userguide/specifying-kms-encryption.html;
 * "Using dual-layer server-side encryption with AWS KMS keys (DSSE-KMS)",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingDSSEncryption.html), so the recorded intent and the
 * function's environment carry the header value itself. `NONE` is the one value that is not a header: no header is sent.
 */
export enum ObjectEncryption {
  /**
   * No `x-amz-server-side-encryption` header: the bucket's default encryption still applies, but a bucket policy
   * that demands the header denies. Only a declared write (`expectWrite`) can say this; the writer always sends one.
   */
  NONE = 'NONE',
  /** `AES256`: SSE-S3, keys managed by S3. No KMS permission is needed. */
  S3_MANAGED = 'AES256',
  /**
   * `aws:kms`: SSE-KMS. For the writer, with a customer managed key: `encryptionKey` if given, else the existing
   * bucket's key, else a new key (rotation on) for a new bucket.
   */
  KMS = 'aws:kms',
  /** `aws:kms:dsse`: dual-layer SSE-KMS. Only a declared write (`expectWrite`) can say this; the writer does not write it. */
  KMS_DSSE = 'aws:kms:dsse',
}
