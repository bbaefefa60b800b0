import { WritePlan } from './write-statements';
import { environmentName } from '../runtime/environment-names';

/**
 * The environment that tells the function's code the contract its writes must follow. Names come from the same
 * list the runtime helper reads (`src/runtime/environment-names.ts`).
 */
export function writerEnvironment(bucketName: string, plan: WritePlan, prefix: string): Record<string, string> {
  const env: Record<string, string> = {
    [environmentName('bucketName', prefix)]: bucketName,
    [environmentName('keyPrefix', prefix)]: plan.keyPrefix,
    [environmentName('serverSideEncryption', prefix)]: plan.encryption.sse,
  };
  if (plan.encryption.sse === 'aws:kms') {
    env[environmentName('kmsKeyArn', prefix)] = plan.encryption.keyArn;
    env[environmentName('bucketKeyEnabled', prefix)] = String(plan.encryption.bucketKeyEnabled);
  }
  if (Object.keys(plan.objectTags).length > 0) {
    env[environmentName('objectTags', prefix)] = JSON.stringify(plan.objectTags);
  }
  if (plan.acl) env[environmentName('acl', prefix)] = plan.acl;
  if (plan.objectLock) {
    env[environmentName('objectLockMode', prefix)] = plan.objectLock.mode;
    env[environmentName('objectLockRetentionDays', prefix)] = String(plan.objectLock.retentionDays);
  }
  if (plan.legalHold) env[environmentName('objectLockLegalHold', prefix)] = 'ON';
  return env;
}

/** The request headers the function's writes carry, as the environment tells it. */
export function requiredHeaders(plan: WritePlan): string[] {
  const headers = ['x-amz-server-side-encryption'];
  if (plan.encryption.sse === 'aws:kms') {
    headers.push('x-amz-server-side-encryption-aws-kms-key-id', 'x-amz-server-side-encryption-bucket-key-enabled');
  }
  if (Object.keys(plan.objectTags).length > 0) headers.push('x-amz-tagging');
  if (plan.acl) headers.push('x-amz-acl');
  if (plan.objectLock) headers.push('x-amz-object-lock-mode', 'x-amz-object-lock-retain-until-date');
  if (plan.legalHold) headers.push('x-amz-object-lock-legal-hold');
  return headers;
}
