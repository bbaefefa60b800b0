/**
 * The small world differential cases are drawn from: two accounts, a few roles, buckets, keys and condition
 * keys. Small on purpose: random policies only say something when their patterns often hit the request.
 * Condition-key types follow the Service Authorization Reference (as iam-data records them), so that the
 * simulator does not coerce or drop what we send.
 */
export const ACCOUNT_A = '111111111111';
export const ACCOUNT_B = '222222222222';
export const ACCOUNTS = [ACCOUNT_A, ACCOUNT_B] as const;

export const ROLE_NAMES = ['writer', 'reader'] as const;
export const SESSION_NAMES = ['ingest-fn', 'other-fn'] as const;
export const USER_NAMES = ['alice', 'bob'] as const;
export const SERVICES = ['lambda.amazonaws.com', 's3.amazonaws.com'] as const;

export const roleArn = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
export const sessionArn = (account: string, role: string, session: string) =>
  `arn:aws:sts::${account}:assumed-role/${role}/${session}`;
export const userArn = (account: string, name: string) => `arn:aws:iam::${account}:user/${name}`;
export const rootArn = (account: string) => `arn:aws:iam::${account}:root`;

export const S3_ACTIONS = ['s3:PutObject', 's3:PutObjectAcl', 's3:PutObjectTagging', 's3:GetObject', 's3:DeleteObject'] as const;
export const KMS_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:Encrypt'] as const;

/** Action patterns statements use: exact, case-varied, `*` and `?` wildcards, other services. */
export const ACTION_PATTERNS = [
  's3:PutObject', 's3:PutObject*', 's3:Put*', 's3:*Object', 's3:Put?bject', 's3:GetObject', 's3:*', '*',
  'S3:putobject', 's3:PutObjectAcl', 's3:PutObjectTagging', 's3:DeleteObject', 's3:ListBucket',
  'kms:GenerateDataKey', 'kms:GenerateDataKey*', 'kms:Decrypt', 'kms:*', 'kms:Encrypt', 'kms:Re*', 'KMS:decrypt',
  'sqs:SendMessage',
] as const;

export const BUCKETS = ['bucket-a', 'bucket-b', 'logs-c'] as const;
export const OBJECT_KEYS = ['incoming/a.txt', 'blue/x.csv', 'shared/y.json', 'Blue/z', 'team/blue/f.bin', 'test/deep/1/test.jpg'] as const;
export const KEY_IDS = ['1234abcd-12ab-34cd-56ef-1234567890ab', '0987dcba-09fe-87dc-65ba-ab0987654321'] as const;

export const kmsKeyArn = (account: string, keyId: string) => `arn:aws:kms:us-east-1:${account}:key/${keyId}`;

/** Resource patterns for S3 statements, including policy variables with and without defaults. */
export const S3_RESOURCE_PATTERNS = [
  'arn:aws:s3:::bucket-a/*', 'arn:aws:s3:::bucket-a/incoming/*', 'arn:aws:s3:::bucket-a', 'arn:aws:s3:::bucket-*/*',
  'arn:aws:s3:::bucket-?/*', 'arn:aws:s3:::*/blue/*', 'arn:aws:s3:::bucket-b/*', 'arn:aws:s3:::logs-c/*',
  'arn:aws:s3:::bucket-a/*test*', 'arn:aws:s3:::BUCKET-A/*', '*', 'arn:aws:s3:::bucket-a/${aws:PrincipalTag/team}/*',
  "arn:aws:s3:::bucket-a/${aws:PrincipalTag/team, 'shared'}/*", 'arn:aws:s3:::*/team/${aws:PrincipalTag/team}/*',
  'arn:aws:s3:::bucket-b/${aws:username}/*', 'arn:aws:s3:::bucket-a/${*}', 'arn:*:s3:::logs-c/*',
] as const;

export const kmsResourcePatterns = (account: string) => [
  `arn:aws:kms:us-east-1:${account}:key/*`, `arn:aws:kms:*:${account}:key/*`, kmsKeyArn(account, KEY_IDS[0]),
  'arn:aws:kms:*:*:key/*', `arn:aws:kms:us-east-1:${account}:alias/*`, '*', 'arn:aws:kms:eu-west-1:*:key/*',
];

export type KeyType = 'String' | 'Bool' | 'Numeric' | 'Date' | 'IPAddress' | 'ARN' | 'ArrayOfString';

export interface ConditionKeySpec {
  readonly key: string;
  readonly type: KeyType;
  /** Values a request may carry (for array keys, the elements). */
  readonly requestValues: readonly string[];
  /** Values policies compare with. */
  readonly policyValues: readonly string[];
  /** Only meaningful for these services' actions (the simulator drops other services' keys). */
  readonly service?: 's3' | 'kms';
}

const fnArn = (account: string, name: string) => `arn:aws:lambda:us-east-1:${account}:function:${name}`;

export const CONDITION_KEYS: readonly ConditionKeySpec[] = [
  { key: 'aws:SecureTransport', type: 'Bool', requestValues: ['true', 'false'], policyValues: ['true', 'false'] },
  { key: 'aws:ViaAWSService', type: 'Bool', requestValues: ['true', 'false'], policyValues: ['true', 'false', 'True'] },
  {
    key: 'aws:PrincipalTag/team',
    type: 'String',
    requestValues: ['blue', 'red', 'Blue'],
    policyValues: ['blue', 'red', 'bl*', 'B?ue', 'BLUE', '${aws:PrincipalTag/project}', "${aws:PrincipalTag/owner, 'blue'}", '${s3:RequestObjectTag/team}'],
  },
  { key: 'aws:PrincipalTag/project', type: 'String', requestValues: ['alpha', 'blue'], policyValues: ['alpha', 'a*', '${aws:PrincipalTag/team}', '*'] },
  { key: 'aws:PrincipalOrgID', type: 'String', requestValues: ['o-abc123', 'o-zzz999'], policyValues: ['o-abc123', 'o-*', 'O-ABC123'] },
  { key: 'aws:SourceVpce', type: 'String', requestValues: ['vpce-1111', 'vpce-2222'], policyValues: ['vpce-1111', 'vpce-2*', 'vpce-3333'] },
  { key: 'aws:PrincipalAccount', type: 'String', requestValues: [ACCOUNT_A, ACCOUNT_B], policyValues: [ACCOUNT_A, ACCOUNT_B, '1111*', '${aws:ResourceAccount}'] },
  { key: 'aws:ResourceAccount', type: 'String', requestValues: [ACCOUNT_A, ACCOUNT_B], policyValues: [ACCOUNT_A, '${aws:PrincipalAccount}'] },
  {
    key: 'aws:PrincipalArn',
    type: 'ARN',
    requestValues: [roleArn(ACCOUNT_A, 'writer'), roleArn(ACCOUNT_B, 'reader'), userArn(ACCOUNT_A, 'alice')],
    policyValues: [roleArn(ACCOUNT_A, 'writer'), `arn:aws:iam::${ACCOUNT_A}:role/*`, 'arn:aws:iam::*:role/reader', `arn:aws:iam::${ACCOUNT_A}:*`, 'arn:aws:iam::*:user/al?ce', '${aws:PrincipalArn}'],
  },
  {
    key: 'aws:SourceArn',
    type: 'ARN',
    requestValues: [fnArn(ACCOUNT_A, 'ingest'), fnArn(ACCOUNT_B, 'ingest')],
    policyValues: [fnArn(ACCOUNT_A, 'ingest'), `arn:aws:lambda:*:${ACCOUNT_A}:function:*`, 'arn:aws:lambda:us-east-1:*:function:in*', 'arn:aws:s3:::bucket-a'],
  },
  { key: 'aws:SourceIp', type: 'IPAddress', requestValues: ['10.0.0.5', '192.168.1.1', '2001:db8::1'], policyValues: ['10.0.0.0/8', '192.168.1.1', '192.168.1.0/24', '2001:db8::/32', '0.0.0.0/0'] },
  {
    key: 'aws:CurrentTime',
    type: 'Date',
    requestValues: ['2026-11-28T16:00:00Z', '2025-01-01T00:00:00Z'],
    policyValues: ['2026-01-01T00:00:00Z', '2026-11-28T16:00:00Z', '2025-06-30', '1767225600'],
  },
  { key: 'aws:EpochTime', type: 'Date', requestValues: ['1764345600', '1735689600'], policyValues: ['1764345600', '1750000000', '2026-01-01T00:00:00Z'] },
  { key: 'aws:MultiFactorAuthAge', type: 'Numeric', requestValues: ['30', '3600', '7200'], policyValues: ['300', '3600', '86400', '0'] },
  { key: 'aws:TagKeys', type: 'ArrayOfString', requestValues: ['team', 'env', 'owner'], policyValues: ['team', 'env', 't*', 'Team'] },
  { key: 'aws:username', type: 'String', requestValues: ['alice', 'bob'], policyValues: ['alice', 'b*', '${aws:PrincipalTag/team}'] },
  { key: 's3:x-amz-server-side-encryption', type: 'String', service: 's3', requestValues: ['aws:kms', 'AES256'], policyValues: ['aws:kms', 'AES256', 'aws:kms*'] },
  { key: 's3:x-amz-acl', type: 'String', service: 's3', requestValues: ['private', 'bucket-owner-full-control', 'public-read'], policyValues: ['bucket-owner-full-control', 'public-*', 'private'] },
  { key: 's3:RequestObjectTagKeys', type: 'ArrayOfString', service: 's3', requestValues: ['team', 'env', 'owner'], policyValues: ['team', 'env', 't*', 'Team'] },
  { key: 's3:RequestObjectTag/team', type: 'String', service: 's3', requestValues: ['blue', 'red'], policyValues: ['blue', '${aws:PrincipalTag/team}', 'r*'] },
  { key: 'kms:ViaService', type: 'String', service: 'kms', requestValues: ['s3.us-east-1.amazonaws.com', 'lambda.us-east-1.amazonaws.com'], policyValues: ['s3.us-east-1.amazonaws.com', 's3.*.amazonaws.com'] },
  { key: 'kms:CallerAccount', type: 'String', service: 'kms', requestValues: [ACCOUNT_A, ACCOUNT_B], policyValues: [ACCOUNT_A, '${aws:PrincipalAccount}'] },
  { key: 'kms:EncryptionContextKeys', type: 'ArrayOfString', service: 'kms', requestValues: ['aws:s3:arn', 'team'], policyValues: ['aws:s3:arn', 'aws:*'] },
  { key: 'kms:EncryptionContext:aws:s3:arn', type: 'String', service: 'kms', requestValues: ['arn:aws:s3:::bucket-a', 'arn:aws:s3:::bucket-b/blue/x.csv'], policyValues: ['arn:aws:s3:::bucket-a', 'arn:aws:s3:::bucket-*'] },
];

/** Base operators by the key type they are written for (string operators apply to every type). */
export const STRING_OPERATORS = ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'] as const;
export const OPERATORS_BY_TYPE: Readonly<Record<KeyType, readonly string[]>> = {
  String: STRING_OPERATORS,
  ArrayOfString: STRING_OPERATORS,
  Bool: ['Bool'],
  Numeric: ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'],
  Date: ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'],
  IPAddress: ['IpAddress', 'NotIpAddress'],
  ARN: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'],
};
