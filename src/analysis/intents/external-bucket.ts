import { BucketReference } from '../../contract/intent';
import { opaque } from '../cfn/opaque';
import { AnalysisEnvironment } from '../input';
import { arnFields } from '../model/helpers';
import { BucketModel, PolicyDoc } from '../model/types';

/**
 * A bucket outside the app, as far as the intent and the environment describe it. Its policy, account and
 * default encryption come from `externalBucketPolicies`, `externalBucketAccounts` and the intent's
 * `encryptionKeyArn`; what is not given is unknown (policy, account) or an assumption stated in the notes.
 */
export function externalBucket(ref: BucketReference, name: string, partition: string, environment: AnalysisEnvironment,
  keyArn: string | undefined, ownerStatementsOutput?: string): BucketModel {
  // A SecureLambdaWriter wrote the statements the owner must add into an output: point there.
  const ownerHint = ownerStatementsOutput
    ? `; the statements its owner must add for this writer are in output ${ownerStatementsOutput}` : '';
  const arnInfo = ref.bucketArn ? arnFields(ref.bucketArn) : undefined;
  const accounts = environment.externalBucketAccounts ?? {};
  const account = ref.account ?? (Object.prototype.hasOwnProperty.call(accounts, name) ? accounts[name] : undefined);
  const policies = environment.externalBucketPolicies ?? {};
  const given = Object.prototype.hasOwnProperty.call(policies, name);
  // `{}` or null: the user says the bucket has no policy.
  const none = given && (policies[name] === null || (typeof policies[name] === 'object' && Object.keys(policies[name] as object).length === 0));
  const policy: PolicyDoc | undefined = none ? undefined : given
    ? {
      id: `externalBucketPolicies[${name}]`,
      document: policies[name],
      source: { description: `bucket policy of ${name} (from externalBucketPolicies)`, location: name, environmentProp: 'externalBucketPolicies' },
    }
    : {
      id: `externalBucketPolicies[${name}]`,
      missing: isWildcard(name) ? wildcardNameProblem(name, ref)
        : `bucket ${name} is not defined in the app: give its policy in \`externalBucketPolicies\` (use {} if it has none)${ownerHint}`,
      source: { description: `bucket policy of ${name}`, location: name, environmentProp: 'externalBucketPolicies' },
    };
  const assumptions: string[] = [];
  if (!keyArn) {
    assumptions.push(`default encryption of bucket ${name} is not in the templates: assumed not SSE-KMS (record its key as encryptionKeyArn otherwise)`);
  }
  return {
    display: name,
    name,
    arn: `arn:${arnInfo?.partition ?? partition}:s3:::${name}`,
    account: account ?? opaque(`account of bucket ${name}: give it in \`externalBucketAccounts\``),
    region: ref.region ?? opaque(`region of bucket ${name}`),
    partition: arnInfo?.partition ?? partition,
    encryption: keyArn ? { algorithm: 'aws:kms', kmsMasterKeyId: keyArn, bucketKeyEnabled: false } : undefined,
    policy,
    external: true,
    assumptions,
  };
}

/** Bucket names hold no `*` or `?` (S3 User Guide, "Bucket naming rules"): such a name is an IAM wildcard. */
function isWildcard(name: string): boolean {
  return /[*?]/.test(name);
}

/**
 * The write names a wildcard, not a bucket (an imported bucket built from `arn:aws:s3:::*`): the grants written
 * for it cover every bucket the pattern matches, and no one policy can be given for it.
 */
function wildcardNameProblem(name: string, ref: BucketReference): string {
  const from = ref.bucketArn ? ` (from the bucket ARN ${ref.bucketArn})` : '';
  return `"${name}"${from} is a wildcard, not a bucket name: the role's grants on it allow writes to every bucket matching "${name}", `
    + 'whose policies the templates cannot show; name the bucket exactly';
}
