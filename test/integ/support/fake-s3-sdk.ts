import { S3Sdk, WriteEvent } from '../handlers/writer-handler';

/** A command the handler sent: its name (`PutObject`, `UploadPart`…) and input. */
export interface SentCommand {
  readonly name: string;
  readonly input: Record<string, any>;
}

/**
 * A stand-in for `@aws-sdk/client-s3` that records every command: commands keep their input on `.input`, as the
 * real ones do, and `send` answers with what the handler reads (UploadId, ETag). `failOn` makes one command reject.
 */
export function fakeS3Sdk(sent: SentCommand[], failOn?: string): S3Sdk {
  const command = (name: string) => class {
    public readonly name = name;
    constructor(public readonly input: Record<string, any>) {}
  };
  const answers: Record<string, Record<string, string>> = {
    CreateMultipartUpload: { UploadId: 'upload-1' },
    UploadPart: { ETag: '"part-etag"' },
  };
  return {
    S3Client: class {
      public async send(c: SentCommand): Promise<Record<string, string>> {
        sent.push({ name: c.name, input: c.input });
        if (c.name === failOn) throw new Error(`AccessDenied: ${c.name}`);
        return answers[c.name] ?? {};
      }
    },
    PutObjectCommand: command('PutObject'),
    CreateMultipartUploadCommand: command('CreateMultipartUpload'),
    UploadPartCommand: command('UploadPart'),
    CompleteMultipartUploadCommand: command('CompleteMultipartUpload'),
    AbortMultipartUploadCommand: command('AbortMultipartUpload'),
  };
}

/**
 * Load the inline code as Lambda would (a CommonJS `index.js`), with `require('@aws-sdk/client-s3')` answered by
 * the fake and `process.env` set to the function's environment. Returns its `handler` export.
 */
export function loadInlineHandler(code: string, sdk: S3Sdk, env: Record<string, string>): (event: WriteEvent) => Promise<unknown> {
  const exports: Record<string, any> = {};
  const requireInLambda = (id: string) => {
    if (id === '@aws-sdk/client-s3') return sdk;
    throw new Error(`the inline code requires '${id}', which the Lambda Node.js runtime does not provide`);
  };
  new Function('exports', 'require', 'process', code)(exports, requireInLambda, { env });
  return exports.handler;
}
