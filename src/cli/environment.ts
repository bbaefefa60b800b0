import { CheckOptions, KeyedValue } from './args';
import { readBlockPublicAccessFile, readPolicyFile, readPolicyLevelFile } from './policy-file';
import { AnalysisEnvironment, BlockPublicAccessSettings } from '../analysis/input';

/**
 * The analysis environment from the command-line options: the same facts the checker's props carry, read from
 * the files the options name. Options not given stay undefined, so the analysis says what it assumed.
 */
export function environmentFromOptions(options: CheckOptions): AnalysisEnvironment {
  return {
    serviceControlPolicies: options.scpFiles.length > 0 ? options.scpFiles.map(f => readPolicyLevelFile(f, '--scp')) : undefined,
    resourceControlPolicies: options.rcpFiles.length > 0 ? options.rcpFiles.map(f => readPolicyLevelFile(f, '--rcp')) : undefined,
    organizationId: options.organizationId,
    externalBucketPolicies: policiesByKey(options.bucketPolicies, '--bucket-policy'),
    externalBucketAccounts: options.bucketAccounts.length > 0
      ? Object.fromEntries(options.bucketAccounts.map(kv => [kv.key, kv.value]))
      : undefined,
    requesterPaysBuckets: options.requesterPaysBuckets.length > 0
      ? Object.fromEntries(options.requesterPaysBuckets.map(name => [name, true]))
      : undefined,
    externalKeyPolicies: policiesByKey(options.keyPolicies, '--key-policy'),
    externalManagedPolicies: policiesByKey(options.managedPolicies, '--managed-policy'),
    accountBlockPublicAccess: blockPublicAccessByAccount(options.accountBlockPublicAccess),
    defaultAccount: options.defaultAccount,
    strict: options.strict,
  };
}

function policiesByKey(entries: readonly KeyedValue[], flag: string): Record<string, unknown> | undefined {
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(kv => [kv.key, readPolicyFile(kv.value, flag)]));
}

function blockPublicAccessByAccount(entries: readonly KeyedValue[]): Record<string, BlockPublicAccessSettings> | undefined {
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(kv => [kv.key, readBlockPublicAccessFile(kv.value, '--account-bpa')]));
}
