import { PolicySource, Tags } from './types';
import { isRecord, ResourceEntry } from '../cfn/assembly-index';

/** CloudFormation `Tags: [{Key, Value}]` as a record; entries that did not resolve to strings are skipped. */
export function tagsOf(value: unknown): Tags {
  const tags: Record<string, string> = {};
  if (!Array.isArray(value)) return tags;
  for (const t of value) {
    if (isRecord(t) && typeof t.Key === 'string' && (typeof t.Value === 'string' || typeof t.Value === 'number')) {
      Object.defineProperty(tags, t.Key, { value: String(t.Value), enumerable: true, writable: true, configurable: true });
    }
  }
  return tags;
}

export function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function sourceOf(entry: ResourceEntry, description: string, documentPath: string): PolicySource {
  return {
    description,
    location: entry.display,
    templatePath: entry.stack.templatePath,
    logicalId: entry.logicalId,
    documentPath,
  };
}

/** `arn:partition:service:region:account:resource` → its fields, or undefined for anything else. */
export function arnFields(arn: string): { partition: string; service: string; region: string; account: string; resource: string } | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(':') };
}
