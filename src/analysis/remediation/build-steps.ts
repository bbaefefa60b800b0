import { arnExpression, atPath, tsString } from './expressions';
import { CauseNeeds } from './needs';
import { gatewayEndpointNeeds } from './network-step';
import { requestStep, Requirement, requirementOf, sendRequirements } from './request-step';
import { Need, PolicyKind, RemediationStep, StatementJson, StepTarget } from './types';
import { isSymbolic } from '../../iam/symbolic';
import { AssemblyIndex, isRecord, ResourceEntry } from '../cfn/assembly-index';
import { readable } from '../findings/describe';
import { WriteIntent } from '../intents/types';
import { appKeyWithArn } from '../model/key-lookup';
import { StatementOrigin } from '../model/policy-registry';
import { AppModel, BucketModel, KeyModel, PolicyDoc, RoleModel } from '../model/types';
import { Cause, Finding } from '../report';

export interface BuildContext {
  readonly index: AssemblyIndex;
  readonly model: AppModel;
  readonly finding: Finding;
  readonly intent: WriteIntent;
}

export interface BuiltSteps {
  readonly steps: RemediationStep[];
  /** Why some cause has no step the app can take, or why no request can pass. */
  readonly reasons: string[];
}

/** AWS managed policies live in the reserved `aws` account: no one but AWS can edit them. */
const AWS_MANAGED = /^arn:[^:]+:iam::aws:policy\//;

/**
 * Needs → steps. Least first: meet a condition by what the request sends (and declare it) rather than change a Deny;
 * grant the exact action on the exact ARN; change only statements the app wrote, and never an AWS managed policy or a
 * statement a SecureLambdaWriter generates (its props say what it writes); what only someone else can change is
 * EXTERNAL.
 */
export function buildSteps(ctx: BuildContext, pairs: readonly CauseNeeds[]): BuiltSteps {
  const steps: RemediationStep[] = [];
  const reasons: string[] = [];
  const requirements: Requirement[] = [];
  for (const pair of pairs) {
    const needs = pair.needs.length > 0 ? pair.needs : fallbackNeeds(pair.cause, ctx);
    if (needs.length === 0 && pair.cause) reasons.push(`${pair.cause.code}: ${noStepReason(pair.cause)}`);
    for (const need of needs) {
      switch (need.kind) {
        case 'meet': {
          const requirement = requirementOf(need, ctx);
          if (requirement) requirements.push(requirement);
          else reasons.push(`the request cannot be made to meet ${need.clause.operator} on ${need.clause.key} by a header the checker models`);
          break;
        }
        case 'send':
          requirements.push(...sendRequirements(need));
          break;
        case 'grant':
          push(steps, reasons, grantStep(need, ctx));
          break;
        case 'lift':
          push(steps, reasons, liftStep(need, ctx));
          break;
        case 'setting':
          steps.push({ kind: 'SETTING', target: need.target, property: need.property, value: need.value, why: need.why, ...(need.cdk ? { cdk: need.cdk } : {}) });
          break;
        case 'resource':
          steps.push({ kind: 'ADD_RESOURCE', target: need.target, resource: need.resource, why: need.why, ...(need.cdk ? { cdk: need.cdk } : {}) });
          break;
        case 'external':
          steps.push({ kind: 'EXTERNAL', what: need.what });
          break;
      }
    }
  }
  if (requirements.length > 0) {
    const request = requestStep(requirements, ctx);
    steps.unshift(...request.steps);
    reasons.push(...request.reasons);
  }
  return { steps: unique(steps), reasons: [...new Set(reasons)] };
}

function push(steps: RemediationStep[], reasons: string[], built: RemediationStep | string): void {
  if (typeof built === 'string') reasons.push(built);
  else steps.push(built);
}

/** Outcomes of the gates carry no needs: what their cause asks is fixed by the code. */
function fallbackNeeds(cause: Cause | undefined, ctx: BuildContext): Need[] {
  if (!cause) return [];
  const profile = ctx.intent.profile;
  switch (cause.code) {
    case 'ACL_NOT_SUPPORTED':
    case 'BLOCK_PUBLIC_ACCESS':
      return [{ kind: 'send', set: { acl: null }, why: 'without an ACL the request is neither public nor refused by a bucket that disables ACLs' }];
    case 'KMS_AWS_MANAGED_CROSS_ACCOUNT':
      return [{ kind: 'send', set: { serverSideEncryption: 'AES256', sseKmsKeyId: null, sseKmsKeyPath: null }, why: 'SSE-S3 needs no KMS key, so the aws/s3 key of another account is not used' }];
    case 'KMS_KEY_POLICY':
      if (cause.jsonPath === 'Properties/Enabled' && cause.logicalId) {
        return [{ kind: 'setting', target: targetOf(cause), property: 'Properties/Enabled', value: true, cdk: 'new kms.Key(stack, \'Key\', { enabled: true })', why: 'a disabled key cannot encrypt' }];
      }
      return [];
    case 'NETWORK_PATH':
      // The network gate's outcomes for a subnet with no path the default SDK request takes: no path at all, or only
      // one the code must opt into (an S3 interface endpoint without private DNS, IPv6 to the dual-stack endpoint).
      // An S3 gateway endpoint on the subnets' route tables is the path the default request takes, in both.
      return /has no path to S3|does not answer for S3's default hostname|reaches S3 only over IPv6/.test(cause.message)
        ? gatewayEndpointNeeds(ctx.intent, ctx.index.resources) : [];
    case 'REQUEST_CONDITION':
      if (/SSE-C/.test(cause.message) && profile.sseCustomerKey) return [{ kind: 'send', set: { sseCustomerKey: null }, why: 'the bucket blocks SSE-C' }];
      if (/Requester Pays/i.test(cause.message)) return [{ kind: 'send', set: { requesterPays: true }, why: 'a Requester Pays bucket needs x-amz-request-payer from another account' }];
      return [];
    default:
      return [];
  }
}

function noStepReason(cause: Cause): string {
  switch (cause.code) {
    case 'NETWORK_PATH': return 'the function\'s network path must change (the VPC, subnets or endpoint the cause names); no step is written when the '
      + 'subnets, their route tables or the VPC are not resources of the function\'s template, or for a network condition or an access point\'s VPC origin';
    case 'UNRESOLVED': return 'give the checker the missing fact';
    default: return 'no step the app can take was found; the cause\'s message says what decides it';
  }
}

function targetOf(cause: Cause): StepTarget {
  return { path: cause.location ?? '', ...(cause.templatePath ? { templatePath: cause.templatePath } : {}), ...(cause.logicalId ? { logicalId: cause.logicalId } : {}) };
}

function targetOfEntry(entry: ResourceEntry): StepTarget {
  return { path: entry.display, templatePath: entry.stack.templatePath, logicalId: entry.logicalId };
}

// ---------------------------------------------------------------------------------------------------------
// Grants
// ---------------------------------------------------------------------------------------------------------

function grantStep(need: Extract<Need, { kind: 'grant' }>, ctx: BuildContext): RemediationStep | string {
  const role = ctx.intent.fn.role;
  const bucket = ctx.intent.bucket;
  if (!role || !bucket) return 'the role or the bucket is not known';
  const key = need.action.startsWith('kms:') ? keyOf(need.resource, ctx.model) : undefined;
  if (need.action.startsWith('kms:') && !key) return `the key ${need.resource} is not a key of the app`;
  switch (need.policy) {
    case 'identity': return identityGrant(need.action, role, bucket, key, ctx);
    case 'boundary': return boundaryGrant(need.action, role, bucket, key, ctx);
    case 'bucket': return bucketGrant(need.action, role, bucket, ctx);
    case 'key': return keyGrant(need.action, role, key!, ctx);
    default: return resourcePolicyGrant(need, role, bucket, ctx);
  }
}

function keyOf(arn: string, model: AppModel): KeyModel | undefined {
  return appKeyWithArn(model.keys, arn);
}

/** The written keys' ARN in `template`: `<bucket ARN>/<key pattern>`. */
function objectsExpression(bucket: BucketModel, template: string | undefined, ctx: BuildContext): unknown {
  return arnExpression(ctx.index, template, bucket.entry, bucket.arn, `/${ctx.intent.keyPattern}`);
}

function identityGrant(action: string, role: RoleModel, bucket: BucketModel, key: KeyModel | undefined, ctx: BuildContext): RemediationStep | string {
  if (role.external || !role.entry) return externalStep(`role ${role.display} is not a role of the app: its owner must allow ${action} on ${key ? key.display : `${bucket.display}/${ctx.intent.keyPattern}`}`);
  const target = identityTarget(role, ctx);
  const resource = key ? arnExpression(ctx.index, target.templatePath, key.entry, key.arn) : objectsExpression(bucket, target.templatePath, ctx);
  if (resource === undefined) return `the ARN of ${key?.display ?? bucket.display} cannot be written in ${target.templatePath}`;
  const cdk = key
    ? (action === 'kms:Decrypt' ? 'key.grantDecrypt(fn)' : `key.grant(fn, ${tsString(action)})`)
    : `fn.addToRolePolicy(new iam.PolicyStatement({ actions: [${tsString(action)}], resources: [bucket.arnForObjects(${tsString(ctx.intent.keyPattern)})] }))`;
  return {
    kind: 'ADD_STATEMENT',
    policy: 'identity',
    target,
    statement: { Effect: 'Allow', Action: action, Resource: resource },
    cdk,
    why: `Grant \`${action}\` on ${key ? `key ${key.display} (${readable(key.arn, ctx.model.names)})` : readable(`${bucket.arn}/${ctx.intent.keyPattern}`, ctx.model.names)} to role ${role.display}`,
  };
}

/**
 * Where a new identity statement goes: the role's own `AWS::IAM::Policy` of the app (the CDK's DefaultPolicy first),
 * else the role itself, as a new inline policy.
 */
function identityTarget(role: RoleModel, ctx: BuildContext): StepTarget {
  const own = role.identity
    .map((d) => entryOf(d.source.templatePath, d.source.logicalId, ctx.index))
    .filter((e): e is ResourceEntry => e !== undefined && e.type === 'AWS::IAM::Policy' && !generatedByWriter(e, ctx));
  const chosen = own.find((e) => /\/DefaultPolicy$/.test(e.display)) ?? own[0];
  return targetOfEntry(chosen ?? role.entry!);
}

/**
 * An AWS managed policy cannot be edited (AWS owns it): the role needs another boundary, a customer managed policy
 * that allows what the old one did and the write. Not re-checked: that policy does not exist until written.
 */
function anotherBoundary(role: RoleModel, managed: string, what: string, ctx: BuildContext): RemediationStep | string {
  if (!role.entry) return externalStep(`the permissions boundary ${managed} of role ${role.display}: its owner must give the role another boundary that allows ${what}`);
  return {
    kind: 'SETTING',
    target: targetOfEntry(role.entry),
    property: 'Properties/PermissionsBoundary',
    value: `<ARN of a customer managed policy that allows ${what} and what ${managed} allowed>`,
    cdk: `iam.PermissionsBoundary.of(fn).apply(new iam.ManagedPolicy(stack, 'WriterBoundary', { statements: [new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects(${tsString(ctx.intent.keyPattern)})] })] }))`,
    why: `The permissions boundary of role ${role.display} is the AWS managed policy ${managed}, which cannot be edited: give the role another boundary, a policy of the app that allows ${what}`,
  };
}

function boundaryGrant(action: string, role: RoleModel, bucket: BucketModel, key: KeyModel | undefined, ctx: BuildContext): RemediationStep | string {
  const boundary = role.boundary;
  const what = `${action} on ${key ? key.display : `${bucket.display}/${ctx.intent.keyPattern}`}`;
  if (!boundary) return 'the role\'s boundary is not known';
  if (AWS_MANAGED.test(boundary.source.location)) return anotherBoundary(role, boundary.source.location, what, ctx);
  const entry = entryOf(boundary.source.templatePath, boundary.source.logicalId, ctx.index);
  if (!entry) return externalStep(`the permissions boundary ${boundary.source.location} of role ${role.display} is outside the app: its owner must allow ${what}`);
  const template = entry.stack.templatePath;
  const resource = key ? arnExpression(ctx.index, template, key.entry, key.arn) : objectsExpression(bucket, template, ctx);
  if (resource === undefined) return `the ARN cannot be written in ${entry.stack.templatePath}`;
  return {
    kind: 'ADD_STATEMENT',
    policy: 'boundary',
    target: targetOfEntry(entry),
    statement: { Effect: 'Allow', Action: action, Resource: resource },
    cdk: `boundary.addStatements(new iam.PolicyStatement({ actions: [${tsString(action)}], resources: [${key ? 'key.keyArn' : `bucket.arnForObjects(${tsString(ctx.intent.keyPattern)})`}] }))`,
    why: `Allow \`${action}\` in the permissions boundary ${entry.display} of role ${role.display}`,
  };
}

/** The role as a principal in a resource policy of `template`: its ARN, else its account (which delegates to IAM). */
function principalExpression(role: RoleModel, template: string | undefined, ctx: BuildContext): unknown {
  const arn = arnExpression(ctx.index, template, role.entry, role.arn);
  if (arn !== undefined) return arn;
  return isSymbolic(role.account) ? undefined : `arn:${role.partition}:iam::${role.account}:root`;
}

function bucketGrant(action: string, role: RoleModel, bucket: BucketModel, ctx: BuildContext): RemediationStep | string {
  if (bucket.external || !bucket.entry) {
    return externalStep(`the bucket policy of ${bucket.display} (outside the app): its owner must allow ${action} on ${bucket.display}/${ctx.intent.keyPattern} to ${role.display}`);
  }
  const policyEntry = bucket.policy ? entryOf(bucket.policy.source.templatePath, bucket.policy.source.logicalId, ctx.index) : undefined;
  const entry = policyEntry ?? bucket.entry;
  const principal = principalExpression(role, entry.stack.templatePath, ctx);
  const resource = objectsExpression(bucket, entry.stack.templatePath, ctx);
  if (principal === undefined || resource === undefined) return `the role or bucket ARN cannot be written in ${entry.stack.templatePath}`;
  return {
    kind: 'ADD_STATEMENT',
    policy: 'bucket',
    target: targetOfEntry(entry),
    statement: { Effect: 'Allow', Principal: { AWS: principal }, Action: action, Resource: resource },
    cdk: `bucket.addToResourcePolicy(new iam.PolicyStatement({ principals: [fn.role!], actions: [${tsString(action)}], resources: [bucket.arnForObjects(${tsString(ctx.intent.keyPattern)})] }))`,
    why: `Allow \`${action}\` on ${bucket.display} keys ${ctx.intent.keyPattern} to role ${role.display} in the bucket policy`,
  };
}

function keyGrant(action: string, role: RoleModel, key: KeyModel, ctx: BuildContext): RemediationStep | string {
  if (key.external || !key.entry) return externalStep(`the key policy of ${key.display} (outside the app): its owner must allow ${action} to ${role.display}`);
  const principal = principalExpression(role, key.entry.stack.templatePath, ctx);
  if (principal === undefined) return `the role ARN cannot be written in ${key.entry.stack.templatePath}`;
  return {
    kind: 'ADD_STATEMENT',
    policy: 'key',
    target: targetOfEntry(key.entry),
    statement: { Effect: 'Allow', Principal: { AWS: principal }, Action: action, Resource: '*' },
    cdk: `key.addToResourcePolicy(new iam.PolicyStatement({ principals: [fn.role!], actions: [${tsString(action)}], resources: ['*'] }))`,
    why: `Allow \`${action}\` to role ${role.display} in the key policy of ${key.display}`,
  };
}

/** VPC endpoint and access point policies: a statement naming the role, when the policy is the app's. */
function resourcePolicyGrant(need: Extract<Need, { kind: 'grant' }>, role: RoleModel, bucket: BucketModel, ctx: BuildContext): RemediationStep | string {
  const type = need.policy === 'endpoint' ? 'AWS::EC2::VPCEndpoint' : 'AWS::S3::AccessPoint';
  const documentProperty = need.policy === 'endpoint' ? 'PolicyDocument' : 'Policy';
  const candidates = ctx.index.resources.filter((e) => e.type === type);
  // The policy the evaluator named; else, the one endpoint (or access point) of the app there is.
  const entry = need.policyId !== undefined ? candidates.find((e) => need.policyId!.includes(e.display))
    : candidates.length === 1 ? candidates[0] : undefined;
  if (!entry) return externalStep(`the ${need.policy} policy on the write's path: its owner must allow ${need.action} on ${bucket.display}/${ctx.intent.keyPattern} to ${role.display}`);
  const principal = principalExpression(role, entry.stack.templatePath, ctx);
  const resource = need.policy === 'endpoint' ? objectsExpression(bucket, entry.stack.templatePath, ctx)
    : accessPointObjects(entry, need.resource.replace(/\/object\/.*$/, ''), ctx.intent.keyPattern);
  if (principal === undefined || resource === undefined || isSymbolic(String(resource))) return `the ARNs cannot be written in ${entry.stack.templatePath}`;
  return {
    kind: 'ADD_STATEMENT',
    policy: need.policy,
    target: { ...targetOfEntry(entry) },
    statement: { Effect: 'Allow', Principal: { AWS: principal }, Action: need.action, Resource: resource },
    ...(need.policy === 'endpoint'
      ? { cdk: `endpoint.addToPolicy(new iam.PolicyStatement({ principals: [fn.role!], actions: [${tsString(need.action)}], resources: [bucket.arnForObjects(${tsString(ctx.intent.keyPattern)})] }))` }
      : {}),
    why: `Allow \`${need.action}\` to role ${role.display} in the ${documentProperty === 'Policy' ? 'access point' : 'VPC endpoint'} policy of ${entry.display}`,
  };
}

/**
 * The written keys as an access point policy names them, `<access point ARN>/object/<key pattern>` (S3 User Guide,
 * "Configuring IAM policies for using access points",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html). The policy is a property of
 * the access point itself, so it cannot `Fn::GetAtt` its own ARN (a circular dependency): the ARN is joined from
 * the pseudo parameters and the access point's Name, as the CDK writes it, or the literal ARN when the Name is not.
 */
function accessPointObjects(entry: ResourceEntry, arn: string, keyPattern: string): unknown {
  const name = isRecord(entry.raw.Properties) ? entry.raw.Properties.Name : undefined;
  if (typeof name === 'string') {
    return {
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:accesspoint/${name}/object/${keyPattern}`]],
    };
  }
  return isSymbolic(arn) ? undefined : `${arn}/object/${keyPattern}`;
}

function externalStep(what: string): RemediationStep {
  return { kind: 'EXTERNAL', what };
}

// ---------------------------------------------------------------------------------------------------------
// Denies
// ---------------------------------------------------------------------------------------------------------

function liftStep(need: Extract<Need, { kind: 'lift' }>, ctx: BuildContext): RemediationStep | string {
  const { origin } = need;
  const entry = entryOf(origin.source.templatePath, origin.source.logicalId, ctx.index);
  const name = `statement ${origin.statement?.sid ? `"${origin.statement.sid}"` : `#${origin.index}`} of ${origin.source.description}`;
  if (AWS_MANAGED.test(origin.source.location)) {
    return need.policy === 'boundary'
      ? externalStep(`${name} is in the AWS managed policy ${origin.source.location}, which cannot be edited: give role ${ctx.intent.fn.role?.display} another permissions boundary, one that does not deny the write`)
      : externalStep(`${name} is in the AWS managed policy ${origin.source.location}, which cannot be edited: detach it from role ${ctx.intent.fn.role?.display} and attach a policy of your own`);
  }
  if (!entry || !origin.source.documentPath) return externalStep(`${name} is outside the app: its owner must stop it denying the write`);
  if (generatedByWriter(entry, ctx)) {
    return `${name} is generated by the SecureLambdaWriter ${writerOf(entry, ctx)}: it cannot be edited by hand; change the construct's props (encryption, keyPrefix, acl, objectTags) so that the write and its statements agree`;
  }
  const raw = rawStatement(entry, origin);
  if (!raw) return `${name} cannot be read from the template`;
  const target: StepTarget = { ...targetOfEntry(entry), ...(entry.type === 'AWS::IAM::Role' ? { documentPath: origin.source.documentPath } : {}) };
  const ref = { ...(origin.statement?.sid ? { sid: origin.statement.sid } : {}), index: origin.index };
  const role = ctx.intent.fn.role;
  if (need.policy === 'identity' || need.policy === 'boundary') {
    const sharing = role ? ctx.model.functions.filter((f) => f.role === role) : [];
    if (sharing.length > 1) {
      return `${name} is on role ${role?.display}, which ${sharing.map((f) => f.display).join(', ')} share: a Deny on the role applies to every function `
        + 'that uses it (aws:PrincipalArn is the same role for all), so narrowing it by principal cannot work; give this function a role of its own '
        + '(`new lambda.Function(..., { role: new iam.Role(...) })`) without the Deny';
    }
    const guarded = guardrailPrefix(raw);
    if (guarded) {
      return `${name} is a guardrail: it denies writes under ${guarded}, and nothing else. Write under another prefix `
        + '(change the code\'s key and its declaration, `WriteAccessChecker.expectWrite(fn, bucket, { keyPrefix: \'<another prefix>\' })`) rather than remove it';
    }
    return {
      kind: 'REPLACE_STATEMENT',
      policy: need.policy,
      target,
      ...ref,
      statement: null,
      why: `Remove ${name}: it denies the write and tests nothing the request could change`,
    };
  }
  // A resource-side Deny (bucket, key, endpoint, access point): exempt this role by aws:PrincipalArn, which is the
  // role's ARN for every session of it (IAM User Guide, "AWS global condition context keys": aws:PrincipalArn).
  if (!role) return 'the role is not known';
  const principal = arnExpression(ctx.index, entry.stack.templatePath, role.entry, role.arn);
  if (principal === undefined) return `the role ARN cannot be written in ${entry.stack.templatePath}`;
  return {
    kind: 'REPLACE_STATEMENT',
    policy: need.policy,
    target,
    ...ref,
    statement: exemptPrincipal(raw, principal, need.notPrincipalSession === true),
    why: need.notPrincipalSession
      ? `In ${name}, replace NotPrincipal by \`"Principal": "*"\` with the condition \`"ArnNotEquals": {"aws:PrincipalArn": [<the ARNs NotPrincipal listed>, "${readable(role.arn, ctx.model.names)}"]}\` (aws:PrincipalArn is the role ARN for every session of the role)`
      : `Exempt role ${role.display} from ${name} with \`"ArnNotEquals": {"aws:PrincipalArn": "${readable(role.arn, ctx.model.names)}"}\` (the role ARN for every session of it)`,
  };
}

/** The statement with `ArnNotEquals aws:PrincipalArn` added; a NotPrincipal becomes `"Principal": "*"` plus that condition. */
function exemptPrincipal(raw: StatementJson, principal: unknown, fromNotPrincipal: boolean): StatementJson {
  const { NotPrincipal: notPrincipal, ...rest } = raw;
  const condition = isRecord(raw.Condition) ? { ...raw.Condition } : {};
  const existing = isRecord(condition.ArnNotEquals) ? { ...condition.ArnNotEquals } : {};
  const listed = existing['aws:PrincipalArn'];
  const values = [...(listed === undefined ? [] : Array.isArray(listed) ? listed : [listed]), principal];
  if (fromNotPrincipal && isRecord(notPrincipal)) {
    const aws = notPrincipal.AWS;
    values.unshift(...(aws === undefined ? [] : Array.isArray(aws) ? aws : [aws]));
  }
  existing['aws:PrincipalArn'] = values.length === 1 ? values[0] : values;
  condition.ArnNotEquals = existing;
  return { ...rest, ...(notPrincipal !== undefined ? { Principal: '*' } : {}), Condition: condition };
}

/**
 * A deliberate guardrail on a prefix: a Deny without conditions whose Resource names object keys under a prefix
 * (not the whole bucket), so it says "never write here", not "never write".
 */
function guardrailPrefix(raw: StatementJson): string | undefined {
  if (raw.Condition !== undefined || raw.Resource === undefined) return undefined;
  const resources = Array.isArray(raw.Resource) ? raw.Resource : [raw.Resource];
  const prefixes = resources.map(literalTail).filter((t): t is string => t !== undefined && /^\/[^*]+/.test(t));
  return prefixes.length === resources.length && prefixes.length > 0 ? prefixes.map((p) => p.slice(1)).join(', ') : undefined;
}

/** The literal key part after the bucket in a Resource entry (`/restricted/*`), from a string or `Fn::Join`. */
function literalTail(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry.match(/^arn:[^:]*:s3:::[^/]+(\/.*)$/)?.[1];
  const join = isRecord(entry) ? entry['Fn::Join'] : undefined;
  if (!Array.isArray(join) || !Array.isArray(join[1])) return undefined;
  const last = join[1][join[1].length - 1];
  return typeof last === 'string' && last.startsWith('/') ? last : undefined;
}

function rawStatement(entry: ResourceEntry, origin: StatementOrigin): StatementJson | undefined {
  const document = atPath(entry.raw, origin.source.documentPath!.split('/'));
  if (!isRecord(document)) return undefined;
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  const raw = statements[origin.index];
  return isRecord(raw) ? raw : undefined;
}

function entryOf(templatePath: string | undefined, logicalId: string | undefined, index: AssemblyIndex): ResourceEntry | undefined {
  if (!templatePath || !logicalId) return undefined;
  return index.resources.find((e) => e.stack.templatePath === templatePath && e.logicalId === logicalId);
}

/** A resource a SecureLambdaWriter of the app created (its construct path is under the writer's). */
function generatedByWriter(entry: ResourceEntry, ctx: BuildContext): boolean {
  return writerOf(entry, ctx) !== undefined;
}

function writerOf(entry: ResourceEntry, ctx: BuildContext): string | undefined {
  const writer = ctx.intent.writer;
  const path = entry.cdkPath ?? entry.display;
  return writer && path.startsWith(`${writer}/`) ? writer : undefined;
}

export type { PolicyKind, PolicyDoc };

function unique(steps: readonly RemediationStep[]): RemediationStep[] {
  const seen = new Set<string>();
  return steps.filter((s) => {
    const k = JSON.stringify(s);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
