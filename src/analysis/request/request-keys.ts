/**
 * Condition keys whose value the *request* decides (the code's headers and tags) or the network path decides,
 * as opposed to keys the templates or the environment decide. A verdict that hinges only on these is
 * CONDITIONAL: the code (or the network) can make the write work.
 */

/** Header-driven S3 keys (Service Authorization Reference, Amazon S3 condition keys). */
const HEADER_KEYS = [
  's3:x-amz-server-side-encryption',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  's3:x-amz-server-side-encryption-customer-algorithm',
  's3:x-amz-acl',
  's3:x-amz-storage-class',
  's3:x-amz-content-sha256',
  's3:x-amz-website-redirect-location',
  's3:x-amz-metadata-directive',
  's3:x-amz-copy-source',
  's3:x-amz-grant-full-control',
  's3:x-amz-grant-read',
  's3:x-amz-grant-read-acp',
  's3:x-amz-grant-write',
  's3:x-amz-grant-write-acp',
  's3:object-lock-mode',
  's3:object-lock-retain-until-date',
  's3:object-lock-remaining-retention-days',
  's3:object-lock-legal-hold',
  's3:requestobjecttagkeys',
];

const NETWORK_KEYS = ['aws:sourceip', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:vpcsourceip', 'aws:sourcevpcarn'];

export function isHeaderKey(key: string): boolean {
  const k = key.toLowerCase();
  return HEADER_KEYS.includes(k) || k.startsWith('s3:requestobjecttag/');
}

export function isNetworkKey(key: string): boolean {
  return NETWORK_KEYS.includes(key.toLowerCase());
}

/** Keys the request carries as sent by the code; `aws:SecureTransport` too (the code chooses HTTPS). */
export function isRequestSideKey(key: string): boolean {
  return isHeaderKey(key) || isNetworkKey(key) || key.toLowerCase() === 'aws:securetransport';
}

/** The header keys the profile may send, listed for unknown profiles (inferred intents). */
export const PROFILE_HEADER_KEYS: readonly string[] = HEADER_KEYS.filter((k) => k !== 's3:requestobjecttagkeys')
  .concat(['s3:RequestObjectTagKeys']);

/** How the code sets what a header key checks: the HTTP header and the AWS SDK for JavaScript v3 parameter. */
export function headerHint(key: string): { header: string; sdk: string } | undefined {
  const k = key.toLowerCase();
  if (k.startsWith('s3:requestobjecttag/')) return { header: 'x-amz-tagging', sdk: `Tagging: '${key.slice('s3:RequestObjectTag/'.length)}=<value>'` };
  const table: Record<string, { header: string; sdk: string }> = {
    's3:x-amz-server-side-encryption': { header: 'x-amz-server-side-encryption', sdk: 'ServerSideEncryption' },
    's3:x-amz-server-side-encryption-aws-kms-key-id': { header: 'x-amz-server-side-encryption-aws-kms-key-id', sdk: 'SSEKMSKeyId' },
    's3:x-amz-server-side-encryption-customer-algorithm': { header: 'x-amz-server-side-encryption-customer-algorithm', sdk: 'SSECustomerAlgorithm' },
    's3:x-amz-acl': { header: 'x-amz-acl', sdk: 'ACL' },
    's3:x-amz-storage-class': { header: 'x-amz-storage-class', sdk: 'StorageClass' },
    's3:object-lock-mode': { header: 'x-amz-object-lock-mode', sdk: 'ObjectLockMode' },
    's3:object-lock-retain-until-date': { header: 'x-amz-object-lock-retain-until-date', sdk: 'ObjectLockRetainUntilDate' },
    's3:object-lock-legal-hold': { header: 'x-amz-object-lock-legal-hold', sdk: 'ObjectLockLegalHoldStatus' },
    's3:requestobjecttagkeys': { header: 'x-amz-tagging', sdk: 'Tagging' },
  };
  return table[k];
}
