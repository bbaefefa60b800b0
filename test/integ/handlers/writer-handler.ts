import { buildPutObjectInput } from '../../../src/runtime/put-object-input';

/**
 * The Lambda handler of every integ app: it writes one object exactly as a SecureLambdaWriter's function should,
 * with the input `buildPutObjectInput` builds from the environment the construct set.
 *
 * It is bundled at synth time into the function's inline code, together with the runtime helper's own source
 * (see ../support/inline-bundle.ts), so the deployed code is the package's helper, not a copy that could drift.
 * `@aws-sdk/client-s3` is not a dependency of this project: the Lambda Node.js runtime provides it, and the bundle
 * passes it in, which also lets the tests run the bundle against a recording fake.
 */

/** One write: the key under the writer's prefix, the body, and whether to upload it in parts. */
export interface WriteEvent {
  readonly key: string;
  readonly body?: string;
  readonly multipart?: boolean;
}

/** A command object as `@aws-sdk/client-s3` builds it: the input is kept on `.input`. */
type CommandClass = new (input: Record<string, unknown>) => unknown;

/** The few exports of `@aws-sdk/client-s3` the handler uses. */
export interface S3Sdk {
  readonly S3Client: new (config: Record<string, unknown>) => { send(command: unknown): Promise<any> };
  readonly PutObjectCommand: CommandClass;
  readonly CreateMultipartUploadCommand: CommandClass;
  readonly UploadPartCommand: CommandClass;
  readonly CompleteMultipartUploadCommand: CommandClass;
  readonly AbortMultipartUploadCommand: CommandClass;
}

/** S3's minimum size of every part but the last. https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

/** The handler returns the full key it wrote, which the integ assertion compares with the expected one. */
export function createHandler(sdk: S3Sdk): (event: WriteEvent) => Promise<string> {
  const client = new sdk.S3Client({});
  return async (event) => {
    const input = buildPutObjectInput(event.key);
    const body = event.body ?? 'written by a SecureLambdaWriter integ test';
    if (event.multipart) {
      await uploadInParts(sdk, client, { ...input }, body);
    } else {
      await client.send(new sdk.PutObjectCommand({ ...input, Body: body }));
    }
    return input.Key;
  };
}

/**
 * The requests `@aws-sdk/lib-storage`'s `Upload` makes for a two-part body, spelled out with client-s3 commands
 * (the package the runtime is sure to have): CreateMultipartUpload carries the writer's headers (encryption, tags,
 * ACL), UploadPart needs `kms:Decrypt` with SSE-KMS, and a failure aborts the upload (`s3:AbortMultipartUpload`).
 */
async function uploadInParts(sdk: S3Sdk, client: { send(command: unknown): Promise<any> },
  input: Record<string, unknown>, lastPart: string): Promise<void> {
  const { UploadId } = await client.send(new sdk.CreateMultipartUploadCommand(input));
  const target = { Bucket: input.Bucket, Key: input.Key, UploadId };
  try {
    const bodies = [Buffer.alloc(MIN_PART_BYTES, 'a'), Buffer.from(lastPart)];
    const parts = [];
    for (const [index, Body] of bodies.entries()) {
      const PartNumber = index + 1;
      const { ETag } = await client.send(new sdk.UploadPartCommand({ ...target, PartNumber, Body }));
      parts.push({ ETag, PartNumber });
    }
    await client.send(new sdk.CompleteMultipartUploadCommand({ ...target, MultipartUpload: { Parts: parts } }));
  } catch (error) {
    await client.send(new sdk.AbortMultipartUploadCommand(target));
    throw error;
  }
}
