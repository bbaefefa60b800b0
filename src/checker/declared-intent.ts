import { Stack, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { constructAtPath, explicitEnvValue, ownCfnResource, referencedCfnResource } from './construct-references';
import { CannedAcl, ExpectWriteOptions, WriteRequestProfile } from './expect-write-options';
import { withoutUndefined } from './plain-object';
import { BucketReference, RecordedIntent, RecordedRequestProfile } from '../contract/intent';
import { ObjectEncryption } from '../contract/object-encryption';
import { findFunctionResource, literalOrUndefined } from '../contract/record-intent';

const BUCKET = 'AWS::S3::Bucket';
const KEY = 'AWS::KMS::Key';
const ACCESS_POINT = 'AWS::S3::AccessPoint';
const CANNED_ACLS: readonly string[] = Object.values(CannedAcl);

/**
 * The construct that owns the `AWS::Lambda::Function` of `fn`: the function itself, or the function behind a
 * `lambda.Alias` or `lambda.Version` (they run with the same execution role).
 *
 * @throws Error naming `fn` and the fix, for an imported function (the app has no execution role to check)
 */
export function declaredFunction(fn: lambda.IFunction): IConstruct {
  if (findFunctionResource(fn)) return fn;
  const underlying = (fn as { version?: lambda.IVersion }).version?.lambda ?? (fn as { lambda?: lambda.IFunction }).lambda;
  if (underlying && findFunctionResource(underlying)) return underlying;
  // A SingletonFunction is a handle: the one real function lives at stack level under its constructName.
  if (fn instanceof lambda.SingletonFunction) {
    const singleton = Stack.of(fn).node.tryFindChild(fn.constructName);
    if (singleton && findFunctionResource(singleton)) return singleton;
  }
  throw new Error(
    `WriteAccessChecker.expectWrite: \`fn\` (${fn.node.path}) is not a function of this app (imported with ` +
    'Function.fromFunctionArn/fromFunctionAttributes?): there is no AWS::Lambda::Function, so no execution role to ' +
    'check. Declare the intent in the app that defines the function, or run `npx cdk-secure-lambda-writer check` on ' +
    'its cloud assembly.',
  );
}

/** The intent `expectWrite` records: literal paths, names and ARNs only, never a token. */
export function declaredIntent(fn: IConstruct, bucket: s3.IBucket, options: ExpectWriteOptions): RecordedIntent {
  const keyPrefix = options.keyPrefix ?? '';
  if (Token.isUnresolved(keyPrefix)) {
    throw new Error(`WriteAccessChecker.expectWrite(${fn.node.path}): keyPrefix must be the literal prefix the code writes under, not a token.`);
  }
  return {
    source: 'declared',
    bucket: bucketReference(bucket),
    keyPrefix,
    request: requestProfile(fn, options.request ?? {}),
  };
}

/** A bucket of the app by the construct path of its CfnBucket; an imported bucket by its literal name or ARN. */
function bucketReference(bucket: s3.IBucket): BucketReference {
  const own = ownCfnResource(bucket, BUCKET)
    ?? referencedCfnResource(bucket.bucketName, BUCKET)
    ?? referencedCfnResource(bucket.bucketArn, BUCKET);
  if (own) return { constructPath: own.node.path };
  const stack = Stack.of(bucket);
  const imported = withoutUndefined<BucketReference>({
    bucketName: literalOrUndefined(bucket.bucketName),
    bucketArn: literalOrUndefined(bucket.bucketArn),
    account: explicitEnvValue(bucket.env.account, stack.account),
    region: explicitEnvValue(bucket.env.region, stack.region),
    encryptionKeyArn: bucket.encryptionKey ? keyIdentifier(bucket.encryptionKey) : undefined,
  });
  // A bucket imported by a token the app cannot resolve (a parameter, an SSM value): name the import construct,
  // which no template declares, so the analysis answers UNKNOWN instead of guessing.
  return imported.bucketName || imported.bucketArn ? imported : { ...imported, constructPath: bucket.node.path };
}

function requestProfile(fn: IConstruct, request: WriteRequestProfile): RecordedRequestProfile {
  const where = `WriteAccessChecker.expectWrite(${fn.node.path})`;
  const key = request.kmsKey ? keyOfApp(request.kmsKey) : undefined;
  return withoutUndefined<RecordedRequestProfile>({
    serverSideEncryption: sseHeader(where, request),
    // The header names a key of the app by its path (its ARN is a token), an imported key by its literal ARN.
    sseKmsKeyId: request.kmsKey ? key?.node.path ?? literalKeyArn(where, request.kmsKey) : undefined,
    sseKmsKeyPath: key?.node.path,
    bucketKeyEnabled: request.bucketKeyEnabled,
    acl: cannedAcl(where, request.acl),
    tags: request.objectTags ? literalTags(where, request.objectTags) : undefined,
    multipart: request.multipart,
    objectLockMode: request.objectLockMode,
    objectLockLegalHold: request.objectLockLegalHold,
    storageClass: literalString(where, 'storageClass', request.storageClass),
    accessPoint: request.accessPoint !== undefined ? accessPoint(fn, where, request.accessPoint) : undefined,
    requesterPays: request.requesterPays,
    sseCustomerKey: request.sseCustomerKey,
  });
}

/** S3 rejects a key header without `aws:kms`, so a key implies SSE-KMS and contradicts anything else. */
function sseHeader(where: string, request: WriteRequestProfile): string | undefined {
  const sse = request.encryption ?? (request.kmsKey ? ObjectEncryption.KMS : ObjectEncryption.NONE);
  if (request.kmsKey && sse !== ObjectEncryption.KMS && sse !== ObjectEncryption.KMS_DSSE) {
    throw new Error(`${where}: kmsKey is only sent with encryption KMS or KMS_DSSE (S3 rejects it with ${sse}).`);
  }
  return sse === ObjectEncryption.NONE ? undefined : sse;
}

/** The key of the app behind `key` (itself, or an alias' target), if it is one. */
function keyOfApp(key: kms.IKey): IConstruct | undefined {
  const target = (key as { aliasTargetKey?: kms.IKey }).aliasTargetKey;
  return ownCfnResource(key, KEY) ?? referencedCfnResource(key.keyArn, KEY)
    ?? (target ? ownCfnResource(target, KEY) ?? referencedCfnResource(target.keyArn, KEY) : undefined);
}

/** A key named by path (a key of the app) or by literal ARN; the import's path when neither is known. */
function keyIdentifier(key: kms.IKey): string {
  return keyOfApp(key)?.node.path ?? literalOrUndefined(key.keyArn) ?? key.node.path;
}

function literalKeyArn(where: string, key: kms.IKey): string {
  const arn = literalOrUndefined(key.keyArn);
  if (arn === undefined) {
    throw new Error(
      `${where}: kmsKey (${key.node.path}) is neither a key of this app nor imported with a literal ARN; ` +
      'import it with kms.Key.fromKeyArn and the literal ARN the code sends.',
    );
  }
  return arn;
}

function cannedAcl(where: string, acl: string | undefined): string | undefined {
  if (acl !== undefined && !CANNED_ACLS.includes(acl)) {
    throw new Error(`${where}: acl '${acl}' is not a canned ACL; use one of ${CANNED_ACLS.join(', ')}.`);
  }
  return acl;
}

function literalTags(where: string, tags: { [key: string]: string }): Record<string, string> {
  for (const [k, v] of Object.entries(tags)) {
    if (Token.isUnresolved(k) || Token.isUnresolved(v)) {
      throw new Error(`${where}: objectTags must be the literal tags the code sends; '${k}' holds a token.`);
    }
  }
  return { ...tags };
}

function literalString(where: string, prop: string, value: string | undefined): string | undefined {
  if (value !== undefined && Token.isUnresolved(value)) {
    throw new Error(`${where}: ${prop} must be a literal string, not a token.`);
  }
  return value;
}

/** An access point ARN as given, or the construct path of the app's CfnAccessPoint it names or references. */
function accessPoint(fn: IConstruct, where: string, value: string): string {
  const referenced = referencedCfnResource(value, ACCESS_POINT);
  if (referenced) return referenced.node.path;
  literalString(where, 'accessPoint', value);
  if (value.startsWith('arn:')) return value;
  const construct = constructAtPath(fn, value);
  return (construct && ownCfnResource(construct, ACCESS_POINT)?.node.path) ?? value;
}
