import { CheckOptions, KeyedValue } from './args';
import { readBlockPublicAccessFile, readPolicyFile, readPolicyLevelFile } from './policy-file';
import { AnalysisEnvironment, BlockPublicAccessSettings } from '../analysis/input';

/**
 * The analysis environment from the command-line options: the same facts the checker's props carry, read from
 * the files the options name. Options not given stay undefined, so the analysis says what it assumed.
 */
export function environmentFromOptions(options: CheckOptions): AnalysisEnvironment {
  return {
    serviceControlPolicies: options.scpFiles.length > 0 ? options.scpFiles.map(f => readPolicyLevelFile(f, '--scp', options.limits.maxFileBytes)) : undefined,
    resourceControlPolicies: options.rcpFiles.length > 0 ? options.rcpFiles.map(f => readPolicyLevelFile(f, '--rcp', options.limits.maxFileBytes)) : undefined,
    organizationId: options.organizationId,
    externalBucketPolicies: policiesByKey(options.bucketPolicies, '--bucket-policy', options.limits.maxFileBytes),
    externalBucketAccounts: options.bucketAccounts.length > 0
      ? Object.fromEntries(options.bucketAccounts.map(kv => [kv.key, kv.value]))
      : undefined,
    requesterPaysBuckets: options.requesterPaysBuckets.length > 0
      ? Object.fromEntries(options.requesterPaysBuckets.map(name => [name, true]))
      : undefined,
    externalKeyPolicies: policiesByKey(options.keyPolicies, '--key-policy', options.limits.maxFileBytes),
    externalManagedPolicies: policiesByKey(options.managedPolicies, '--managed-policy', options.limits.maxFileBytes),
    accountBlockPublicAccess: blockPublicAccessByAccount(options.accountBlockPublicAccess, options.limits.maxFileBytes),
    defaultAccount: options.defaultAccount,
    strict: options.strict,
  };
}

function policiesByKey(entries: readonly KeyedValue[], flag: string, maxBytes: number): Record<string, unknown> | undefined {
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(kv => [kv.key, readPolicyFile(kv.value, flag, maxBytes)]));
}

function blockPublicAccessByAccount(entries: readonly KeyedValue[], maxBytes: number): Record<string, BlockPublicAccessSettings> | undefined {
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(kv => [kv.key, readBlockPublicAccessFile(kv.value, '--account-bpa', maxBytes)]));
}
