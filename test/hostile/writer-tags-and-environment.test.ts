import * as s3 from 'aws-cdk-lib/aws-s3';
import { SecureLambdaWriter, SecureLambdaWriterProps } from '../../src';
import { buildPutObjectInput } from '../../src/runtime/put-object-input';
import { functionProps, newStack } from '../writer/support/fixtures';

// Issue #10, item 10 (the same class of holes in the other literal props): objectTags, principalTagKeys,
// environmentPrefix and objectLockRetentionDays with values of the wrong type, characters S3 rejects or that hide,
// and keys such as `constructor` that every plain object inherits.

type Props = (stack: import('aws-cdk-lib').Stack) => Partial<SecureLambdaWriterProps>;

function construct(props: Props): () => SecureLambdaWriter {
  return () => {
    const { app, stack } = newStack();
    const writer = new SecureLambdaWriter(stack, 'Writer', { functionProps: functionProps(), ...props(stack) });
    app.synth();
    return writer;
  };
}

const tags = (objectTags: unknown): Props => () => ({ objectTags: objectTags as Record<string, string> });
/** An object whose own key is `__proto__` (an object literal would set the prototype instead). */
const protoTag = (): Record<string, string> => JSON.parse('{"__proto__":"kept","team":"blue"}');

describe('objectTags: hostile values are construction errors naming objectTags', () => {
  test.each<[string, Props, RegExp]>([
    ['null', tags(null), /objectTags: it is null.*leave objectTags out/],
    ['a string', tags('team=blue'), /objectTags: it is a string, not an object of tag keys to values/],
    ['an array', tags(['team']), /objectTags: it is an array, not an object of tag keys to values/],
    ['a number value', tags({ team: 42 }), /objectTags: the value of tag 'team' is a number, not a string/],
    ['a null value', tags({ team: null }), /objectTags: the value of tag 'team' is null, not a string/],
    ['an empty key', tags({ '': 'a' }), /objectTags: .*empty/],
    ['a key of 129 UTF-16 units', tags({ ['k'.repeat(129)]: 'a' }), /objectTags: tag 'k{40}…' breaks S3's limits/],
    ['a value of 257 UTF-16 units', tags({ team: 'v'.repeat(257) }), /objectTags: tag 'team' breaks S3's limits/],
    ['a newline in a key', tags({ 'te\nam': 'a' }), /objectTags: tag key 'te\\nam' has a character S3 does not accept in tags/],
    ['a bidi override in a value', tags({ team: 'blue\u202e' }), /objectTags: the value of tag 'team' has a character S3 does not accept in tags \(U\+202E\)/],
    ['an ampersand in a value (S3 answers InvalidTag)', tags({ team: 'blue & green' }), /objectTags: the value of tag 'team' has a character S3 does not accept in tags \('&'\)/],
    ['a comma in a value', tags({ platform: 'a,b' }), /objectTags: .*\(','\)/],
    ['principalTagKeys naming an inherited key (constructor) that objectTags lacks', () => ({ objectTags: { team: 'a' }, principalTagKeys: ['constructor'] }),
      /principalTagKeys: 'constructor' is not a key of objectTags/],
    ['principalTagKeys as a string', () => ({ objectTags: { team: 'a' }, principalTagKeys: 'team' as unknown as string[] }),
      /principalTagKeys: it is a string, not a list of tag keys/],
  ])('%s', (_name, props, message) => {
    expect(construct(props)).toThrow(message);
  });

  test.each<[string, Props]>([
    ['letters, digits, spaces and + - = . _ : / @', tags({ 'cost-center': 'a+b=c. d_e:f/g@h' })],
    ['non-Latin letters', tags({ équipe: '日本' })],
    ['an empty value (S3 allows 0 characters)', tags({ team: '' })],
    ['128 and 256 UTF-16 units', tags({ ['k'.repeat(128)]: 'v'.repeat(256) })],
    ['a tag named constructor matched against the role, with unrelated management tags', () => ({
      objectTags: { constructor: 'a' }, principalTagKeys: ['constructor'], tags: { owner: 'x' },
    })],
    ['a tag named constructor on a bucket of the app', (s) => ({ bucket: new s3.Bucket(s, 'B'), objectTags: { constructor: 'a' } })],
  ])('valid twin: %s', (_name, props) => {
    expect(construct(props)).not.toThrow();
  });

  test('a tag whose key is __proto__ is kept from the props to the Tagging header', () => {
    const writer = construct(tags(protoTag()))();
    expect(JSON.parse(writer.environment.WRITER_OBJECT_TAGS)).toEqual(protoTag());
    const input = buildPutObjectInput('x', { environment: { ...writer.environment, WRITER_BUCKET_NAME: 'b' } });
    expect(input.Tagging).toBe('__proto__=kept&team=blue');
  });
});

describe('environmentPrefix and objectLockRetentionDays: wrong types and absurd values', () => {
  test.each<[string, Props, RegExp]>([
    ['environmentPrefix null', () => ({ environmentPrefix: null as unknown as string }), /environmentPrefix: it is null.*leave environmentPrefix out/],
    ['environmentPrefix a number', () => ({ environmentPrefix: 7 as unknown as string }), /environmentPrefix: it is a number, not a string/],
    ['environmentPrefix with a newline', () => ({ environmentPrefix: 'A_\nB_' }), /environmentPrefix: /],
    ['retention of 1e12 days (no valid retain-until date)', () => ({ objectLockMode: s3.ObjectLockMode.GOVERNANCE, objectLockRetentionDays: 1e12 }),
      /objectLockRetentionDays: 1000000000000 days is more than 36500/],
    ['retention as a string', () => ({ objectLockMode: s3.ObjectLockMode.GOVERNANCE, objectLockRetentionDays: '30' as unknown as number }),
      /objectLockRetentionDays: it is a string, not a number/],
  ])('%s', (_name, props, message) => {
    expect(construct(props)).toThrow(message);
  });

  test.each<[string, Props]>([
    ['environmentPrefix ARCHIVE_', () => ({ environmentPrefix: 'ARCHIVE_' })],
    ['retention of 36,500 days (100 years)', () => ({ objectLockMode: s3.ObjectLockMode.COMPLIANCE, objectLockRetentionDays: 36500 })],
  ])('valid twin: %s', (_name, props) => {
    expect(construct(props)).not.toThrow();
  });
});
