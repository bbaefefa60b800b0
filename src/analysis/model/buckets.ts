import { parseBucketSettings } from './bucket-settings';
import { sourceOf } from './helpers';
import { deploymentDoubt, maybeInForce, notInForceSource } from './in-force';
import { BucketEncryption, BucketModel, PolicyDoc, PolicySource } from './types';
import { globMatch } from '../../iam/match/glob';
import { parseJsonText } from '../../iam/policy/json-text';
import { describeJson } from '../../iam/policy/values';
import { describeSymbolic } from '../../iam/symbolic';
import { isRecord, ResourceEntry } from '../cfn/assembly-index';
import { opaque } from '../cfn/opaque';
import { AssemblyResolver } from '../cfn/resolve';

/** A bucket policy of the app with the resolved `Bucket` it names. */
export interface BucketPolicyResource {
  readonly entry: ResourceEntry;
  /** The resolved `Bucket` property as it is: a name (possibly holding atoms), or anything else the template says. */
  readonly bucket: unknown;
  /** The account of the stack that deploys it: a bucket policy can only be put on a bucket of that account. */
  readonly account: string;
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
    out.push({ entry, bucket: props.Bucket, account: r.env.account, document: props.PolicyDocument, doubt: deploymentDoubt(entry, resolver) });
  }
  return out;
}

/** A bucket of the app as bucket policies see it. */
export interface PolicyTarget {
  readonly name: string;
  readonly account: string;
  readonly display: string;
}

/** A bucket policy that certainly or possibly applies to one bucket; `unresolved` says why it is only possible. */
interface ApplyingPolicy {
  readonly policy: BucketPolicyResource;
  readonly unresolved?: string;
}

/**
 * Which bucket policies may be a bucket's policy. One whose `Bucket` is that bucket's name applies; one whose
 * `Bucket` is the name of another bucket of the app does not (two buckets never share a name), nor one whose
 * `Bucket` can be told apart from the name (a literal against a generated name), nor one in a stack of another
 * account: PutBucketPolicy is only for "the AWS account that owns the bucket" (S3 API Reference, PutBucketPolicy,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html). Any other — a `Bucket` read through
 * a cross-region reference, an import no stack exports, a parameter, an undecided `Fn::If`, or not a name at
 * all — may be this bucket's policy: dropping it would drop its Denies (a false ALLOW), counting it would be a
 * guess (a false DENY), so it is kept as possibly in force.
 */
export class BucketPolicyIndex {
  private readonly byName = new Map<string, BucketPolicyResource[]>();
  private readonly unresolved: BucketPolicyResource[] = [];

  constructor(policies: readonly BucketPolicyResource[], appBucketNames: ReadonlySet<string>) {
    for (const p of policies) {
      if (typeof p.bucket === 'string' && appBucketNames.has(p.bucket)) {
        this.byName.set(p.bucket, [...(this.byName.get(p.bucket) ?? []), p]);
      } else {
        this.unresolved.push(p);
      }
    }
  }

  /** The policies that apply to the bucket for certain, then those that may. */
  applyingTo(bucket: PolicyTarget): ApplyingPolicy[] {
    const certain = (this.byName.get(bucket.name) ?? []).map((policy) => ({ policy }));
    const possible = this.unresolved.flatMap((policy) => {
      const unresolved = mayNameBucket(policy, bucket);
      return unresolved === undefined ? [] : [{ policy, unresolved }];
    });
    return [...certain, ...possible];
  }
}

/** Why a policy whose `Bucket` is not the name of a bucket of the app may still name this one; undefined when it cannot. */
function mayNameBucket(policy: BucketPolicyResource, bucket: PolicyTarget): string | undefined {
  if (globMatch(policy.account, bucket.account, { wildcards: false }) === 'false') return undefined;
  const value = policy.bucket;
  if (typeof value !== 'string') {
    return value === undefined ? 'it has no Bucket' : `its Bucket is not a bucket name (got ${describeJson(value)})`;
  }
  if (globMatch(value, bucket.name, { wildcards: false }) === 'false') return undefined;
  return `its Bucket (${describeSymbolic(value)}) is not resolved from the templates`;
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
 * statements then count as possibly in force ('unknown'), as do those of a policy whose Condition is undecided
 * and those of a policy that may or may not be this bucket's (`BucketPolicyIndex`).
 */
export function bucketPolicyFor(bucket: PolicyTarget, policies: BucketPolicyIndex): BucketPolicyModel {
  const { display } = bucket;
  const mine = policies.applyingTo(bucket);
  if (mine.length === 0) return { notes: [] };
  if (mine.length === 1) {
    const { policy: p, unresolved } = mine[0];
    const doc: PolicyDoc = { id: p.entry.display, document: p.document, source: policySource(p.entry) };
    const doubts = doubtsOf(mine[0], display);
    if (doubts.length === 0) return { policy: doc, notes: [] };
    const reason = doubts.join('; ');
    const advice = unresolved ? ' Give it a Bucket the templates decide, or acknowledge UNRESOLVED if it is another bucket\'s policy.' : '';
    return { policy: maybeInForce(doc, reason), notes: [`Bucket policy ${p.entry.display} may not be in force on ${display}: ${reason}.${advice}`] };
  }
  const names = mine.map((m) => m.policy.entry.display).join(', ');
  const certainly = mine.every((m) => m.unresolved === undefined) ? 'has' : 'may have';
  const competing = `${display} ${certainly} ${mine.length} bucket policy resources (${names}) and S3 keeps only the one applied last, which the templates do not decide`;
  const statements: unknown[] = [];
  const origins: { source: PolicySource; index: number }[] = [];
  for (const m of mine) {
    const source = notInForceSource(policySource(m.policy.entry), [competing, ...doubtsOf(m, display)].join('; '));
    statementsOf(m.policy.document).forEach((s, index) => {
      statements.push(s);
      origins.push({ source, index });
    });
  }
  const combined: PolicyDoc = {
    id: `${display} (combined bucket policies)`,
    document: { Version: '2012-10-17', Statement: statements },
    source: sourceOf(mine[0].policy.entry, `bucket policies of ${display}`, 'Properties/PolicyDocument'),
    origins,
  };
  const doubts = mine.flatMap((m) => doubtsOf(m, display).map((d) => `${m.policy.entry.display}: ${d}`));
  return {
    policy: maybeInForce(combined, [competing, ...doubts].join('; ')),
    notes: [`${competing}: each of their statements may or may not be in force, so none decides the write alone. Merge them into one AWS::S3::BucketPolicy.`],
  };
}

/** Why one applying policy may not be in force on the bucket: an undecided Condition, a Bucket that may be another. */
function doubtsOf({ policy, unresolved }: ApplyingPolicy, display: string): string[] {
  return [
    ...(unresolved ? [`${unresolved}, so it may or may not be the policy of ${display}`] : []),
    ...(policy.doubt ? [policy.doubt] : []),
  ];
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

/** The bucket's name as its `Ref` resolves (the same string every time: equal names are the same bucket). */
export function bucketName(entry: ResourceEntry, resolver: AssemblyResolver): string {
  return resolver.forStack(entry.stack).resolveString({ Ref: entry.logicalId }) ?? opaque(`name of ${entry.display}`);
}

export function buildBucket(entry: ResourceEntry, resolver: AssemblyResolver, policies: BucketPolicyIndex): BucketModel {
  const r = resolver.forStack(entry.stack);
  const props = r.properties(entry);
  const name = bucketName(entry, resolver);
  const policy = bucketPolicyFor({ name, account: r.env.account, display: entry.display }, policies);
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
    settings: parseBucketSettings(entry.display, props),
    policy: policy.policy,
    external: false,
    assumptions: [...policy.notes, ...(doubt ? [`Bucket ${entry.display} may not be deployed: ${doubt}.`] : [])],
  };
}
