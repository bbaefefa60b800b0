import { sourceOf, tagsOf } from './helpers';
import { deploymentDoubt, maybeInForce, notInForceSource } from './in-force';
import { BucketEncryption, BucketModel, PolicyDoc, PolicySource } from './types';
import { parseJsonText } from '../../iam/policy/json-text';
import { isRecord, ResourceEntry } from '../cfn/assembly-index';
import { opaque } from '../cfn/opaque';
import { AssemblyResolver } from '../cfn/resolve';

/** A bucket policy of the app with the resolved `Bucket` it names. */
export interface BucketPolicyResource {
  readonly entry: ResourceEntry;
  readonly bucket: string;
  readonly document: unknown;
  /** Why it may not be deployed (its Condition is undecided); undefined when it is. */
  readonly doubt?: string;
}

export function collectBucketPolicies(entries: readonly ResourceEntry[], resolver: AssemblyResolver): BucketPolicyResource[] {
  const out: BucketPolicyResource[] = [];
  for (const entry of entries) {
    if (entry.type !== 'AWS::S3::BucketPolicy') continue;
    const r = resolver.forStack(entry.stack);
    if (r.deployed(entry) === 'false') continue;
    const props = r.properties(entry);
    if (typeof props.Bucket === 'string') {
      out.push({ entry, bucket: props.Bucket, document: props.PolicyDocument, doubt: deploymentDoubt(entry, resolver) });
    }
  }
  return out;
}

/** The policy of a bucket and the notes that explain it. */
export interface BucketPolicyModel {
  readonly policy?: PolicyDoc;
  readonly notes: readonly string[];
}

/**
 * The policy of a bucket: one `AWS::S3::BucketPolicy`, or several combined into one document, each statement
 * traced back to its resource. A bucket has one policy: PutBucketPolicy replaces it whole ("If a policy already
 * exists for the specified bucket, the new policy will replace the existing policy": S3 API Reference,
 * PutBucketPolicy, https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html). With several
 * resources only the one CloudFormation applies last is in force, and the templates do not say which: all their
 * statements then count as possibly in force ('unknown'), as do those of a policy whose Condition is undecided.
 */
export function bucketPolicyFor(bucketName: string, display: string, policies: readonly BucketPolicyResource[]): BucketPolicyModel {
  const mine = policies.filter((p) => p.bucket === bucketName);
  if (mine.length === 0) return { notes: [] };
  if (mine.length === 1) {
    const p = mine[0];
    const doc: PolicyDoc = { id: p.entry.display, document: p.document, source: policySource(p.entry) };
    if (!p.doubt) return { policy: doc, notes: [] };
    return { policy: maybeInForce(doc, p.doubt), notes: [`Bucket policy ${p.entry.display} may not be in force: ${p.doubt}.`] };
  }
  const names = mine.map((p) => p.entry.display).join(', ');
  const competing = `${display} has ${mine.length} bucket policy resources (${names}) and S3 keeps only the one applied last, which the templates do not decide`;
  const statements: unknown[] = [];
  const origins: { source: PolicySource; index: number }[] = [];
  for (const p of mine) {
    const source = notInForceSource(policySource(p.entry), [competing, ...(p.doubt ? [p.doubt] : [])].join('; '));
    statementsOf(p.document).forEach((s, index) => {
      statements.push(s);
      origins.push({ source, index });
    });
  }
  const combined: PolicyDoc = {
    id: `${display} (combined bucket policies)`,
    document: { Version: '2012-10-17', Statement: statements },
    source: sourceOf(mine[0].entry, `bucket policies of ${display}`, 'Properties/PolicyDocument'),
    origins,
  };
  const doubts = mine.flatMap((p) => (p.doubt ? [`${p.entry.display}: ${p.doubt}`] : []));
  return {
    policy: maybeInForce(combined, [competing, ...doubts].join('; ')),
    notes: [`${competing}: each of their statements may or may not be in force, so none decides the write alone. Merge them into one AWS::S3::BucketPolicy.`],
  };
}

/**
 * The statements of one document (an object or its JSON text). A document that cannot be read stands as one
 * statement that is not an object, which the parser marks malformed: it may allow or deny, never silently nothing.
 */
function statementsOf(document: unknown): unknown[] {
  let parsed = document;
  if (typeof document === 'string') {
    try {
      parsed = parseJsonText(document);
    } catch {
      return [document];
    }
  }
  const list = isRecord(parsed) ? parsed.Statement : undefined;
  if (Array.isArray(list)) return list;
  return list === undefined || !isRecord(list) ? [document] : [list];
}

function policySource(entry: ResourceEntry): PolicySource {
  return sourceOf(entry, `bucket policy ${entry.display}`, 'Properties/PolicyDocument');
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
  const policy = bucketPolicyFor(name, entry.display, policies);
  const doubt = deploymentDoubt(entry, resolver);
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
    policy: policy.policy,
    external: false,
    properties: props,
    assumptions: [...policy.notes, ...(doubt ? [`Bucket ${entry.display} may not be deployed: ${doubt}.`] : [])],
  };
}
