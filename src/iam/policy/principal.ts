import { PrincipalSpec } from '../model';
import { describeJson, isPlainObject, readStringList } from './values';

/** The principal types a Principal object may name (IAM "AWS JSON policy elements: Principal"). */
const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const;

export type PrincipalSpecResult = { readonly spec: PrincipalSpec } | { readonly error: string };

/**
 * Read a Principal or NotPrincipal element: `"*"`, or an object of principal types each holding one value or a
 * list. `{"AWS": "*"}` is the same as `"*"` (IAM Principal element page: both match everyone, anonymous
 * included). Account IDs written as JSON numbers are accepted as strings.
 */
export function parsePrincipalSpec(value: unknown, element: string): PrincipalSpecResult {
  if (value === '*') {
    return { spec: { wildcard: true, aws: [], service: [], federated: [], canonicalUser: [] } };
  }
  if (!isPlainObject(value)) {
    return { error: `${element} must be "*" or an object, got ${describeJson(value)}` };
  }
  const lists: Record<(typeof PRINCIPAL_TYPES)[number], string[]> = { AWS: [], Service: [], Federated: [], CanonicalUser: [] };
  const keys = Object.keys(value);
  if (keys.length === 0) return { error: `${element} is an empty object` };
  for (const key of keys) {
    const type = PRINCIPAL_TYPES.find((t) => t === key);
    if (!type) return { error: `${element} has an unknown principal type "${key}"` };
    const read = readStringList(value[key], `${element}.${key}`, true);
    if ('error' in read) return read;
    lists[type] = read.values;
  }
  return {
    spec: {
      wildcard: lists.AWS.includes('*'),
      aws: lists.AWS.filter((v) => v !== '*'),
      service: lists.Service,
      federated: lists.Federated,
      canonicalUser: lists.CanonicalUser,
    },
  };
}
