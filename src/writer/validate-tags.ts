import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { WriterPropError } from './errors';
import { checkOptionalType } from './literal-types';
import { SecureLambdaWriterProps } from './props';
import { isPlainObject } from '../iam/policy/values';
import { codePoint, describeType, quote } from '../runtime/write-rules';

/**
 * S3 object tagging limits ("Categorizing your storage using tags",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html): at most 10 tags per object, keys up to
 * 128 and values up to 256 Unicode characters, which S3 counts in UTF-16 (a character outside the BMP takes two).
 */
const MAX_OBJECT_TAGS = 10;
const MAX_TAG_KEY_LENGTH = 128;
const MAX_TAG_VALUE_LENGTH = 256;

/**
 * The characters S3 accepts in tag keys and values: letters, numbers, separators such as spaces, and `_ . : / = + - @`
 * (the pattern of `S3Tag` in the Amazon S3 API Reference, https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_S3Tag.html).
 * S3 answers `InvalidTag` to anything else, so such a tag would make every write fail; it also keeps control and bidi
 * characters out of the policy conditions. IAM role tags, which principalTagKeys copies, accept the same set.
 */
const TAG_CHARACTER = /[\p{L}\p{Z}\p{N}_.:/=+\-@]/u;

/** Required object tags and the principal-tag keys matched against them: types, limits, characters. */
export function validateObjectTags(scope: IConstruct, props: SecureLambdaWriterProps): void {
  const fail = (problem: string, fix: string) => { throw new WriterPropError(scope, 'objectTags', problem, fix); };
  checkOptionalType(scope, 'objectTags', props.objectTags, isPlainObject, 'an object of tag keys to values', 'no required tags');
  const tags: Record<string, unknown> = props.objectTags ?? {};
  const keys = Object.keys(tags);
  if (keys.length > MAX_OBJECT_TAGS) {
    fail(`${keys.length} tags; S3 allows at most ${MAX_OBJECT_TAGS} per object.`, `require at most ${MAX_OBJECT_TAGS} tags.`);
  }
  for (const key of keys) {
    const problem = tagProblem(key, tags[key]);
    if (problem) fail(problem.problem, problem.fix);
  }
  validatePrincipalTagKeys(scope, props, tags);
}

function tagProblem(key: string, value: unknown): { problem: string; fix: string } | undefined {
  if (typeof value !== 'string') {
    return { problem: `the value of tag ${quote(key)} is ${describeType(value)}, not a string.`, fix: 'give every tag a string value (\'\' for an empty one).' };
  }
  if (Token.isUnresolved(key) || Token.isUnresolved(value)) {
    return { problem: `tag ${quote(key)} is a token; policy conditions need literal tags.`, fix: 'pass literal tag keys and values.' };
  }
  if (key.length === 0) {
    return { problem: `a tag key is empty; S3 tag keys have 1 to ${MAX_TAG_KEY_LENGTH} characters.`, fix: 'name the tag.' };
  }
  if (key.length > MAX_TAG_KEY_LENGTH || value.length > MAX_TAG_VALUE_LENGTH) {
    return {
      problem: `tag ${quote(key)} breaks S3's limits (key 1-${MAX_TAG_KEY_LENGTH} characters, value up to ${MAX_TAG_VALUE_LENGTH}, in UTF-16 units).`,
      fix: 'shorten the tag.',
    };
  }
  if (key.toLowerCase().startsWith('aws:')) {
    return { problem: `tag key ${quote(key)} starts with 'aws:', which is reserved for AWS.`, fix: 'rename the tag key.' };
  }
  if (key.includes('${') || value.includes('${')) {
    return { problem: `tag ${quote(key)} contains '\${', which IAM reads as a policy variable.`, fix: 'remove \'${\' from the tag.' };
  }
  const badInKey = refusedCharacter(key);
  if (badInKey) {
    return { problem: `tag key ${quote(key)} has a character S3 does not accept in tags (${badInKey}).`, fix: TAG_CHARACTERS_FIX };
  }
  const badInValue = refusedCharacter(value);
  if (badInValue) {
    return { problem: `the value of tag ${quote(key)} has a character S3 does not accept in tags (${badInValue}).`, fix: TAG_CHARACTERS_FIX };
  }
  return undefined;
}

const TAG_CHARACTERS_FIX = 'use letters, numbers, spaces and _ . : / = + - @ only.';

/** The first character S3 would refuse in a tag, shown visibly ('&', or U+202E for an invisible one). */
function refusedCharacter(text: string): string | undefined {
  for (const char of text) {
    if (TAG_CHARACTER.test(char)) continue;
    return /[\p{Cc}\p{Cf}\p{Cs}]/u.test(char) ? codePoint(char) : `'${char}'`;
  }
  return undefined;
}

function validatePrincipalTagKeys(scope: IConstruct, props: SecureLambdaWriterProps, tags: Record<string, unknown>): void {
  checkOptionalType(scope, 'principalTagKeys', props.principalTagKeys, Array.isArray, 'a list of tag keys', 'no principal-tag matching');
  for (const key of props.principalTagKeys ?? []) {
    // Own keys only: `constructor` and friends are "in" every plain object.
    if (typeof key !== 'string' || !Object.hasOwn(tags, key)) {
      throw new WriterPropError(scope, 'principalTagKeys', `${typeof key === 'string' ? quote(key) : describeType(key)} is not a key of objectTags; the role is tagged with the object tag's value.`,
        `add '${key}' to objectTags, or remove it from principalTagKeys.`);
    }
    const managementTag = props.tags && Object.hasOwn(props.tags, key) ? props.tags[key] : undefined;
    if (managementTag !== undefined && managementTag !== tags[key]) {
      throw new WriterPropError(scope, 'tags',
        `tags.${key} = '${managementTag}' would overwrite the role tag ${key} = '${tags[key]}' that principalTagKeys matches against objectTags.`,
        `make tags.${key} equal objectTags.${key}, or drop one of them.`);
    }
  }
}
