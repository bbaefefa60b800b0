import { globMatch } from '../../iam/match/glob';
import { Policy, Statement } from '../../iam/model';
import { describeSymbolic, parseSymbolic } from '../../iam/symbolic';
import { PolicyDoc } from '../model/types';

/**
 * Identity grants of writes whose bucket part is a wildcard: `Resource: "*"`, `arn:aws:s3:::*` followed by any
 * key pattern, `arn:aws:s3:::my-*`. Such a statement lets the role write to every bucket (matching), of every account that lets
 * it in — whatever the finding's verdict, the finding should say so (a construct given an imported bucket whose
 * ARN is `arn:aws:s3:::*` grants exactly this). The S3 ARN format has no account or region: the bucket name is
 * the whole scope (S3 User Guide, "Policy resources for Amazon S3",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/security_iam_service-with-iam.html#security_iam_service-with-iam-id-based-policies-resources).
 */

const WRITE_ACTION = 's3:PutObject';

/** One note per statement of the role that allows the write on a wildcard bucket and may cover `objectArn`. */
export function wildcardBucketGrantNotes(docs: readonly PolicyDoc[], policies: readonly Policy[], objectArn: string,
  show: (value: string) => string): string[] {
  const notes: string[] = [];
  policies.forEach((policy, i) => {
    const description = docs[i]?.source.description ?? policy.id;
    for (const statement of policy.statements) {
      if (!allowsWrite(statement)) continue;
      for (const resource of statement.resource ?? []) {
        const bucket = wildcardBucketOf(resource);
        if (bucket === undefined || safeMatch(resource, objectArn) === 'false') continue;
        const scope = bucket === '*' ? 'every bucket' : `every bucket whose name matches "${describeSymbolic(bucket)}"`;
        notes.push(`statement ${label(statement)} of ${description} allows ${WRITE_ACTION} on ${show(resource)}, which is ${scope}, `
          + 'in this account and any other whose bucket policy lets the role in: name the bucket exactly.');
      }
    }
  });
  return notes;
}

function allowsWrite(statement: Statement): boolean {
  return statement.malformed === undefined && statement.effect === 'Allow'
    && (statement.action ?? []).some((a) => safeMatch(a, WRITE_ACTION, true) === 'true');
}

/**
 * The bucket part of a resource when it holds a literal wildcard (`*` or `?` outside atoms), else undefined.
 * `*` alone is every resource; in an S3 ARN the bucket is what precedes the first `/` of the sixth part; an ARN
 * whose service part is a wildcard (`arn:aws:*:*:*:*`) covers S3 too, with its whole resource part as the bucket.
 */
export function wildcardBucketOf(resource: string): string | undefined {
  if (resource === '*') return '*';
  const parts = resource.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || safeMatch(parts[2], 's3', true) === 'false') return undefined;
  const bucket = parts.slice(5).join(':').split('/')[0];
  const literal = parseSymbolic(bucket).map((p) => ('literal' in p ? p.literal : '')).join('');
  return /[*?]/.test(literal) ? bucket : undefined;
}

function label(statement: Statement): string {
  return statement.sid !== undefined ? `"${statement.sid}"` : `#${statement.index}`;
}

function safeMatch(pattern: string, value: string, ignoreCase = false) {
  try {
    return globMatch(pattern, value, { wildcards: true, ignoreCase });
  } catch {
    return 'unknown';
  }
}
