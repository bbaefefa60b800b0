import { SecureLambdaWriter, SecureLambdaWriterProps } from '../../src';
import { functionProps, newStack } from '../writer/support/fixtures';

// Issue #10, item 10: keyPrefix becomes `bucket/<prefix>*` in every policy and WRITER_KEY_PREFIX in the function.
// Anything that makes the prefix mean something else than it reads, or that S3 or a client would not keep as written,
// is a construction error naming keyPrefix. Callers from Python or Java (jsii), or TypeScript with `as any`, can pass
// any type, so the type is checked at run time too.

function construct(props: Partial<SecureLambdaWriterProps>): () => SecureLambdaWriter {
  return () => {
    const { app, stack } = newStack();
    const writer = new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), ...props });
    app.synth();
    return writer;
  };
}

const withPrefix = (keyPrefix: unknown) => construct({ keyPrefix: keyPrefix as string });

describe('issue #10 item 10: hostile keyPrefix values are construction errors naming keyPrefix', () => {
  test.each<[string, unknown, RegExp]>([
    ['a parent segment: ../', '../', /keyPrefix: .*'\.\.' path segment/],
    ['a parent segment after a folder: a/../../', 'a/../../', /keyPrefix: .*'\.\.' path segment/],
    ['a current segment: ./', './', /keyPrefix: .*'\.' path segment/],
    ['a current segment inside: in/./out/', 'in/./out/', /keyPrefix: .*'\.' path segment/],
    ['a trailing parent segment: in/..', 'in/..', /keyPrefix: .*'\.\.' path segment/],
    ['NUL', 'in\u0000/', /keyPrefix: .*invisible character U\+0000/],
    ['a newline', 'in\n/', /keyPrefix: .*invisible character U\+000A/],
    ['a carriage return', 'in\r/', /keyPrefix: .*invisible character U\+000D/],
    ['DEL', 'in\u007f/', /keyPrefix: .*invisible character U\+007F/],
    ['a C1 control', 'in\u0085/', /keyPrefix: .*invisible character U\+0085/],
    ['a bidi override (RLO)', 'in\u202e/', /keyPrefix: .*invisible character U\+202E/],
    ['a bidi isolate (LRI)', 'in\u2066/', /keyPrefix: .*invisible character U\+2066/],
    ['a right-to-left mark', 'in\u200f/', /keyPrefix: .*invisible character U\+200F/],
    ['a zero-width space', 'in\u200b/', /keyPrefix: .*invisible character U\+200B/],
    ['a byte-order mark', '\ufeffin/', /keyPrefix: .*invisible character U\+FEFF/],
    ['a lone surrogate (no UTF-8 encoding)', 'in\ud800/', /keyPrefix: .*lone UTF-16 surrogate/],
    ['1,024 bytes of UTF-8 in 512 characters', 'é'.repeat(512), /keyPrefix: .*1024 bytes of UTF-8.*S3 keys are at most 1,024 bytes/],
    ['343 characters that are 1,025 bytes (3-byte characters)', '€'.repeat(341) + 'a/', /keyPrefix: .*1025 bytes of UTF-8/],
    ['a number', 42, /keyPrefix: it is a number, not a string/],
    ['an array', ['in/'], /keyPrefix: it is an array, not a string/],
    ['an object', { prefix: 'in/' }, /keyPrefix: it is an object, not a string/],
    ['null (which used to mean the whole bucket)', null, /keyPrefix: it is null.*leave keyPrefix out/],
    ['a boolean', true, /keyPrefix: it is a boolean, not a string/],
  ])('%s', (_name, keyPrefix, message) => {
    expect(withPrefix(keyPrefix)).toThrow(message);
  });

  test.each<[string, string]>([
    ['a folder', 'incoming/'],
    ['nested folders with dots inside names', 'v1.2/data.set/'],
    ['a segment that starts with a dot', 'in/.hidden/'],
    ['three dots are a name, not a path step', 'in/.../'],
    ['non-Latin letters', 'données/日本/'],
    ['an emoji without joiners', 'reports/📦/'],
    ['exactly 1,023 bytes (one byte left for the key)', `${'é'.repeat(511)}a`],
    ['the empty prefix (the whole bucket, said explicitly)', ''],
  ])('valid twin: %s', (_name, keyPrefix) => {
    const writer = withPrefix(keyPrefix)();
    expect(writer.keyPrefix).toBe(keyPrefix);
    expect(writer.environment.WRITER_KEY_PREFIX).toBe(keyPrefix);
  });

  test('undefined still means the whole bucket (the documented default)', () => {
    expect(construct({})().keyPrefix).toBe('');
  });
});
