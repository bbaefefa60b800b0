import { sourceOf, tagsOf } from './helpers';
import { BucketEncryption, BucketModel, PolicyDoc } from './types';
import { isRecord, ResourceEntry } from '../cfn/assembly-index';
import { opaque } from '../cfn/opaque';
import { AssemblyResolver } from '../cfn/resolve';

/** A bucket policy of the app with the resolved `Bucket` it names. */
export interface BucketPolicyResource {
  readonly entry: ResourceEntry;
  readonly bucket: string;
  readonly document: unknown;
}

export function collectBucketPolicies(entries: readonly ResourceEntry[], resolver: AssemblyResolver): BucketPolicyResource[] {
  const out: BucketPolicyResource[] = [];
  for (const entry of entries) {
    if (entry.type !== 'AWS::S3::BucketPolicy') continue;
    const r = resolver.forStack(entry.stack);
    if (r.deployed(entry) === 'false') continue;
    const props = r.properties(entry);
    if (typeof props.Bucket === 'string') out.push({ entry, bucket: props.Bucket, document: props.PolicyDocument });
  }
  return out;
}

/**
 * The policy of a bucket: one `AWS::S3::BucketPolicy`, or several combined into one document (S3 keeps one
 * policy per bucket; the last deployed wins, so several in one app is itself suspicious — but a Deny in any of
 * them might be the one in force, so all statements count, each traced back to its resource).
 */
export function bucketPolicyFor(bucketName: string, display: string, policies: readonly BucketPolicyResource[]): PolicyDoc | undefined {
  const mine = policies.filter((p) => p.bucket === bucketName);
  if (mine.length === 0) return undefined;
  if (mine.length === 1) {
    const p = mine[0];
    return { id: p.entry.display, document: p.document, source: sourceOf(p.entry, `bucket policy ${p.entry.display}`, 'Properties/PolicyDocument') };
  }
  const statements: unknown[] = [];
  const origins: { source: ReturnType<typeof sourceOf>; index: number }[] = [];
  for (const p of mine) {
    const source = sourceOf(p.entry, `bucket policy ${p.entry.display}`, 'Properties/PolicyDocument');
    const list = isRecord(p.document) ? p.document.Statement : undefined;
    const items = Array.isArray(list) ? list : list === undefined ? [] : [list];
    items.forEach((s, index) => {
      statements.push(s);
      origins.push({ source, index });
    });
  }
  const first = mine[0];
  return {
    id: `${display} (combined bucket policies)`,
    document: { Version: '2012-10-17', Statement: statements },
    source: { ...sourceOf(first.entry, `bucket policies of ${display}`, 'Properties/PolicyDocument') },
    origins,
  };
}

function encryptionOf(props: Record<string, unknown>): BucketEncryption | undefined {
  const config = isRecord(props.BucketEncryption) ? props.BucketEncryption.ServerSideEncryptionConfiguration : undefined;
  const rule = Array.isArray(config) ? config.find(isRecord) : undefined;
  if (!rule) return undefined;
  const byDefault = isRecord(rule.ServerSideEncryptionByDefault) ? rule.ServerSideEncryptionByDefault : {};
  const algorithm = typeof byDefault.SSEAlgorithm === 'string' ? byDefault.SSEAlgorithm : 'AES256';
  return {
    algorithm,
    kmsMasterKeyId: typeof byDefault.KMSMasterKeyID === 'string' ? byDefault.KMSMasterKeyID : undefined,
    bucketKeyEnabled: rule.BucketKeyEnabled === true || rule.BucketKeyEnabled === 'true',
  };
}

export function buildBucket(entry: ResourceEntry, resolver: AssemblyResolver, policies: readonly BucketPolicyResource[]): BucketModel {
  const r = resolver.forStack(entry.stack);
  const props = r.properties(entry);
  const name = r.resolveString({ Ref: entry.logicalId }) ?? opaque(`name of ${entry.display}`);
  const ownershipRules = isRecord(props.OwnershipControls) ? props.OwnershipControls.Rules : undefined;
  const ownershipRule = Array.isArray(ownershipRules) ? ownershipRules.find(isRecord) : undefined;
  const versioning = isRecord(props.VersioningConfiguration) ? props.VersioningConfiguration.Status : undefined;
  return {
    entry,
    display: entry.display,
    name,
    arn: r.resolveString({ 'Fn::GetAtt': [entry.logicalId, 'Arn'] }) ?? opaque(`ARN of ${entry.display}`),
    account: r.env.account,
    region: r.env.region,
    partition: r.env.partition,
    encryption: encryptionOf(props),
    ownership: typeof ownershipRule?.ObjectOwnership === 'string' ? ownershipRule.ObjectOwnership : undefined,
    publicAccessBlock: isRecord(props.PublicAccessBlockConfiguration) ? props.PublicAccessBlockConfiguration : undefined,
    objectLockEnabled: props.ObjectLockEnabled === true || props.ObjectLockEnabled === 'true',
    objectLockConfiguration: props.ObjectLockConfiguration,
    tags: tagsOf(props.Tags),
    abacStatus: typeof props.AbacStatus === 'string' ? props.AbacStatus : undefined,
    versioning: typeof versioning === 'string' ? versioning : undefined,
    policy: bucketPolicyFor(name, entry.display, policies),
    external: false,
    properties: props,
    assumptions: [],
  };
}
