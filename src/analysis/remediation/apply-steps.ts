import { atPath } from './expressions';
import { RemediationStep, StatementJson } from './types';
import { INTENT_METADATA_KEY, RecordedIntent } from '../../contract/intent';
import { isRecord } from '../cfn/assembly-index';
import { AssemblyInput } from '../input';
import { WriteIntent } from '../intents/types';

/** The templates with the steps applied (a copy); undefined when some step cannot be applied to templates (EXTERNAL). */
export function applySteps(input: AssemblyInput, steps: readonly RemediationStep[], intent: WriteIntent): AssemblyInput | undefined {
  const stacks = input.stacks.map((s) => ({ ...s, template: structuredClone(s.template) }));
  const templateOf = (path: string | undefined) => stacks.find((s) => s.templatePath === path)?.template;
  const removed: [unknown[], unknown][] = [];
  for (const step of steps) {
    switch (step.kind) {
      case 'EXTERNAL':
        return undefined;
      case 'REQUEST': {
        const fnTemplate = templateOf(intent.fn.entry.stack.templatePath);
        if (!declare(fnTemplate, intent, step.set)) return undefined;
        break;
      }
      case 'SETTING': {
        const resource = resourceOf(templateOf(step.target.templatePath), step.target.logicalId);
        // A value still to be written (`<ARN of a policy that ...>`) cannot be re-checked.
        if (!resource || (typeof step.value === 'string' && step.value.startsWith('<'))) return undefined;
        setAt(resource, step.property.split('/'), step.value);
        break;
      }
      case 'ADD_RESOURCE': {
        const template = templateOf(step.target.templatePath);
        const logicalId = step.target.logicalId;
        // Never overwrite a resource the app has: the logical ID must be new.
        if (!logicalId || !isRecord(template) || !isRecord(template.Resources) || template.Resources[logicalId] !== undefined) return undefined;
        template.Resources[logicalId] = structuredClone(step.resource);
        break;
      }
      case 'ADD_STATEMENT': {
        const template = templateOf(step.target.templatePath);
        const resource = resourceOf(template, step.target.logicalId);
        if (!resource || !addStatement(template as Record<string, unknown>, step.target.logicalId!, resource, step.statement)) return undefined;
        break;
      }
      case 'REPLACE_STATEMENT': {
        const resource = resourceOf(templateOf(step.target.templatePath), step.target.logicalId);
        const statements = resource ? statementsOf(resource, step.target.documentPath) : undefined;
        if (!statements || step.index === undefined || step.index >= statements.length) return undefined;
        if (step.statement === null) removed.push([statements, statements[step.index]]);
        else statements[step.index] = step.statement;
        break;
      }
    }
  }
  // Removals last, so the indexes of other steps still point where they did.
  for (const [statements, item] of removed) statements.splice(statements.indexOf(item), 1);
  return { stacks };
}

function resourceOf(template: unknown, logicalId: string | undefined): Record<string, unknown> | undefined {
  if (!logicalId || !isRecord(template) || !isRecord(template.Resources)) return undefined;
  const resource = template.Resources[logicalId];
  return isRecord(resource) ? resource : undefined;
}

/** Where a resource type keeps its policy document. */
const DOCUMENT_PATHS: Record<string, string> = {
  'AWS::IAM::Policy': 'Properties/PolicyDocument',
  'AWS::IAM::ManagedPolicy': 'Properties/PolicyDocument',
  'AWS::S3::BucketPolicy': 'Properties/PolicyDocument',
  'AWS::KMS::Key': 'Properties/KeyPolicy',
  'AWS::EC2::VPCEndpoint': 'Properties/PolicyDocument',
  'AWS::S3::AccessPoint': 'Properties/Policy',
};

/** The Statement list of a resource's policy document, as an array (a single statement object becomes one). */
function statementsOf(resource: Record<string, unknown>, documentPath?: string): unknown[] | undefined {
  const path = documentPath ?? DOCUMENT_PATHS[String(resource.Type)];
  if (!path) return undefined;
  const document = atPath(resource, path.split('/'));
  if (!isRecord(document)) return undefined;
  if (!Array.isArray(document.Statement)) document.Statement = document.Statement === undefined ? [] : [document.Statement];
  return document.Statement as unknown[];
}

function addStatement(template: Record<string, unknown>, logicalId: string, resource: Record<string, unknown>, statement: StatementJson): boolean {
  if (resource.Type === 'AWS::IAM::Role') {
    const properties = isRecord(resource.Properties) ? resource.Properties : (resource.Properties = {});
    const policies = Array.isArray(properties.Policies) ? properties.Policies : (properties.Policies = []);
    policies.push({ PolicyName: 'Remediation', PolicyDocument: { Version: '2012-10-17', Statement: [statement] } });
    return true;
  }
  if (resource.Type === 'AWS::S3::Bucket') {
    // A bucket without a policy gets one.
    (template.Resources as Record<string, unknown>)[`${logicalId}RemediationPolicy`] = {
      Type: 'AWS::S3::BucketPolicy',
      Properties: { Bucket: { Ref: logicalId }, PolicyDocument: { Version: '2012-10-17', Statement: [statement] } },
    };
    return true;
  }
  const path = DOCUMENT_PATHS[String(resource.Type)];
  if (!path) return false;
  if (atPath(resource, path.split('/')) === undefined) setAt(resource, path.split('/'), { Version: '2012-10-17', Statement: [] });
  const statements = statementsOf(resource);
  if (!statements) return false;
  statements.push(statement);
  return true;
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let current: Record<string, unknown> = target;
  for (const part of path.slice(0, -1)) {
    if (!isRecord(current[part])) current[part] = {};
    current = current[part] as Record<string, unknown>;
  }
  current[path[path.length - 1]] = value;
}

/**
 * The REQUEST step applied: the function's recorded intent for this bucket and prefix gets the fields (null removes
 * one); an inferred intent becomes a declared one, as `expectWrite` would record it.
 */
function declare(template: unknown, intent: WriteIntent, set: Record<string, unknown>): boolean {
  const fn = resourceOf(template, intent.fn.entry.logicalId);
  if (!fn) return false;
  const metadata = isRecord(fn.Metadata) ? fn.Metadata : (fn.Metadata = {});
  const recorded: RecordedIntent[] = Array.isArray(metadata[INTENT_METADATA_KEY]) ? metadata[INTENT_METADATA_KEY] as RecordedIntent[] : [];
  const prefix = intent.keyPattern.endsWith('*') ? intent.keyPattern.slice(0, -1) : intent.keyPattern;
  const bucketPath = intent.bucket?.entry?.cdkPath;
  const bucketRef = bucketPath ? { constructPath: bucketPath } : { bucketName: intent.bucket?.name ?? intent.bucketLabel };
  const names: (string | undefined)[] = [bucketPath, intent.bucket?.display].filter((n) => n !== undefined);
  const same = (r: RecordedIntent) => r.keyPrefix === prefix
    && (bucketPath ? names.includes(r.bucket?.constructPath) : r.bucket?.bucketName === bucketRef.bucketName);
  const existing = intent.source === 'inferred' ? undefined : recorded.find(same);
  const request: Record<string, unknown> = { ...(existing?.request ?? (intent.profileExact ? intent.profile : {})) };
  for (const [k, v] of Object.entries(set)) {
    if (v === null) delete request[k];
    else request[k] = v;
  }
  if (set.sseKmsKeyPath !== undefined) delete request.sseKmsKeyId;
  const updated: RecordedIntent = existing ? { ...existing, request } : { source: 'declared', bucket: bucketRef, keyPrefix: prefix, request };
  metadata[INTENT_METADATA_KEY] = existing ? recorded.map((r) => (r === existing ? updated : r)) : [...recorded, updated];
  return true;
}
