import {
  ACL_NOT_SUPPORTED_MESSAGE, DEMO, OBJECT_LOCK_CHECKSUM_MESSAGE, OBJECT_LOCK_MISSING_MESSAGE, boto3, explicit, implicit,
  javaV1, javaV2, jsV3, kmsExtended, s3Extended,
} from './denial-messages';
import { parseDenial, POLICY_TYPES } from '../../../src/cli/explain/parse-denial';

const { role, fn, bucket } = DEMO.readOnly;
const KEY = 'results/2025/03/report 1.json';

describe('the extended S3 message: principal, action, bucket, key and each reason AWS gives', () => {
  test.each(POLICY_TYPES.map(type => [type]))('because no %s allows', (type) => {
    const parsed = parseDenial(jsV3('AccessDenied', s3Extended(role, fn, bucket, KEY, implicit(type))));
    expect(parsed).toMatchObject({
      form: 'extended',
      errorCode: 'AccessDenied',
      roleName: role,
      sessionName: fn,
      account: '111111111111',
      action: 's3:PutObject',
      bucket,
      key: KEY,
      reason: { explicit: false, policyType: type },
      requestId: 'V3REQ1234ABCD5678',
    });
  });

  test.each(POLICY_TYPES.map(type => [type]))('with an explicit deny in a(n) %s', (type) => {
    expect(parseDenial(boto3('AccessDenied', s3Extended(role, fn, bucket, KEY, explicit(type))))?.reason)
      .toEqual({ explicit: true, policyType: type });
  });

  test('Java v2 logs no error code: the message alone is enough, request id from "(… Request ID: …)"', () => {
    const parsed = parseDenial(javaV2('S3', s3Extended(role, fn, bucket, KEY, explicit('service control policy'))));
    expect(parsed).toMatchObject({ form: 'extended', errorCode: 'AccessDenied', bucket, key: KEY, requestId: 'JAVAREQ9876ZYXW' });
  });

  test('a log line wrapped in the middle of the message reads the same', () => {
    const wrapped = boto3('AccessDenied', s3Extended(role, fn, bucket, KEY, implicit('identity-based policy')).replace(' is not authorized', '\n  is not authorized').replace(' on resource:', '\n on resource:'));
    expect(parseDenial(wrapped)).toMatchObject({ roleName: role, key: KEY, reason: { explicit: false, policyType: 'identity-based policy' } });
  });

  test('a tagging request names its own action', () => {
    const parsed = parseDenial(jsV3('AccessDenied', s3Extended(role, fn, bucket, KEY, implicit('identity-based policy', 's3:PutObjectTagging'), 's3:PutObjectTagging')));
    expect(parsed?.action).toBe('s3:PutObjectTagging');
  });
});

describe('KMS', () => {
  const { key } = DEMO.keyPolicy;
  test('S3 passes KMS\'s extended message on with code AccessDenied: the key ARN, no bucket', () => {
    const parsed = parseDenial(jsV3('AccessDenied', kmsExtended(DEMO.keyPolicy.role, DEMO.keyPolicy.fn, key, implicit('resource-based policy', 'kms:GenerateDataKey'))));
    expect(parsed).toMatchObject({ form: 'extended', action: 'kms:GenerateDataKey', kmsKeyArn: key, reason: { explicit: false, policyType: 'resource-based policy' } });
    expect(parsed?.bucket).toBeUndefined();
  });

  test('KMS\'s own AccessDeniedException (code called directly), extended', () => {
    const parsed = parseDenial(jsV3('AccessDeniedException', kmsExtended(DEMO.keyPolicy.role, DEMO.keyPolicy.fn, key, explicit('identity-based policy'), 'kms:Decrypt'), 400));
    expect(parsed).toMatchObject({ form: 'kms-access-denied', errorCode: 'AccessDeniedException', action: 'kms:Decrypt', reason: { explicit: true } });
  });

  test('Java v2 KmsException names the action and key', () => {
    const parsed = parseDenial(javaV2('Kms', kmsExtended(DEMO.keyPolicy.role, DEMO.keyPolicy.fn, key, implicit('identity-based policy', 'kms:GenerateDataKey')), 400));
    expect(parsed).toMatchObject({ errorCode: 'AccessDeniedException', action: 'kms:GenerateDataKey', kmsKeyArn: key });
  });
});

describe('the short forms', () => {
  test.each([
    ['boto3', boto3('AccessDenied', 'Access Denied')],
    ['JavaScript v3', jsV3('AccessDenied', 'Access Denied')],
    ['Java v1', javaV1('AccessDenied', 'Access Denied')],
  ])('bare Access Denied (%s)', (_, text) => {
    expect(parseDenial(text)).toMatchObject({ form: 'bare-access-denied', errorCode: 'AccessDenied' });
    expect(parseDenial(text)?.reason).toBeUndefined();
  });

  test('AccessControlListNotSupported', () => {
    expect(parseDenial(boto3('AccessControlListNotSupported', ACL_NOT_SUPPORTED_MESSAGE))).toMatchObject({ form: 'acl-not-supported' });
    expect(parseDenial(jsV3('AccessControlListNotSupported', ACL_NOT_SUPPORTED_MESSAGE, 400))).toMatchObject({ form: 'acl-not-supported' });
  });

  test.each([[OBJECT_LOCK_MISSING_MESSAGE], [OBJECT_LOCK_CHECKSUM_MESSAGE]])('InvalidRequest for Object Lock: %s', (message) => {
    const parsed = parseDenial(jsV3('InvalidRequest', message, 400));
    expect(parsed).toMatchObject({ form: 'object-lock-request', errorCode: 'InvalidRequest' });
    expect(parsed?.message).toContain('Object Lock');
  });

  test('an InvalidRequest about something else, and ordinary text, are not denials', () => {
    expect(parseDenial(boto3('InvalidRequest', 'The storage class you specified is not valid'))).toBeUndefined();
    expect(parseDenial('wrote incoming/x.json')).toBeUndefined();
  });
});
