import type { BuildContext } from './build-steps';
import { atPath, tsString } from './expressions';
import { Need, RemediationStep, StatementJson } from './types';
import { RecordedRequestProfile } from '../../contract/intent';
import { globMatch } from '../../iam/match/glob';
import { describeSymbolic, isSymbolic } from '../../iam/symbolic';
import { isRecord, ResourceEntry } from '../cfn/assembly-index';
import { appKeyWithArn } from '../model/key-lookup';
import { StatementOrigin } from '../model/policy-registry';

/**
 * What the request must send for one condition clause (or one `send` need): a profile field and the values that
 * pass, `null` standing for "not sent".
 */
export interface Requirement {
  /** Profile field; `tags.<key>` for one tag. */
  readonly field: string;
  /** Values to try, best first (the first one every requirement accepts is sent). */
  readonly candidates: readonly unknown[];
  readonly accepts: (value: unknown) => boolean;
  /** The statement that asks for it, when one does (to name it, or change it when no request passes). */
  readonly origin?: StatementOrigin;
  readonly clause?: Extract<Need, { kind: 'meet' }>['clause'];
  readonly effect?: 'Allow' | 'Deny';
  readonly why: string;
}

/** Header condition keys → the profile field that sends them (S3 condition keys, Service Authorization Reference). */
const FIELDS: Record<string, string> = {
  's3:x-amz-server-side-encryption': 'serverSideEncryption',
  's3:x-amz-server-side-encryption-aws-kms-key-id': 'sseKmsKeyId',
  's3:x-amz-acl': 'acl',
  's3:x-amz-storage-class': 'storageClass',
  's3:object-lock-mode': 'objectLockMode',
  's3:object-lock-legal-hold': 'objectLockLegalHold',
  's3:x-amz-server-side-encryption-customer-algorithm': 'sseCustomerKey',
  'aws:securetransport': 'secureTransport',
};

/** A value worth sending for a header a clause only needs present (`Null: false`). */
function presentDefault(field: string, ctx: BuildContext): unknown {
  switch (field) {
    case 'serverSideEncryption': return ctx.intent.bucket?.encryption?.algorithm ?? 'AES256';
    case 'acl': return 'bucket-owner-full-control';
    case 'storageClass': return 'STANDARD';
    case 'objectLockMode': return 'GOVERNANCE';
    case 'objectLockLegalHold': return 'ON';
    case 'sseCustomerKey': return 'AES256';
    case 'secureTransport': return 'true';
    default: return 'value';
  }
}

/**
 * The requirement of one clause. A Deny is avoided by making its clause false, an Allow met by making it true;
 * negated operators and `Null: true` hold when the key is absent (IAM User Guide, "IAM JSON policy elements: Condition
 * operators", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
 */
export function requirementOf(need: Extract<Need, { kind: 'meet' }>, ctx: BuildContext): Requirement | undefined {
  const { clause, effect, origin } = need;
  const key = clause.key.toLowerCase();
  const tag = key.startsWith('s3:requestobjecttag/') ? clause.key.slice('s3:RequestObjectTag/'.length) : undefined;
  const field = tag !== undefined ? `tags.${tag}` : FIELDS[key];
  if (!field) return undefined;
  const op = clause.operator.replace(/^(ForAnyValue|ForAllValues):/, '').replace(/IfExists$/, '');
  const negated = /Not/.test(op);
  const base = { field, origin, clause, effect, why: `${clause.operator} ${clause.key} in ${origin ? nameOf(origin) : 'a policy'}` };
  if (op === 'Null') {
    const mustSend = (effect === 'Deny') === clause.values.includes('true');
    return mustSend
      ? { ...base, candidates: [presentDefault(field, ctx)], accepts: (v) => v !== null }
      : { ...base, candidates: [null], accepts: (v) => v === null };
  }
  const wildcards = /Like$/.test(op);
  const matches = (v: unknown) => v !== null && clause.values.some((p) => (wildcards
    ? globMatch(p, toText(field, v), { wildcards: true }) === 'true'
    : p.toLowerCase() === toText(field, v).toLowerCase() || p === toText(field, v)));
  const mustBeOneOf = (effect === 'Deny') === negated;
  if (mustBeOneOf) {
    const candidates = clause.values.filter((v) => !wildcards || !/[*?]/.test(v)).map((v) => fromText(field, v));
    // IfExists: an absent key passes too (IAM: "...IfExists" is true when the key is not present).
    const absentPasses = /IfExists$/.test(clause.operator) && effect === 'Deny';
    return { ...base, candidates, accepts: (v) => matches(v) || (absentPasses && v === null) };
  }
  return { ...base, candidates: [null], accepts: (v) => !matches(v) };
}

/** A `send` need: fixed values. */
export function sendRequirements(need: Extract<Need, { kind: 'send' }>): Requirement[] {
  return Object.entries(need.set).map(([field, value]) => ({ field, candidates: [value], accepts: (v: unknown) => same(v, value), why: need.why }));
}

function toText(field: string, value: unknown): string {
  if (field === 'objectLockLegalHold') return value === true || value === 'ON' ? 'ON' : 'OFF';
  return String(value);
}

function fromText(field: string, text: string): unknown {
  if (field === 'objectLockLegalHold') return text.toUpperCase() === 'ON';
  if (field === 'sseCustomerKey' || field === 'secureTransport') return text === 'false' ? null : true;
  return text;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

interface RequestResult {
  readonly steps: RemediationStep[];
  readonly reasons: string[];
}

/**
 * One REQUEST step for every requirement: per field, the first candidate all its requirements accept. When none
 * exists, no request can pass them all (two Denies demanding different encryption headers): the first requirement's
 * value is sent and each statement that refuses it is changed to accept it too, if the app wrote it; otherwise the
 * reason says which statements to reconcile.
 */
export function requestStep(requirements: readonly Requirement[], ctx: BuildContext): RequestResult {
  const set: Record<string, unknown> = {};
  const steps: RemediationStep[] = [];
  const reasons: string[] = [];
  const byField = new Map<string, Requirement[]>();
  for (const r of requirements) {
    const list = byField.get(r.field);
    if (list) list.push(r);
    else byField.set(r.field, [r]);
  }
  for (const [field, unordered] of byField) {
    // What the code sends today first: the least change keeps it when some statement accepts it.
    const current = currentValue(field, ctx);
    const list = [...unordered].sort((a, b) => Number(b.accepts(current)) - Number(a.accepts(current)));
    const candidates = [current, ...list.flatMap((r) => r.candidates)].filter((c) => c !== undefined);
    const agreed = candidates.find((c) => list.every((r) => r.accepts(c)));
    if (agreed !== undefined) {
      if (same(agreed, current)) continue;
      assign(set, field, agreed);
      continue;
    }
    const value = list[0].accepts(current) ? current : list[0].candidates[0];
    if (!same(value, current)) assign(set, field, value);
    const refusing = list.filter((r) => !r.accepts(value));
    const named = list.map((r) => r.why).join('; ');
    for (const r of refusing) {
      const widened = r.origin && r.clause && r.effect === 'Deny' ? acceptValue(r, value, ctx) : undefined;
      if (widened) steps.push(widened);
      else reasons.push(`no request can pass them all: ${named} ask for different ${field} values; change one of these statements`);
    }
    if (refusing.length > 0) {
      reasons.push(`no request alone can pass: ${named} ask for different ${field} values, so one statement must change (the steps change ${refusing.map((r) => r.why).join('; ')})`);
    }
  }
  if (Object.keys(set).length === 0) return { steps, reasons };
  return { steps: [declaration(set, ctx), ...steps], reasons };
}

/** The profile's value of a field (null: not sent), undefined when the profile is not known (an inferred intent). */
function currentValue(field: string, ctx: BuildContext): unknown {
  if (!ctx.intent.profileExact) return undefined;
  const profile = ctx.intent.profile as Record<string, unknown>;
  const value = field.startsWith('tags.') ? (isRecord(profile.tags) ? profile.tags[field.slice('tags.'.length)] : undefined) : profile[field];
  return value ?? null;
}

function assign(set: Record<string, unknown>, field: string, value: unknown): void {
  if (field.startsWith('tags.')) {
    // `set` and its tags are this step's own objects: added to in place (a copy per tag was quadratic in the tags).
    if (!isRecord(set.tags)) set.tags = {};
    (set.tags as Record<string, unknown>)[field.slice('tags.'.length)] = value;
  } else if (field === 'sseKmsKeyId') {
    // A key of the app is declared by its construct path (the declaration passes the key construct).
    set.sseKmsKeyId = value;
  } else {
    set[field] = value;
  }
}

/** The refusing Deny's clause with the chosen value added to its values, so it no longer denies that request. */
function acceptValue(r: Requirement, value: unknown, ctx: BuildContext): RemediationStep | undefined {
  const origin = r.origin!;
  const entry = ctx.index.resources.find((e) => e.stack.templatePath === origin.source.templatePath && e.logicalId === origin.source.logicalId);
  if (!entry || !origin.source.documentPath || value === null || (ctx.intent.writer && (entry.cdkPath ?? entry.display).startsWith(`${ctx.intent.writer}/`))) return undefined;
  const raw = rawOf(entry, origin);
  if (!raw || !isRecord(raw.Condition)) return undefined;
  const operator = Object.keys(raw.Condition).find((op) => op === r.clause!.operator);
  const block = operator ? raw.Condition[operator] : undefined;
  if (!operator || !isRecord(block)) return undefined;
  const key = Object.keys(block).find((k) => k.toLowerCase() === r.clause!.key.toLowerCase());
  if (!key) return undefined;
  const current = block[key];
  const values = [...(Array.isArray(current) ? current : [current]), toText(r.field, value)];
  const statement: StatementJson = { ...raw, Condition: { ...raw.Condition, [operator]: { ...block, [key]: values } } };
  return {
    kind: 'REPLACE_STATEMENT',
    policy: origin.source.documentPath.includes('KeyPolicy') ? 'key' : entry.type === 'AWS::S3::BucketPolicy' ? 'bucket' : 'identity',
    target: { path: entry.display, templatePath: entry.stack.templatePath, logicalId: entry.logicalId },
    ...(origin.statement?.sid ? { sid: origin.statement.sid } : {}),
    index: origin.index,
    statement,
    why: `Accept ${toText(r.field, value)} in ${nameOf(origin)} as well: the statements ask for different ${r.field} values, so no request passes both as they stand`,
  };
}

function rawOf(entry: ResourceEntry, origin: StatementOrigin): StatementJson | undefined {
  const document = atPath(entry.raw, origin.source.documentPath!.split('/'));
  if (!isRecord(document)) return undefined;
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  const raw = statements[origin.index];
  return isRecord(raw) ? raw : undefined;
}

function nameOf(origin: StatementOrigin): string {
  return `statement ${origin.statement?.sid ? `"${origin.statement.sid}"` : `#${origin.index}`} of ${origin.source.description}`;
}

// ---------------------------------------------------------------------------------------------------------
// The REQUEST step: SDK parameters and the declaration
// ---------------------------------------------------------------------------------------------------------

function declaration(set: Record<string, unknown>, ctx: BuildContext): RemediationStep {
  const normalized = withKeyPath(set, ctx);
  const profile: Record<string, unknown> = { ...(ctx.intent.profileExact ? ctx.intent.profile : {}), ...normalized };
  for (const [k, v] of Object.entries(profile)) if (v === null || v === undefined) delete profile[k];
  if (normalized.sseKmsKeyPath !== undefined) delete profile.sseKmsKeyId;
  const code = sdkParameters(normalized, ctx);
  const construct = ctx.intent.source === 'construct';
  const cdk = construct ? writerDeclaration(profile, ctx) : expectWriteDeclaration(profile, ctx);
  return {
    kind: 'REQUEST',
    set: normalized,
    code,
    cdk,
    why: construct
      ? `Have the SecureLambdaWriter ${ctx.intent.writer ?? ''} send ${code} (its props decide what the function sends and declares)`
      : `Send ${headers(normalized)} in every PutObject request (SDK: ${code}), and declare it so the checker sees it`,
  };
}

/** A key ARN of the app becomes the key's construct path (what `expectWrite(..., { request: { kmsKey } })` records). */
function withKeyPath(set: Record<string, unknown>, ctx: BuildContext): Record<string, unknown> {
  const id = set.sseKmsKeyId;
  if (typeof id !== 'string') return set;
  const key = appKeyWithArn(ctx.model.keys, id);
  if (!key?.entry) return set;
  const { sseKmsKeyId: _id, ...rest } = set;
  return { ...rest, sseKmsKeyPath: key.display, ...(rest.serverSideEncryption === undefined ? { serverSideEncryption: 'aws:kms' } : {}) };
}

function sdkParameters(set: Record<string, unknown>, ctx: BuildContext): string {
  const parts: string[] = [];
  for (const [field, value] of Object.entries(set)) {
    switch (field) {
      case 'serverSideEncryption': parts.push(value === null ? 'no `ServerSideEncryption`' : `\`ServerSideEncryption: '${value}'\``); break;
      case 'sseKmsKeyPath': parts.push(`\`SSEKMSKeyId: <ARN of ${value}>\``); break;
      case 'sseKmsKeyId': parts.push(value === null ? 'no `SSEKMSKeyId`' : `\`SSEKMSKeyId: '${show(value, ctx)}'\``); break;
      case 'bucketKeyEnabled': parts.push(`\`BucketKeyEnabled: ${value}\``); break;
      case 'acl': parts.push(value === null ? 'no `ACL`' : `\`ACL: '${value}'\``); break;
      case 'tags': parts.push(`\`Tagging: '${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}=${v}`).join('&')}'\``); break;
      case 'storageClass': parts.push(value === null ? 'no `StorageClass`' : `\`StorageClass: '${value}'\``); break;
      case 'objectLockMode': parts.push(value === null ? 'no `ObjectLockMode`' : `\`ObjectLockMode: '${value}'\``); break;
      case 'objectLockLegalHold': parts.push(`\`ObjectLockLegalHoldStatus: '${value ? 'ON' : 'OFF'}'\``); break;
      case 'requesterPays': parts.push('`RequestPayer: \'requester\'`'); break;
      case 'sseCustomerKey': parts.push(value === null ? 'no `SSECustomerAlgorithm`/`SSECustomerKey`' : '`SSECustomerAlgorithm: \'AES256\'` with `SSECustomerKey`'); break;
      case 'secureTransport': parts.push('HTTPS (every AWS SDK does by default)'); break;
      default: parts.push(`${field}: ${JSON.stringify(value)}`);
    }
  }
  return parts.join(', ');
}

/** The HTTP headers the fields stand for (S3 API Reference, "PutObject": request headers). */
const HEADERS: Record<string, string> = {
  serverSideEncryption: 'x-amz-server-side-encryption',
  sseKmsKeyPath: 'x-amz-server-side-encryption-aws-kms-key-id',
  sseKmsKeyId: 'x-amz-server-side-encryption-aws-kms-key-id',
  bucketKeyEnabled: 'x-amz-server-side-encryption-bucket-key-enabled',
  acl: 'x-amz-acl',
  tags: 'x-amz-tagging',
  storageClass: 'x-amz-storage-class',
  objectLockMode: 'x-amz-object-lock-mode',
  objectLockLegalHold: 'x-amz-object-lock-legal-hold',
  requesterPays: 'x-amz-request-payer',
  sseCustomerKey: 'x-amz-server-side-encryption-customer-algorithm',
};

function headers(set: Record<string, unknown>): string {
  return Object.entries(set).map(([field, value]) => {
    const header = HEADERS[field];
    if (!header) return field === 'secureTransport' ? 'the request over HTTPS' : field;
    if (value === null) return `no \`${header}\``;
    if (field === 'sseKmsKeyPath') return `\`${header}: <ARN of ${value}>\``;
    if (field === 'tags' && isRecord(value)) return `\`${header}: ${Object.entries(value).map(([k, v]) => `${k}=${v}`).join('&')}\``;
    if (field === 'objectLockLegalHold') return `\`${header}: ${value ? 'ON' : 'OFF'}\``;
    if (field === 'requesterPays') return `\`${header}: requester\``;
    return `\`${header}: ${typeof value === 'string' && isSymbolic(value) ? describeSymbolic(value) : String(value)}\``;
  }).join(', ');
}

function show(value: unknown, _ctx: BuildContext): string {
  return typeof value === 'string' && isSymbolic(value) ? describeSymbolic(value) : String(value);
}

const ENCRYPTION: Record<string, string> = { 'AES256': 'ObjectEncryption.S3_MANAGED', 'aws:kms': 'ObjectEncryption.KMS', 'aws:kms:dsse': 'ObjectEncryption.KMS_DSSE' };

/** `WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix, request: {...} })` with the whole profile the code sends. */
function expectWriteDeclaration(profile: RecordedRequestProfile & Record<string, unknown>, ctx: BuildContext): string {
  const props: string[] = [];
  if (typeof profile.serverSideEncryption === 'string') props.push(`encryption: ${ENCRYPTION[profile.serverSideEncryption] ?? 'ObjectEncryption.NONE'}`);
  if (profile.sseKmsKeyPath !== undefined || profile.sseKmsKeyId !== undefined) props.push('kmsKey: key');
  if (typeof profile.bucketKeyEnabled === 'boolean') props.push(`bucketKeyEnabled: ${profile.bucketKeyEnabled}`);
  if (typeof profile.acl === 'string') props.push(`acl: CannedAcl.${profile.acl.toUpperCase().replace(/-/g, '_')}`);
  if (isRecord(profile.tags)) props.push(`objectTags: { ${Object.entries(profile.tags).map(([k, v]) => `${tsString(k)}: ${tsString(String(v))}`).join(', ')} }`);
  if (typeof profile.multipart === 'boolean') props.push(`multipart: ${profile.multipart}`);
  if (typeof profile.objectLockMode === 'string') props.push(`objectLockMode: s3.ObjectLockMode.${profile.objectLockMode.toUpperCase()}`);
  if (typeof profile.objectLockLegalHold === 'boolean') props.push(`objectLockLegalHold: ${profile.objectLockLegalHold}`);
  if (typeof profile.storageClass === 'string') props.push(`storageClass: ${tsString(profile.storageClass)}`);
  if (typeof profile.accessPoint === 'string' && !isSymbolic(profile.accessPoint)) props.push(`accessPoint: ${tsString(profile.accessPoint)}`);
  if (typeof profile.requesterPays === 'boolean') props.push(`requesterPays: ${profile.requesterPays}`);
  if (typeof profile.sseCustomerKey === 'boolean') props.push(`sseCustomerKey: ${profile.sseCustomerKey}`);
  const prefix = keyPrefixOf(ctx.intent.keyPattern);
  const options = [...(prefix ? [`keyPrefix: ${tsString(prefix)}`] : []), `request: { ${props.join(', ')} }`];
  return `WriteAccessChecker.expectWrite(fn, bucket, { ${options.join(', ')} })`;
}

/** The SecureLambdaWriter props that make it send (and declare) the profile. */
function writerDeclaration(profile: RecordedRequestProfile & Record<string, unknown>, ctx: BuildContext): string {
  const props: string[] = ['function: fn', 'bucket'];
  const prefix = keyPrefixOf(ctx.intent.keyPattern);
  if (prefix) props.push(`keyPrefix: ${tsString(prefix)}`);
  if (profile.serverSideEncryption === 'aws:kms') props.push('encryption: ObjectEncryption.KMS');
  else if (profile.serverSideEncryption === 'AES256') props.push('encryption: ObjectEncryption.S3_MANAGED');
  if (profile.sseKmsKeyPath !== undefined) props.push('encryptionKey: key');
  if (typeof profile.bucketKeyEnabled === 'boolean') props.push(`bucketKeyEnabled: ${profile.bucketKeyEnabled}`);
  if (typeof profile.acl === 'string') props.push(`acl: CannedAcl.${profile.acl.toUpperCase().replace(/-/g, '_')}`);
  if (isRecord(profile.tags)) props.push(`objectTags: { ${Object.entries(profile.tags).map(([k, v]) => `${tsString(k)}: ${tsString(String(v))}`).join(', ')} }`);
  if (typeof profile.multipart === 'boolean') props.push(`multipart: ${profile.multipart}`);
  return `new SecureLambdaWriter(stack, 'Writer', { ${props.join(', ')} })`;
}

/** `incoming/*` → `incoming/`; `*` → '' (the whole bucket). */
export function keyPrefixOf(keyPattern: string): string {
  return keyPattern.endsWith('*') ? keyPattern.slice(0, -1) : keyPattern;
}
