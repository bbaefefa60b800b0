import { Stack, StringConcat, Tokenization } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { WriterPropError } from './errors';
import { SecureLambdaWriterProps } from './props';
import { quote } from '../runtime/write-rules';

/**
 * Every ARN the writer writes — the identity policy, the bucket policy, the key policy, the statements reported to an
 * imported resource's owner, the function environment and the recorded intent — is built from `bucket.bucketArn`,
 * `bucket.bucketName` and the key's `keyArn`. An imported reference carries whatever its author typed, so before any
 * of that is built each must name exactly one resource: `arn:<partition>:s3:::<name>` whose name is the bucket's name,
 * and `arn:<partition>:kms:<region>:<account>:key/<key id>`. Tokens are deploy-time values (a resource of the app, a
 * reference to another stack, `Fn::ImportValue`, a parameter) that CloudFormation resolves to one concrete ARN, so a
 * token may stand for any part; only the literal text around it is checked.
 */
export function validateResourceReferences(scope: IConstruct, props: SecureLambdaWriterProps): void {
  if (props.bucket) checkBucket(scope, readBucket(props.bucket));
  const key = props.encryptionKey ?? props.bucket?.encryptionKey;
  if (key) checkKey(scope, key, key.keyArn, keyOrigin(props));
}

/** The strings the writer builds its ARNs, environment and intent from, each read once from its reference and checked. */
export interface ValidatedReferences {
  readonly bucketArn: string;
  readonly bucketName: string;
  /** The bucket's Region, for `kms:ViaService`. */
  readonly bucketRegion: string;
  /** The key's ARN, with SSE-KMS. */
  readonly keyArn?: string;
}

/**
 * Read the final bucket's and key's strings once, check them, and return them. Building every statement, the
 * environment and the intent from these values (rather than reading `bucket.bucketArn` again) means a reference whose
 * getters answer differently on a second read — an IBucket implemented in another jsii language can — cannot slip
 * another ARN past the checks.
 */
export function validatedReferences(
  scope: IConstruct, bucket: s3.IBucket, key: kms.IKey | undefined, props: SecureLambdaWriterProps,
): ValidatedReferences {
  const read = readBucket(bucket);
  checkBucket(scope, read);
  const keyArn: unknown = key?.keyArn;
  if (key) checkKey(scope, key, keyArn, keyOrigin(props));
  if (key) checkKeyRegion(scope, keyArn as string, read.region, keyOrigin(props));
  return Object.freeze({
    bucketArn: read.arn as string,
    bucketName: read.name as string,
    bucketRegion: read.region,
    ...(key ? { keyArn: keyArn as string } : {}),
  });
}

function keyOrigin(props: SecureLambdaWriterProps): string {
  return props.encryptionKey || !props.bucket ? 'the given key' : `the key of the bucket ${props.bucket.node.path} (its encryptionKey)`;
}

/** The AWS partitions (the second field of every ARN): commercial, China, GovCloud (US), the ISO regions, European Sovereign Cloud. */
const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

/** Stands for a token in the shape of a string. Literal text holding it is refused first, so the two cannot be confused. */
const TOKEN = '\u0000';

/** The string with each token replaced by TOKEN: the literal text the author typed, and where the references go. */
function shapeOf(text: string): string {
  return Tokenization.reverseString(text).mapTokens({ mapToken: () => TOKEN }).join(new StringConcat());
}

/** One position of an ARN: a token, a literal matching `literal`, or literal characters of `mixed` around tokens. */
function positionFits(position: string, literal: RegExp, mixed: RegExp): boolean {
  if (position === TOKEN) return true;
  return position.includes(TOKEN) ? mixed.test(position) : literal.test(position);
}

/** The shape for a message: tokens written `${Token}`. */
function shown(shape: string): string {
  return quote(shape.split(TOKEN).join('${Token}'));
}

function hasWildcard(shape: string): boolean {
  return /[*?]/.test(shape);
}

/** Control characters, NUL included, never belong in an ARN or a name; refusing them keeps TOKEN unambiguous. */
function hasControlCharacter(text: string): boolean {
  return /\p{Cc}/u.test(Tokenization.reverseString(text).mapTokens({ mapToken: () => '' }).join(new StringConcat()) ?? '');
}

// ---------------------------------------------------------------------------------------------------------------
// Buckets

const PARTITION_POSITION = { literal: new RegExp(`^(${PARTITIONS.join('|')})$`), mixed: /^[a-z\u0000-]+$/ };
const NAME_POSITION = { literal: /^[A-Za-z0-9._-]+$/, mixed: /^[A-Za-z0-9._\u0000-]+$/ };
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;
const ACCOUNT = /^\d{12}$/;

const BUCKET_FIX = 'import the bucket by its exact name, s3.Bucket.fromBucketName(this, id, \'name\') (the ARN is derived from it), or give ' +
  'fromBucketAttributes a bucketArn arn:<partition>:s3:::<name> naming the same bucket as bucketName.';

/** A bucket's strings, read once. */
interface BucketStrings {
  readonly path: string;
  readonly arn: unknown;
  readonly name: unknown;
  readonly region: string;
  readonly account: string;
}

function readBucket(bucket: s3.IBucket): BucketStrings {
  return { path: bucket.node.path, arn: bucket.bucketArn, name: bucket.bucketName, region: bucket.env.region, account: bucket.env.account };
}

function checkBucket(scope: IConstruct, bucket: BucketStrings): void {
  const fail = (problem: string, fix = BUCKET_FIX) => { throw new WriterPropError(scope, 'bucket', problem, fix); };
  const { arn, name } = bucket;
  if (typeof arn !== 'string' || typeof name !== 'string') return fail(`${bucket.path} has no bucketArn or bucketName string.`);
  if (hasControlCharacter(arn) || hasControlCharacter(name)) return fail(`${bucket.path} has a control character in its ARN or name.`);
  const arnName = bucketNameInArn(arn, fail);
  if (arnName !== undefined) checkLiteralBucketName(`its ARN names the bucket '${arnName}', which`, arnName, fail);
  const literalName = bucketNameOf(name, fail);
  if (arnName !== undefined && literalName !== undefined && arnName !== literalName) {
    fail(`its ARN names the bucket '${arnName}' but its bucketName is '${literalName}': the policies would allow writes to one bucket ` +
      'while the function is told to write to the other.');
  }
  checkBucketEnvironment(scope, bucket, fail);
}

/** Check the bucket's name (what the function is told to write to) and return it when it is literal. */
function bucketNameOf(name: string, fail: (problem: string, fix?: string) => never): string | undefined {
  const shape = shapeOf(name);
  if (!shape.includes(TOKEN)) {
    checkLiteralBucketName(`its name ${quote(shape)}`, shape, fail);
    return shape;
  }
  if (hasWildcard(shape) || !positionFits(shape, NAME_POSITION.literal, NAME_POSITION.mixed)) {
    fail(`its name ${shown(shape)} has a wildcard or characters no bucket name has.`);
  }
  return undefined;
}

/**
 * Check the ARN's form and return the bucket name it holds when that part is literal (undefined when a token).
 * A wildcard anywhere would make every policy the writer builds grant on every bucket it matches.
 */
function bucketNameInArn(arn: string, fail: (problem: string, fix?: string) => never): string | undefined {
  const shape = shapeOf(arn);
  if (shape === TOKEN) return undefined;
  const parts = /^arn:([^:]*):s3:::(.*)$/s.exec(shape);
  const form = parts && positionFits(parts[1], PARTITION_POSITION.literal, PARTITION_POSITION.mixed)
    && positionFits(parts[2], NAME_POSITION.literal, NAME_POSITION.mixed);
  if (!form) {
    const wildcard = hasWildcard(shape)
      ? ': it has a wildcard, so the writer\'s policies would grant writes to every bucket it matches'
      : '';
    const partition = parts && !parts[1].includes(TOKEN) && !PARTITIONS.includes(parts[1])
      ? `; its partition '${parts[1]}' is not one of ${PARTITIONS.join(', ')}`
      : '';
    fail(`its ARN ${shown(shape)} is not the ARN of one bucket (arn:<partition>:s3:::<name>)${wildcard}${partition}.`);
  }
  return parts![2].includes(TOKEN) ? undefined : parts![2];
}

/** Suffixes that name another kind of resource than a general purpose bucket, which the writer's policies do not fit. */
const NOT_A_BUCKET: ReadonlyArray<[string, string]> = [
  ['-s3alias', 'an access point alias: S3 authorizes its requests on the access point\'s ARN and the bucket\'s, not on arn:…:s3:::<alias>'],
  ['--ol-s3', 'an Object Lambda access point alias, not a bucket'],
  ['.mrap', 'a Multi-Region Access Point name, not a bucket'],
  ['--x-s3', 'a directory bucket (S3 Express One Zone), whose writes are authorized through s3express:CreateSession, not the s3:PutObject policies the writer builds'],
  ['--table-s3', 'a table bucket, not a general purpose bucket'],
];

/**
 * "General purpose bucket naming rules" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html):
 * 3-63 characters; lowercase letters, numbers, periods and hyphens; a letter or number at each end; no two adjacent
 * periods; not an IP address; reserved suffixes belong to other resources. Uppercase letters and underscores are let
 * through, as CDK's own `Bucket.fromBucketName` does, for buckets created under the legacy us-east-1 rules. The reserved
 * prefixes (`xn--`, `sthree-`, `amzn-s3-demo-`) are not checked: such a bucket cannot exist, so naming it grants nothing.
 */
function checkLiteralBucketName(subject: string, name: string, fail: (problem: string, fix?: string) => never): void {
  const problem = bucketNameProblem(name);
  if (!problem) return;
  const otherResource = NOT_A_BUCKET.some(([suffix]) => name.endsWith(suffix));
  fail(`${subject} ${problem}.`, otherResource ? 'import the general purpose bucket the objects go to, by its own name.' : undefined);
}

function bucketNameProblem(name: string): string | undefined {
  if (hasWildcard(name)) return 'has a wildcard; no bucket name does';
  if (name.length < 3 || name.length > 63) return `is ${name.length} characters long; bucket names have 3 to 63`;
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return 'has characters bucket names cannot have (letters, numbers, periods and hyphens only)';
  if (!/^[A-Za-z0-9]/.test(name) || !/[A-Za-z0-9]$/.test(name)) return 'does not begin and end with a letter or number';
  if (name.includes('..')) return 'has two adjacent periods';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'is formatted as an IP address, which bucket names cannot be';
  const other = NOT_A_BUCKET.find(([suffix]) => name.endsWith(suffix));
  return other ? `ends with '${other[0]}': it is ${other[1]}` : undefined;
}

/**
 * An imported bucket's own region and account (Bucket.fromBucketAttributes) feed `kms:ViaService`, the placement
 * checks and the recorded intent. The writer's stack environment is the app's business and is not judged here.
 */
function checkBucketEnvironment(scope: IConstruct, bucket: BucketStrings, fail: (problem: string, fix?: string) => never): void {
  const stack = Stack.of(scope);
  const { region, account } = bucket;
  if (region !== stack.region && !shapeOf(region).includes(TOKEN) && !REGION.test(region)) {
    fail(`its region ${quote(region)} is not an AWS Region.`, 'give fromBucketAttributes the bucket\'s Region, e.g. \'eu-west-1\', or leave it out.');
  }
  if (account !== stack.account && !shapeOf(account).includes(TOKEN) && !ACCOUNT.test(account)) {
    fail(`its account ${quote(account)} is not a 12-digit AWS account ID.`, 'give fromBucketAttributes the owner\'s account ID, or leave it out.');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// KMS keys

const REGION_POSITION = { literal: REGION, mixed: /^[a-z0-9\u0000-]+$/ };
const ACCOUNT_POSITION = { literal: ACCOUNT, mixed: /^[0-9\u0000]+$/ };
/** A key id: a UUID, or `mrk-` and 32 hex digits for a multi-Region key. */
const KEY_ID_POSITION = {
  literal: /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/i,
  mixed: /^[A-Za-z0-9\u0000-]+$/,
};

const KEY_FIX = 'pass the key itself: a kms.Key of the app, or kms.Key.fromKeyArn(this, id, \'arn:<partition>:kms:<region>:<account>:key/<key id>\').';

/**
 * The key must be named by its key ARN: KMS evaluates policies against the key ARN, and an alias name or alias ARN in
 * an IAM policy's Resource matches no key ("Specifying KMS keys in IAM policy statements",
 * https://docs.aws.amazon.com/kms/latest/developerguide/cmks-in-iam-policies.html). So an alias (of the app, or
 * imported) is refused rather than turned into a grant that allows nothing.
 */
/**
 * SSE-KMS uses a key in the bucket's own Region: a key of another Region can never encrypt its objects ("Using
 * server-side encryption with AWS KMS keys (SSE-KMS)", https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html).
 * Decided only where both Regions are literal.
 */
function checkKeyRegion(scope: IConstruct, keyArn: string, bucketRegion: string, origin: string): void {
  const keyRegion = /^arn:[^:]*:kms:([^:]*):/.exec(shapeOf(keyArn))?.[1];
  if (keyRegion === undefined || keyRegion.includes(TOKEN) || shapeOf(bucketRegion).includes(TOKEN)) return;
  if (keyRegion !== bucketRegion) {
    throw new WriterPropError(scope, 'encryptionKey',
      `${origin} is in ${keyRegion}, the bucket in ${bucketRegion}: S3 encrypts with a KMS key of the bucket's own Region only.`,
      `use a key in ${bucketRegion} (a multi-Region replica key there works too).`);
  }
}

function checkKey(scope: IConstruct, key: kms.IKey, arn: unknown, origin: string): void {
  const fail = (problem: string, fix = KEY_FIX) => { throw new WriterPropError(scope, 'encryptionKey', problem, fix); };
  if (typeof arn !== 'string') return fail(`${origin} has no keyArn string.`);
  if (hasControlCharacter(arn)) return fail(`${origin} has a control character in its ARN.`);
  const shape = shapeOf(arn);
  // kms.Alias and Alias.fromAliasName implement IKey too; their ARN may hide the alias/ part in a token.
  if ('aliasName' in key || /:alias\//.test(shape)) {
    return fail(`${origin} is a KMS alias (${shown(shape)}), not a key: KMS authorizes GenerateDataKey on the key ARN only, so a ` +
      'policy naming the alias would allow nothing.', `${KEY_FIX} For a kms.Alias of the app, pass its aliasTargetKey (and give the bucket that key).`);
  }
  if (shape === TOKEN) return;
  const parts = /^arn:([^:]*):kms:([^:]*):([^:]*):key\/(.*)$/s.exec(shape);
  const form = parts
    && positionFits(parts[1], PARTITION_POSITION.literal, PARTITION_POSITION.mixed)
    && positionFits(parts[2], REGION_POSITION.literal, REGION_POSITION.mixed)
    && positionFits(parts[3], ACCOUNT_POSITION.literal, ACCOUNT_POSITION.mixed)
    && positionFits(parts[4], KEY_ID_POSITION.literal, KEY_ID_POSITION.mixed);
  if (!form) {
    const wildcard = hasWildcard(shape) ? ': it has a wildcard, so the writer\'s policies would allow every key it matches' : '';
    fail(`${origin} has the ARN ${shown(shape)}, which is not the ARN of one KMS key (arn:<partition>:kms:<region>:<account>:key/<key id>)${wildcard}.`);
  }
}
