import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { WriterPropError } from './errors';
import { checkOptionalType, isString } from './literal-types';
import { keyTextProblem, MAX_OBJECT_KEY_BYTES, quote, utf8ByteLength } from '../runtime/write-rules';

/**
 * The prefix becomes `bucket/<prefix>*` in every policy and WRITER_KEY_PREFIX in the function, so it must read as
 * what it is and stay what S3 stores: a literal string without wildcards, policy variables, a leading `/`,
 * invisible characters or `.`/`..` segments, short enough to leave room for a key within S3's 1,024 bytes of UTF-8
 * ("Naming Amazon S3 objects", https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html).
 */
export function validateKeyPrefix(scope: IConstruct, prefix: unknown): void {
  checkOptionalType(scope, 'keyPrefix', prefix, isString, 'a string', 'writes anywhere in the bucket');
  if (prefix === undefined) return;
  const text = prefix as string;
  const fail = (problem: string, fix: string) => { throw new WriterPropError(scope, 'keyPrefix', problem, fix); };
  if (Token.isUnresolved(text)) {
    fail('it is a token; policies and the function environment need the literal prefix.', 'pass a literal string such as \'incoming/\'.');
  }
  if (/[*?]/.test(text)) {
    fail(`'${text}' contains a wildcard; the writer adds the only '*' itself (bucket/<prefix>*).`, 'remove * and ? from keyPrefix.');
  }
  if (text.includes('${')) {
    fail(`'${text}' contains '\${', which IAM reads as a policy variable.`, 'remove \'${\' from keyPrefix.');
  }
  if (text.startsWith('/')) {
    fail(`'${text}' starts with '/'; S3 keys have no leading slash, so 'bucket//…' would match nothing the SDK writes.`,
      `use '${text.replace(/^\/+/, '')}'.`);
  }
  const problem = keyTextProblem(text);
  if (problem) {
    fail(problem, 'use visible characters only, and folder names rather than \'.\' or \'..\' between the slashes (e.g. \'incoming/\').');
  }
  const bytes = utf8ByteLength(text);
  if (bytes >= MAX_OBJECT_KEY_BYTES) {
    fail(`${quote(text)} is ${bytes} bytes of UTF-8 (${text.length} UTF-16 units); S3 keys are at most 1,024 bytes, prefix included, ` +
      'so no key would fit after it.', 'use a shorter prefix.');
  }
}
