import { functionProps, newStack, synthWriter } from './support/fixtures';
import { ObjectEncryption, SecureLambdaWriter } from '../../src';

// The writer takes the one public encryption enum the checker takes too (ObjectEncryption), but writes only what it
// can honour: S3_MANAGED or KMS. The other members fail at construction, naming `encryption` and the fix.

function construct(encryption: unknown): () => SecureLambdaWriter {
  return () => {
    const { stack } = newStack();
    return new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), encryption: encryption as ObjectEncryption });
  };
}

/** The error `construct` throws, or undefined. */
function errorOf(build: () => unknown): (Error & { prop?: string }) | undefined {
  try {
    build();
    return undefined;
  } catch (e) {
    return e as Error & { prop?: string };
  }
}

describe('SecureLambdaWriter refuses the ObjectEncryption members it cannot honour', () => {
  test.each([
    ['NONE', ObjectEncryption.NONE, /encryption: NONE cannot be honoured.*Fix: use ObjectEncryption\.S3_MANAGED or ObjectEncryption\.KMS/],
    ['KMS_DSSE', ObjectEncryption.KMS_DSSE, /encryption: KMS_DSSE .*not supported by the writer.*Fix: use ObjectEncryption\.KMS/],
    // A JavaScript caller of 0.x passing the old WriterEncryption value is told, not silently given KMS.
    ['the old string S3_MANAGED', 'S3_MANAGED', /encryption: 'S3_MANAGED' is not an ObjectEncryption member.*Fix: use ObjectEncryption\.S3_MANAGED/],
    ['an unknown string', 'kms', /encryption: 'kms' is not an ObjectEncryption member/],
  ])('%s: WriterPropError on encryption, naming the fix', (_name, encryption, message) => {
    const error = errorOf(construct(encryption));
    expect(error?.name).toBe('WriterPropError');
    expect(error?.prop).toBe('encryption');
    expect(error?.message).toMatch(/^Stack\/Writer: /);
    expect(error?.message).toMatch(message);
  });

  test.each([
    ['S3_MANAGED', ObjectEncryption.S3_MANAGED, 'AES256'],
    ['KMS', ObjectEncryption.KMS, 'aws:kms'],
    ['unset (S3_MANAGED for a new bucket without a key)', undefined, 'AES256'],
  ])('twin: %s constructs, and the function is told the header value %s', (_name, encryption, header) => {
    const { writer } = synthWriter(encryption === undefined ? {} : { encryption });
    // The runtime contract is the header value itself, as before the enums were merged.
    expect(writer.environment.WRITER_SSE).toBe(header);
  });
});
