import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MIN_PART_BYTES } from './handlers/writer-handler';
import { fakeS3Sdk, loadInlineHandler, SentCommand } from './support/fake-s3-sdk';
import { bundleInline } from './support/inline-bundle';
import { writerHandlerBundle } from './support/writer-code';

// The integ functions' inline code, run as Lambda loads it (CommonJS, `@aws-sdk/client-s3` from the runtime)
// against a recording S3 client. integ-apps.test.ts runs it with each app's environment; this file covers the
// upload paths and the bundler itself.

const ENV = { WRITER_BUCKET_NAME: 'reports-bucket', WRITER_KEY_PREFIX: 'in/', WRITER_SSE: 'aws:kms', WRITER_KMS_KEY_ARN: 'arn:key' };

function run(env: Record<string, string>, failOn?: string) {
  const sent: SentCommand[] = [];
  const handler = loadInlineHandler(writerHandlerBundle().code, fakeS3Sdk(sent, failOn), env);
  return { sent, handler };
}

test('the bundle holds the handler and the runtime helper from src/runtime, and needs only @aws-sdk/client-s3', () => {
  const { code, modules } = writerHandlerBundle();
  expect(modules.sort()).toEqual([
    'src/runtime/environment-names', 'src/runtime/put-object-input', 'src/runtime/write-rules', 'test/integ/handlers/writer-handler',
  ]);
  expect(code).not.toMatch(/require\("\.{1,2}\//);
  expect([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['@aws-sdk/client-s3']);
});

test('multipart: CreateMultipartUpload carries the writer headers, a 5 MiB part and the rest, then Complete with both ETags', async () => {
  const { sent, handler } = run(ENV);
  await expect(handler({ key: 'a.bin', body: 'tail', multipart: true })).resolves.toBe('in/a.bin');
  const target = { Bucket: 'reports-bucket', Key: 'in/a.bin', UploadId: 'upload-1' };
  expect(sent[0]).toEqual({
    name: 'CreateMultipartUpload',
    input: { Bucket: 'reports-bucket', Key: 'in/a.bin', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'arn:key' },
  });
  expect(sent.slice(1, 3).map((c) => [c.name, c.input.PartNumber, c.input.Body.length, c.input.UploadId]))
    .toEqual([['UploadPart', 1, MIN_PART_BYTES, 'upload-1'], ['UploadPart', 2, 4, 'upload-1']]);
  expect(sent[3]).toEqual({
    name: 'CompleteMultipartUpload',
    input: { ...target, MultipartUpload: { Parts: [{ ETag: '"part-etag"', PartNumber: 1 }, { ETag: '"part-etag"', PartNumber: 2 }] } },
  });
  expect(sent).toHaveLength(4);
});

test('multipart: a failed part aborts the upload (s3:AbortMultipartUpload) and the invocation fails with the error', async () => {
  const { sent, handler } = run(ENV, 'UploadPart');
  await expect(handler({ key: 'a.bin', multipart: true })).rejects.toThrow('AccessDenied: UploadPart');
  expect(sent.map((c) => c.name)).toEqual(['CreateMultipartUpload', 'UploadPart', 'AbortMultipartUpload']);
  expect(sent[2].input).toEqual({ Bucket: 'reports-bucket', Key: 'in/a.bin', UploadId: 'upload-1' });
});

test('single PUT: a denied write fails the invocation, so the invoke assertion sees an error payload, not the key', async () => {
  const { sent, handler } = run(ENV, 'PutObject');
  await expect(handler({ key: 'a.txt' })).rejects.toThrow('AccessDenied: PutObject');
  expect(sent.map((c) => c.name)).toEqual(['PutObject']);
});

test('a function without the writer environment fails with the helper\'s message, before any request', async () => {
  const { sent, handler } = run({});
  await expect(handler({ key: 'a.txt' })).rejects.toThrow('WRITER_BUCKET_NAME is not set');
  expect(sent).toEqual([]);
});

describe('bundleInline', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slw-bundle-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('follows local imports once each (shared modules are not duplicated) and leaves package imports to the runtime', () => {
    fs.writeFileSync(path.join(dir, 'shared.ts'), 'export const base = 40;\n');
    fs.writeFileSync(path.join(dir, 'two.ts'), "import { base } from './shared';\nexport const two = base + 2;\n");
    fs.writeFileSync(path.join(dir, 'entry.ts'),
      "import { base } from './shared';\nimport { two } from './two';\nimport * as os from 'os';\nexport const answer = two + base * 0 + (os ? 0 : 1);\n");
    const { code, modules } = bundleInline(path.join(dir, 'entry.ts'), (load) => `exports.answer = ${load}.answer;`);
    expect(modules.map((m) => path.basename(m))).toEqual(['entry', 'shared', 'two']);
    const exports: Record<string, unknown> = {};
    new Function('exports', 'require', code)(exports, require);
    expect(exports.answer).toBe(42);
  });

  test('a local import that is not a .ts file of the repository fails the synth, naming it', () => {
    fs.writeFileSync(path.join(dir, 'entry.ts'), "import { x } from './missing';\nexport const y = x;\n");
    expect(() => bundleInline(path.join(dir, 'entry.ts'), () => '')).toThrow("imports './missing'");
  });
});
