/**
 * Reads the error an AWS SDK logged when S3 or KMS refused a write, in any of the shapes the SDKs log it (the
 * JavaScript v3 error object as JSON, boto3's `An error occurred (Code) when calling the X operation: …`, Java's
 * `…Exception: message (Service: …, Status Code: …, Request ID: …)`), wrapped over lines or not.
 *
 * Message forms (AWS: "Troubleshoot access denied (403 Forbidden) errors in Amazon S3" and "Troubleshoot access
 * denied error messages" in the IAM User Guide):
 * - extended: `User: <principal ARN> is not authorized to perform: <action> on resource: "<ARN>" because no
 *   <policy type> allows the <action> action` or `… with an explicit deny in a(n) <policy type>`;
 * - bare: `Access Denied` (cross-account requests, and the messages before the extended ones);
 * - `AccessControlListNotSupported`: "The bucket does not allow ACLs";
 * - `InvalidRequest` about Object Lock (a lock header on a bucket without Object Lock, or no checksum with one);
 * - KMS `AccessDeniedException`, extended (as above, the key ARN as resource) or not.
 */

/** The forms the command tells apart. */
export type DenialForm = 'extended' | 'bare-access-denied' | 'acl-not-supported' | 'object-lock-request' | 'kms-access-denied';

/** The policy types AWS names in an extended message, as it spells them. */
export const POLICY_TYPES = [
  'identity-based policy',
  'resource-based policy',
  'service control policy',
  'resource control policy',
  'VPC endpoint policy',
  'permissions boundary',
  'session policy',
] as const;
export type PolicyType = typeof POLICY_TYPES[number];

/** Why AWS says it denied: no Allow in a policy type (implicit) or a Deny in it (explicit). */
export interface DenialReason {
  readonly explicit: boolean;
  readonly policyType: PolicyType;
}

export interface ParsedDenial {
  readonly form: DenialForm;
  /** The error code the SDK logged, when the text has one (`AccessDenied`, `AccessDeniedException`, …). */
  readonly errorCode?: string;
  /** The service message, whitespace collapsed. */
  readonly message: string;
  readonly principalArn?: string;
  /** From an `assumed-role` principal: the role's name and the session (for Lambda, the function's name). */
  readonly roleName?: string;
  readonly sessionName?: string;
  readonly account?: string;
  readonly action?: string;
  readonly resourceArn?: string;
  /** From an S3 object ARN. */
  readonly bucket?: string;
  readonly key?: string;
  /** From a KMS key ARN. */
  readonly kmsKeyArn?: string;
  readonly reason?: DenialReason;
  readonly requestId?: string;
}

const ARN_PARTITION = 'aws(?:-cn|-us-gov|-iso[a-z-]*)?';
const POLICY_TYPE_ALTERNATIVES = POLICY_TYPES.map(escapeRegExp).join('|');
/** The extended message; the resource is quoted by S3 and bare in KMS's messages. */
const EXTENDED = new RegExp(
  'User: (arn:[^\\s"]+) is not authorized to perform: ([A-Za-z0-9-]+:[A-Za-z0-9]+) on resource: (?:"([^"]+)"|(arn:[^\\s"]+))' +
  `(?: because no (${POLICY_TYPE_ALTERNATIVES}) allows the [A-Za-z0-9-]+:[A-Za-z0-9]+ action| with an explicit deny in an? (${POLICY_TYPE_ALTERNATIVES}))?`,
);
const ASSUMED_ROLE = new RegExp(`^arn:${ARN_PARTITION}:sts::(\\d{12}):assumed-role/([^/]+)/(.+)$`);
const IAM_PRINCIPAL = new RegExp(`^arn:${ARN_PARTITION}:iam::(\\d{12}):(?:role|user)/(?:.*/)?([^/]+)$`);
const S3_OBJECT = new RegExp(`^arn:${ARN_PARTITION}:s3:::([^/]+)(?:/(.*))?$`);
const KMS_KEY = new RegExp(`^arn:${ARN_PARTITION}:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+$`);

/** Codes as each SDK prints them: `"Code":"X"`, `"name":"X"`, `(X)`, `Error Code: X`, `X:` at a line start. */
const ERROR_CODES = ['AccessDeniedException', 'AccessControlListNotSupported', 'AccessDenied', 'InvalidRequest'];
const OBJECT_LOCK_REQUEST = /Object Lock/i;
const ACL_NOT_SUPPORTED_TEXT = /does not allow ACLs/i;
const BARE_ACCESS_DENIED = /\bAccess Denied\b/;
const REQUEST_ID = /(?:"requestId"\s*:\s*"|"RequestId"\s*:\s*"|Request ID:\s*|RequestId:\s*)([A-Za-z0-9-]{8,})/;

/**
 * @returns the denial the text reports, or undefined when it holds none of the forms above
 */
export function parseDenial(text: string): ParsedDenial | undefined {
  const flat = flatten(text);
  const errorCode = errorCodeIn(flat);
  const requestId = REQUEST_ID.exec(flat)?.[1];
  const extended = EXTENDED.exec(flat);
  if (extended) return { ...extendedDenial(extended, errorCode), requestId };
  if (errorCode === 'AccessControlListNotSupported' || ACL_NOT_SUPPORTED_TEXT.test(flat)) {
    return { form: 'acl-not-supported', errorCode: 'AccessControlListNotSupported', message: 'The bucket does not allow ACLs', requestId };
  }
  if (errorCode === 'InvalidRequest' && OBJECT_LOCK_REQUEST.test(flat)) {
    return { form: 'object-lock-request', errorCode, message: sentenceAround(flat, OBJECT_LOCK_REQUEST), requestId };
  }
  if (errorCode === 'AccessDeniedException') {
    return { form: 'kms-access-denied', errorCode, message: 'AccessDeniedException', requestId };
  }
  if (errorCode === 'AccessDenied' || BARE_ACCESS_DENIED.test(flat)) {
    return { form: 'bare-access-denied', errorCode: 'AccessDenied', message: 'Access Denied', requestId };
  }
  return undefined;
}

function extendedDenial(match: RegExpExecArray, errorCode: string | undefined): ParsedDenial {
  const [message, principalArn, action, quotedResource, bareResource, implicitType, explicitType] = match;
  const resourceArn = quotedResource ?? bareResource;
  const role = ASSUMED_ROLE.exec(principalArn);
  const iamPrincipal = role ? undefined : IAM_PRINCIPAL.exec(principalArn);
  const object = S3_OBJECT.exec(resourceArn);
  const policyType = (implicitType ?? explicitType) as PolicyType | undefined;
  const isKms = action.toLowerCase().startsWith('kms:');
  return {
    form: isKms && errorCode === 'AccessDeniedException' ? 'kms-access-denied' : 'extended',
    errorCode: errorCode ?? (isKms ? 'AccessDeniedException' : 'AccessDenied'),
    message,
    principalArn,
    roleName: role?.[2] ?? iamPrincipal?.[2],
    sessionName: role?.[3],
    account: role?.[1] ?? iamPrincipal?.[1],
    action,
    resourceArn,
    bucket: object?.[1],
    key: object?.[2],
    kmsKeyArn: KMS_KEY.test(resourceArn) ? resourceArn : undefined,
    reason: policyType ? { explicit: explicitType !== undefined, policyType } : undefined,
  };
}

/**
 * One line of plain text: JSON string escapes undone (the v3 SDK's error object is logged as JSON, so quotes
 * around the resource arrive as `\"`), and every run of whitespace — line breaks of wrapped log lines
 * included — made one space.
 */
function flatten(text: string): string {
  return text
    .replace(/\\r|\\n|\\t/g, ' ')
    .replace(/\\"/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

function errorCodeIn(flat: string): string | undefined {
  for (const code of ERROR_CODES) {
    const shapes = [`"Code":"${code}"`, `"Code": "${code}"`, `"name":"${code}"`, `"name": "${code}"`, `"errorType":"${code}"`,
      `"errorType": "${code}"`, `(${code})`, `Error Code: ${code}`, `${code}:`, `<Code>${code}</Code>`];
    if (shapes.some(shape => flat.includes(shape))) return code;
  }
  return undefined;
}

/** The sentence of `flat` that holds the pattern: the service message without the SDK's framing. */
function sentenceAround(flat: string, pattern: RegExp): string {
  const sentence = flat.split(/(?<=[.!?"])\s+|"message"\s*:\s*"|"errorMessage"\s*:\s*"/).find(part => pattern.test(part)) ?? flat;
  return sentence.replace(/["},]+$/, '').trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
