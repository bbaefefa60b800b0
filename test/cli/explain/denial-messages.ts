/**
 * The error texts S3 and KMS return to a Lambda function's writes, in the shapes the AWS SDKs log them. Shared by
 * the `explain` tests and the access-denied alarm's filter-pattern tests (test/writer/access-denied-alarm.test.ts).
 *
 * The message texts follow the forms AWS documents; account IDs, names, request IDs and keys are made up here:
 * - "Troubleshoot access denied (403 Forbidden) errors in Amazon S3",
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html ("Access denied message
 *   examples and how to troubleshoot them": `User: <arn> is not authorized to perform: s3:PutObject on resource:
 *   "<arn>" because no <type> allows …` / `with an explicit deny in a <type>`, the bare `Access Denied` for
 *   cross-account requests; the ACL and Object Lock sections);
 * - "Troubleshoot access denied error messages", IAM User Guide,
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html (the policy types named);
 * - "Controlling ownership of objects and disabling ACLs", S3 User Guide,
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html (AccessControlListNotSupported,
 *   "The bucket does not allow ACLs");
 * - "Troubleshooting AWS KMS", https://docs.aws.amazon.com/kms/latest/developerguide/policy-evaluation.html
 *   (AccessDeniedException, the key ARN as the resource).
 * The SDK framings: the Lambda Node.js runtime's `Invoke Error` JSON of an aws-sdk-js-v3 ServiceException
 * (`name`, `$fault`, `$metadata.requestId`), botocore's `An error occurred (Code) when calling the PutObject
 * operation: …` (as in public aws-cli / boto3 issue threads, e.g. https://github.com/aws/aws-cli/issues/813), and
 * aws-sdk-java-v2's `S3Exception: … (Service: S3, Status Code: 403, Request ID: …)`.
 */

export const ACCOUNT = '111111111111';

/** Names as CloudFormation generates them for the demo app's broken stacks (stack-logicalId-suffix). */
export const DEMO = {
  readOnly: {
    role: 'BrokenReadOnlyRole-ProcessServiceRole00BB9BEC-Q1w2E3r4T5y6',
    fn: 'BrokenReadOnlyRole-ProcessCB70800C-a1B2c3D4e5F6',
    bucket: 'brokenreadonlyrole-results25575328-1a2b3c4d5e6f',
  },
  keyPolicy: {
    role: 'BrokenKeyPolicy-IngestServiceRole0956ED6B-Zx9Yw8Vu7Ts6',
    fn: 'BrokenKeyPolicy-Ingest4069586C-Hg5Fd4Sa3Qw2',
    bucket: 'brokenkeypolicy-uploads4f6eb0fd-9z8y7x6w5v4u',
    key: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  },
  encryptionHeader: {
    role: 'BrokenEncryptionHeader-IngestServiceRole0956ED6B-Mn1Bv2Cx3Zl4',
    fn: 'BrokenEncryptionHeader-Ingest4069586C-Kj5Hg6Fd7Sa8',
    bucket: 'brokenencryptionheader-uploads4f6eb0fd-0p9o8i7u6y5t',
  },
} as const;

export function assumedRole(role: string, session: string): string {
  return `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`;
}

/** S3's extended message; `reason` is the part after the resource. */
export function s3Extended(role: string, session: string, bucket: string, key: string, reason: string, action = 's3:PutObject'): string {
  return `User: ${assumedRole(role, session)} is not authorized to perform: ${action} on resource: "arn:aws:s3:::${bucket}/${key}" ${reason}`;
}

/** KMS's extended message (the key ARN unquoted). */
export function kmsExtended(role: string, session: string, keyArn: string, reason: string, action = 'kms:GenerateDataKey'): string {
  return `User: ${assumedRole(role, session)} is not authorized to perform: ${action} on resource: ${keyArn} ${reason}`;
}

export const implicit = (type: string, action = 's3:PutObject') => `because no ${type} allows the ${action} action`;
export const explicit = (type: string) => `with an explicit deny in a${/^[aeiou]/i.test(type) ? 'n' : ''} ${type}`;

/** aws-sdk-js-v3 error, as the Lambda Node.js runtime logs an uncaught one (one line, tab-separated). */
export function jsV3(code: string, message: string, status = 403): string {
  const error = { errorType: code, errorMessage: message, name: code, $fault: 'client', $metadata: { httpStatusCode: status, requestId: 'V3REQ1234ABCD5678', extendedRequestId: 'ext/ID+abc=', attempts: 1, totalRetryDelay: 0 }, Code: code, message };
  return `2025-03-04T10:11:12.345Z\t0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b\tERROR\tInvoke Error \t${JSON.stringify(error)}`;
}

/** boto3 (botocore ClientError), as the Lambda Python runtime logs it; wrapped over lines like a copied log. */
export function boto3(code: string, message: string, operation = 'PutObject'): string {
  return `[ERROR] ClientError: An error occurred (${code}) when calling the ${operation} operation:\n${message}\nTraceback (most recent call last):\n  File "/var/task/app.py", line 12, in handler\n    s3.put_object(Bucket=bucket, Key=key, Body=body)`;
}

/** aws-sdk-java-v2 service exception, as a stack trace's first line. */
export function javaV2(service: 'S3' | 'Kms', message: string, status = 403): string {
  const type = service === 'S3' ? 'software.amazon.awssdk.services.s3.model.S3Exception' : 'software.amazon.awssdk.services.kms.model.KmsException';
  return `${type}: ${message} (Service: ${service}, Status Code: ${status}, Request ID: JAVAREQ9876ZYXW, Extended Request ID: abc+def/ghi=)\n\tat software.amazon.awssdk.core.internal.http.CombinedResponseHandler.handleErrorResponse(CombinedResponseHandler.java:125)`;
}

/** aws-sdk-java v1, whose message carries the error code. */
export function javaV1(code: string, message: string): string {
  return `com.amazonaws.services.s3.model.AmazonS3Exception: ${message} (Service: Amazon S3; Status Code: 403; Error Code: ${code}; Request ID: J1REQ55556666; S3 Extended Request ID: xyz=), S3 Extended Request ID: xyz=`;
}

export const ACL_NOT_SUPPORTED_MESSAGE = 'The bucket does not allow ACLs';
export const OBJECT_LOCK_MISSING_MESSAGE = 'Bucket is missing Object Lock Configuration';
export const OBJECT_LOCK_CHECKSUM_MESSAGE = 'Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters';

/** Ordinary lines a writer logs: the alarm must not count them. */
export const ORDINARY_LOG_LINES = [
  'START RequestId: 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b Version: $LATEST',
  '2025-03-04T10:11:12.345Z\t0f1e2d3c\tINFO\twrote incoming/2025/03/04/report.json (ETag "9b2cf535f27731c974343645a3985328")',
  'END RequestId: 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
  'REPORT RequestId: 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b\tDuration: 102.33 ms\tBilled Duration: 103 ms\tMemory Size: 128 MB\tMax Memory Used: 80 MB',
  '2025-03-04T10:11:13.000Z\t0f1e2d3c\tWARN\tretrying PutObject after SlowDown (503)',
];
