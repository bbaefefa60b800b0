import { clauseFix } from './clause-fix';
import { StepContext } from './step-context';
import { unknownReason } from './unknown-reason';
import { matchPrincipal } from '../../iam/match/principal';
import {
  ConditionClause, Decision, Dependency, Layer, RequestPrincipal, Statement, StatementRef, StatementTrace,
} from '../../iam/model';
import { clausesOnKey } from '../../iam/policy/clauses-by-key';
import { describeSymbolic, parseSymbolic } from '../../iam/symbolic';
import { FALSE, TRUE } from '../../iam/tri';
import { StatementOrigin } from '../model/policy-registry';
import { Need, PolicyKind } from '../remediation/types';
import { Cause, CauseCode } from '../report';
import { variableKeys } from '../request/policy-clauses';
import { isHeaderKey, isNetworkKey, isRequestSideKey } from '../request/request-keys';
import { outcome, passed, StepOutcome } from '../step-outcome';

/**
 * One IAM decision → the outcomes of its step, with cause codes, messages and fixes. The vocabulary follows
 * S3's enhanced AccessDenied messages ("because no identity-based policy allows…", "with an explicit deny in a
 * resource-based policy") so people recognise the error they saw.
 */
export function decisionOutcomes(decision: Decision, ctx: StepContext): StepOutcome[] {
  return outcomesOf(decision, ctx).map((o) => (o.result === 'pass' || o.credentialBound === false ? o : { ...o, credentialBound: true }));
}

function outcomesOf(decision: Decision, ctx: StepContext): StepOutcome[] {
  switch (decision.outcome) {
    case 'allow': return [passed()];
    case 'explicit-deny': return decision.decisive.length > 0
      ? decision.decisive.map((ref) => explicitDeny(ref, ctx))
      : [explicitDenyWithoutStatement(decision, ctx)];
    case 'implicit-deny': return implicitDeny(decision, ctx);
    default: return unknownOutcomes(decision, ctx);
  }
}

/** Where a statement lives, as the Cause fields. */
export function locate(ref: StatementRef, origin: StatementOrigin | undefined): Partial<Cause> {
  const statement = ref.sid ?? `#${origin?.index ?? ref.index}`;
  if (!origin) return { location: ref.policyId, statement };
  const { source } = origin;
  return {
    location: source.location,
    statement,
    templatePath: source.templatePath,
    logicalId: source.logicalId,
    jsonPath: source.documentPath ? `${source.documentPath}/Statement/${origin.index}` : undefined,
  };
}

function statementName(ref: StatementRef, origin: StatementOrigin | undefined): string {
  const label = ref.sid ? `statement "${ref.sid}"` : `statement #${origin?.index ?? ref.index}`;
  return `${label} of ${origin?.source.description ?? ref.policyId}`;
}

const DENY_CODES: Record<Layer, CauseCode> = {
  identity: 'IDENTITY_DENY',
  resource: 'BUCKET_POLICY_DENY',
  boundary: 'PERMISSIONS_BOUNDARY',
  scp: 'SCP_DENY',
  rcp: 'RCP_DENY',
  session: 'SESSION_POLICY',
  vpce: 'VPC_ENDPOINT_POLICY',
};

function layerCode(layer: Layer, ctx: StepContext): CauseCode {
  if (ctx.kind === 'kms' && layer === 'identity') return 'KMS_IDENTITY';
  if (ctx.kind === 'kms' && layer === 'resource') return 'KMS_KEY_POLICY';
  if (layer === 'resource' && ctx.resourceCode) return ctx.resourceCode;
  return DENY_CODES[layer];
}

function explicitDeny(ref: StatementRef, ctx: StepContext): StepOutcome {
  const denied = explicitDenyOf(ref, ctx);
  return deniesEveryPrincipal(ref, ctx.registry.origin(ref)?.statement) ? { ...denied, credentialBound: false } : denied;
}

function explicitDenyOf(ref: StatementRef, ctx: StepContext): StepOutcome {
  const origin = ctx.registry.origin(ref);
  const where = locate(ref, origin);
  const name = statementName(ref, origin);
  const requestClause = origin?.statement?.conditions.find((c) => isRequestSideKey(c.key));
  if (requestClause && ctx.kind !== 'kms') {
    const code: CauseCode = isNetworkKey(requestClause.key) ? 'NETWORK_PATH' : 'REQUEST_CONDITION';
    const fix = clauseFix(requestClause, 'Deny', ctx.show);
    return withNeeds(outcome('deny', code,
      `${ctx.subject}: ${ctx.action} is denied explicitly by ${name}, because of its condition ${requestClause.operator} on ${requestClause.key}; to pass it, ${fix}.`,
      `${capital(fix)} in every ${ctx.action.replace(/^s3:/, '')} request.`, where), { kind: 'meet', clause: requestClause, effect: 'Deny', origin });
  }
  const code = layerCode(ref.layer, ctx);
  const session = origin?.statement && ctx.request ? roleWithoutSession(origin.statement, ctx.request.principal) : undefined;
  if (session) {
    return withNeeds(outcome('deny', code, `${ctx.subject}: ${ctx.action} is denied explicitly by ${name}: ${session}`,
      `In ${name}, replace NotPrincipal by \`"Principal": "*"\` with the condition \`"ArnNotEquals": {"aws:PrincipalArn": "${ctx.roleArn}"}\` `
      + '(aws:PrincipalArn is the role ARN for every session of the role), or list the session ARN in NotPrincipal.', where),
    liftNeed(ref, origin, name, ctx, true));
  }
  return withNeeds(outcome('deny', code, `${ctx.subject}: ${ctx.action} is denied explicitly by ${name}.`, denyFix(ref.layer, name, ctx), where),
    liftNeed(ref, origin, name, ctx));
}

/** Lifting an explicit Deny: a change to the statement when the app holds it, else its owner's change. */
function liftNeed(ref: StatementRef, origin: StatementOrigin | undefined, name: string, ctx: StepContext, notPrincipalSession = false): Need {
  const policy = policyKindOf(ref.layer, ctx);
  if (!policy || !origin?.source.logicalId) {
    return { kind: 'external', what: `${name} (${ref.layer} policy, outside the templates): its owner must stop it denying ${ctx.action} on ${ctx.resourceArn} to role ${ctx.roleArn}` };
  }
  return { kind: 'lift', policy, origin, ...(notPrincipalSession ? { notPrincipalSession } : {}) };
}

/** The kind of policy a layer's statement lives in, for this step; undefined for the organization's and session policies. */
export function policyKindOf(layer: Layer, ctx: Pick<StepContext, 'kind' | 'resourceCode'>): PolicyKind | undefined {
  switch (layer) {
    case 'identity': return 'identity';
    case 'boundary': return 'boundary';
    case 'vpce': return 'endpoint';
    case 'resource':
      if (ctx.kind === 'kms') return 'key';
      return ctx.resourceCode === 'ACCESS_POINT_POLICY' ? 'access-point' : 'bucket';
    default: return undefined;
  }
}

function withNeeds(o: StepOutcome, ...needs: Need[]): StepOutcome {
  return { ...o, needs };
}

/**
 * Why a Deny + NotPrincipal that lists the caller's role still covers it, when that is the reason: no entry names
 * a session of the role (AWS Knowledge Center, "How can I use wildcards with explicit deny with Principal elements
 * instead of NotPrincipal elements in an Amazon S3 bucket policy?",
 * https://aws.amazon.com/premiumsupport/knowledge-center/explicit-deny-principal-elements-s3/).
 */
function roleWithoutSession(statement: Statement, principal: RequestPrincipal): string | undefined {
  if (statement.effect !== 'Deny' || !statement.notPrincipal || principal.kind !== 'AssumedRole') return undefined;
  if (matchPrincipal(statement.notPrincipal, principal).byKind.role === FALSE) return undefined;
  return 'its NotPrincipal lists the role but no session of it, and a Deny with NotPrincipal exempts a role session only when '
    + 'the session ARN (arn:aws:sts::<account>:assumed-role/<role name>/<session name>) is listed (AWS Knowledge Center, '
    + '"How can I use wildcards with explicit deny with Principal elements instead of NotPrincipal elements in an Amazon S3 '
    + 'bucket policy?"); a Lambda function\'s session name is not a value a policy can rely on.';
}

/**
 * Keys whose value does not depend on who signs the request: what the request carries (headers, network path,
 * TLS), the resource and its owner, the time and region, and S3's and KMS's request keys (IAM User Guide, "AWS
 * global condition context keys": the principal keys are `aws:Principal*`, `aws:userid`, `aws:username`, the
 * session keys; `kms:CallerAccount` is the caller's account).
 */
function callerIndependentKey(key: string): boolean {
  const k = key.toLowerCase();
  if (isRequestSideKey(k)) return true;
  if (k === 'kms:calleraccount') return false;
  return /^(s3|kms):/.test(k) || /^aws:(resource|requestedregion$|currenttime$|epochtime$|securetransport$|requesttag\/|tagkeys$)/.test(k);
}

/**
 * An explicit Deny of a resource-side policy (bucket, key, access point, endpoint policy, RCP) that names every
 * principal and reads nothing about the caller: it denies any credentials the function could sign with.
 */
function deniesEveryPrincipal(ref: StatementRef, statement: Statement | undefined): boolean {
  if (!statement || !['resource', 'rcp', 'vpce'].includes(ref.layer) || statement.notPrincipal) return false;
  if (statement.principal ? !statement.principal.wildcard : ref.layer === 'resource') return false;
  return statement.conditions.every((c) => [c.key, ...c.values.flatMap(variableKeys)].every(callerIndependentKey));
}

function explicitDenyWithoutStatement(decision: Decision, ctx: StepContext): StepOutcome {
  const layer = decision.blockedBy[0] ?? 'identity';
  return withNeeds(outcome('deny', layerCode(layer, ctx), `${ctx.subject}: ${ctx.action} is denied explicitly by a ${layer} policy.`,
    denyFix(layer, `the ${layer} policy`, ctx)), { kind: 'external', what: `the ${layer} policy: its owner must stop it denying ${ctx.action} on ${ctx.resourceArn} to role ${ctx.roleArn}` });
}

function denyFix(layer: Layer, name: string, ctx: StepContext): string {
  switch (layer) {
    case 'scp':
    case 'rcp':
      return `Ask the organization's administrators to exempt role ${ctx.roleArn} from ${name}, or write elsewhere.`;
    default:
      return `Remove or narrow ${name} so that it no longer denies ${ctx.action} on ${ctx.resourceArn} to role ${ctx.roleArn}`
        + ' (for example with a condition on aws:PrincipalArn).';
  }
}

function implicitDeny(decision: Decision, ctx: StepContext): StepOutcome[] {
  const layers = decision.blockedBy.length > 0 ? decision.blockedBy : ['identity' as Layer];
  const outcomes = layers.map((layer) => implicitDenyOf(layer, decision, ctx));
  const inconclusive = ctx.implicitDenyInconclusive;
  if (!inconclusive) return outcomes;
  return outcomes.map((o) => ({
    ...o, result: 'unknown', cause: o.cause ? { ...o.cause, message: `${o.cause.message} (Not conclusive: ${inconclusive}.)` } : o.cause,
  }));
}

function implicitDenyOf(layer: Layer, decision: Decision, ctx: StepContext): StepOutcome {
  const grant = `${ctx.action} on ${ctx.resourceArn}`;
  const resource = ctx.request?.resource ?? ctx.resourceArn;
  const grantNeed = (policy: PolicyKind, policyId?: string): Need => ({ kind: 'grant', policy, action: ctx.action, resource, ...(policyId ? { policyId } : {}) });
  switch (layer) {
    case 'identity': {
      if (ctx.kind === 'kms') return kmsIdentity(decision, ctx);
      if (ctx.kind === 'extra' && ctx.extra) {
        return withNeeds(outcome('deny', ctx.extra.code,
          `${ctx.subject}: the request sends ${ctx.extra.feature}, which needs ${grant}; no identity-based policy of role ${ctx.roleDisplay} allows it.`,
          `Grant \`${ctx.action}\` on ${ctx.resourceArn} to role ${ctx.roleDisplay}.`), grantNeed('identity'));
      }
      return noIdentityAllow(decision, ctx);
    }
    case 'resource':
      if (ctx.kind === 'kms') {
        return withNeeds(outcome('deny', 'KMS_KEY_POLICY',
          `${ctx.subject}: the key policy of ${ctx.keyDisplay} neither allows role ${ctx.roleDisplay} ${ctx.action} nor delegates it to IAM policies of its account.`,
          `Add a statement to the key policy of ${ctx.keyDisplay} allowing \`${ctx.action}\` to ${ctx.roleArn} (Principal: the role ARN; Condition kms:ViaService s3.<region>.amazonaws.com if you want it only through S3).`),
        grantNeed('key'));
      }
      if (ctx.resourceCode === 'ACCESS_POINT_POLICY') {
        return withNeeds(outcome('deny', 'ACCESS_POINT_POLICY',
          `${ctx.subject}: the write goes through an access point of another account, whose policy does not allow role ${ctx.roleDisplay} ${grant} `
          + '(a request from another account needs the access point policy to allow it, as a bucket policy would).',
          `Add to the access point's policy a statement allowing \`${ctx.action}\` on ${ctx.resourceArn} to principal ${ctx.roleArn}.`),
        grantNeed('access-point'));
      }
      return withNeeds(outcome('deny', 'CROSS_ACCOUNT_NO_BUCKET_ALLOW',
        `${ctx.subject}: the bucket ${ctx.bucketDisplay} is in another account and its bucket policy does not allow role ${ctx.roleDisplay} ${grant} (cross-account access needs both sides).`,
        `Add to the bucket policy of ${ctx.bucketDisplay} a statement allowing \`${ctx.action}\` on ${ctx.resourceArn} to principal ${ctx.roleArn}.`),
      grantNeed('bucket'));
    case 'boundary':
      return withNeeds(outcome('deny', 'PERMISSIONS_BOUNDARY',
        `${ctx.subject}: the permissions boundary of role ${ctx.roleDisplay} does not allow ${grant} (a boundary limits every grant, including a bucket policy that names the role ARN).`,
        `Allow \`${ctx.action}\` on ${ctx.resourceArn} in the permissions boundary of role ${ctx.roleDisplay}, or name the role session in the resource policy.`),
      grantNeed('boundary'));
    case 'scp':
    case 'rcp':
      return withNeeds(outcome('deny', layer === 'scp' ? 'SCP_DENY' : 'RCP_DENY',
        `${ctx.subject}: no ${layer === 'scp' ? 'service' : 'resource'} control policy at some level of the organization allows ${ctx.action}.`,
        layer === 'scp'
          ? `Check the documents given as \`serviceControlPolicies\`: every level needs an Allow, so a level given only its deny SCPs must also include the \`FullAWSAccess\` statement attached there (Allow * on *). If the organization really allows no ${ctx.action} at some level, ask its administrators.`
          : `Ask the organization's administrators to allow ${ctx.action} at every level of the RCP path (RCPFullAWSAccess is implied at every level, so a level denies only through an explicit Deny).`),
      { kind: 'external', what: `the ${layer === 'scp' ? 'service' : 'resource'} control policies: every level of the organization must allow ${ctx.action} on ${ctx.resourceArn} (an Allow statement, such as ${layer === 'scp' ? 'FullAWSAccess' : 'RCPFullAWSAccess'}, at each level)` });
    case 'vpce':
      return withNeeds(outcome('deny', 'VPC_ENDPOINT_POLICY', `${ctx.subject}: the VPC endpoint policy on the function's path does not allow ${grant}.`,
        `Allow \`${ctx.action}\` on ${ctx.resourceArn} in the VPC endpoint policy.`), grantNeed('endpoint', endpointWithoutAllow(decision)));
    default:
      return withNeeds(outcome('deny', 'SESSION_POLICY', `${ctx.subject}: the session policy does not allow ${grant}.`,
        `Allow \`${ctx.action}\` on ${ctx.resourceArn} in the session policy.`),
      { kind: 'external', what: `the session policy passed when the credentials were obtained: it must allow ${grant}` });
  }
}

/** The endpoint policy that has no Allow for the request (the trace holds the endpoint policies that do). */
function endpointWithoutAllow(decision: Decision): string | undefined {
  const allowing = new Set(decision.trace.filter((t) => t.statement.layer === 'vpce' && t.effect === 'Allow' && t.applies === TRUE).map((t) => t.statement.policyId));
  const seen = decision.trace.filter((t) => t.statement.layer === 'vpce').map((t) => t.statement.policyId);
  return seen.find((id) => !allowing.has(id));
}

/**
 * KMS_IDENTITY. The near miss the trace shows is the usual reason: an Allow of the action whose condition on the
 * encryption context fails. With an S3 Bucket Key the context S3 sends is the bucket ARN, without one the object ARN
 * (S3 User Guide, "Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys": "the encryption context ... is the
 * bucket ARN" with a Bucket Key, the object ARN without,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html), so a condition written for one fails on
 * the other: the grant exists; the request or the condition must change, not the grant.
 */
function kmsIdentity(decision: Decision, ctx: StepContext): StepOutcome {
  const grant = `${ctx.action} on ${ctx.resourceArn}`;
  const miss = nearMiss(decision, ctx);
  const context = miss?.kind === 'condition' ? contextMismatch(miss.clause, ctx) : undefined;
  if (miss?.kind === 'condition' && context) {
    const name = statementName(miss.ref, miss.origin);
    return withNeeds(outcome('deny', 'KMS_IDENTITY',
      `${ctx.subject}: ${name} allows ${ctx.action} on key ${ctx.keyDisplay}, but only when ${miss.clause.key} is ${miss.clause.values.map(ctx.show).join(' or ')}; `
      + `the request's encryption context is ${context.actual} (${context.because}), so the condition fails.`,
      context.fix, locate(miss.ref, miss.origin)), ...context.needs);
  }
  const cdk = ctx.action === 'kms:Decrypt' ? 'key.grantDecrypt(fn)' : `key.grant(fn, '${ctx.action}')`;
  const near = miss ? ` ${describeMiss(miss, ctx)}` : '';
  return withNeeds(outcome('deny', 'KMS_IDENTITY',
    `${ctx.subject}: the write is encrypted with key ${ctx.keyDisplay}, whose key policy leaves ${ctx.action} to IAM policies, and no identity-based policy of role ${ctx.roleDisplay} allows ${grant}.${near}`,
    `Add \`${ctx.action}\` on ${ctx.resourceArn} to the policy of role ${ctx.roleDisplay} (CDK: \`${cdk}\`).`),
  { kind: 'grant', policy: 'identity', action: ctx.action, resource: ctx.request?.resource ?? ctx.resourceArn });
}

interface ContextMismatch {
  readonly actual: string;
  readonly because: string;
  readonly fix: string;
  readonly needs: Need[];
}

/** An encryption-context condition written for the bucket ARN (Bucket Key) meeting the object ARN, or the reverse. */
function contextMismatch(clause: ConditionClause, ctx: StepContext): ContextMismatch | undefined {
  if (clause.key.toLowerCase() !== 'kms:encryptioncontext:aws:s3:arn') return undefined;
  const actual = contextValue(ctx, clause.key);
  if (actual === undefined) return undefined;
  const bucketOnly = (v: string) => /^arn:[^:]*:s3:::[^/]*$/.test(withoutAtoms(v));
  const objectArnSent = !bucketOnly(actual);
  const expectsBucket = clause.values.some(bucketOnly);
  if (objectArnSent && expectsBucket) {
    return {
      actual: ctx.show(actual),
      because: 'the request does not use an S3 Bucket Key, so S3 passes the object ARN as encryption context',
      fix: 'Send `x-amz-server-side-encryption-bucket-key-enabled: true` (SDK: `BucketKeyEnabled: true`) and declare it, so S3 passes the bucket ARN the condition expects; '
        + 'or write the condition for object ARNs (`<bucket ARN>/*` with StringLike).',
      needs: [{ kind: 'send', set: { bucketKeyEnabled: true }, why: `with an S3 Bucket Key the encryption context is the bucket ARN, which ${clause.key} expects` }],
    };
  }
  if (!objectArnSent && !expectsBucket) {
    return {
      actual: ctx.show(actual),
      because: 'the request uses an S3 Bucket Key, so S3 passes the bucket ARN as encryption context',
      fix: 'Send `x-amz-server-side-encryption-bucket-key-enabled: false` (SDK: `BucketKeyEnabled: false`) and declare it, so S3 passes the object ARN the condition expects; '
        + 'or add the bucket ARN to the condition.',
      needs: [{ kind: 'send', set: { bucketKeyEnabled: false }, why: `without an S3 Bucket Key the encryption context is the object ARN, which ${clause.key} expects` }],
    };
  }
  return undefined;
}

function contextValue(ctx: StepContext, key: string): string | undefined {
  const context = ctx.request?.context ?? {};
  const found = Object.keys(context).find((k) => k.toLowerCase() === key.toLowerCase());
  const value = found ? context[found] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** NO_IDENTITY_ALLOW, with the near miss that explains it: the bucket ARN only, another prefix, a condition. */
function noIdentityAllow(decision: Decision, ctx: StepContext): StepOutcome {
  const grant = `\`${ctx.action}\` on ${ctx.resourceArn}`;
  const need: Need = { kind: 'grant', policy: 'identity', action: ctx.action, resource: ctx.request?.resource ?? ctx.resourceArn };
  const others = ctx.otherRolesGranting();
  const otherRole = others.length > 0
    ? ` Role ${others.join(', ')} has a grant on this bucket, but the function runs as role ${ctx.roleDisplay}.` : '';
  const miss = nearMiss(decision, ctx);
  if (!miss) {
    return withNeeds(outcome('deny', 'NO_IDENTITY_ALLOW',
      `${ctx.subject}: no identity-based policy of role ${ctx.roleDisplay} allows ${ctx.action} on this bucket.${otherRole}`,
      `Grant ${grant} to role ${ctx.roleDisplay} (CDK: \`bucket.grantPut(fn, '${ctx.keyPattern}')\`).`), need);
  }
  const name = statementName(miss.ref, miss.origin);
  const where = locate(miss.ref, miss.origin);
  if (miss.kind === 'resource') {
    const resources = miss.statement.resource ?? [];
    const covered = resources.map(ctx.show).join(', ');
    const bucketOnly = resources.every((r) => /^arn:[^:]*:s3:::[^/]*$/.test(withoutAtoms(r)));
    const variable = missingVariable(resources, ctx);
    if (variable) {
      return withNeeds(outcome('deny', 'NO_IDENTITY_ALLOW',
        `${ctx.subject}: ${name} allows ${ctx.action} only on ${covered}, and ${variable}, so that entry covers nothing.${otherRole}`,
        `Grant ${grant} without the variable (a fixed prefix, or \`\${aws:PrincipalTag/<tag>}\` with a tag on role ${ctx.roleDisplay}).`, where), need);
    }
    const hint = bucketOnly ? ' (it names the bucket ARN only; objects need `<bucket ARN>/<key pattern>`)' : '';
    return withNeeds(outcome('deny', 'NO_IDENTITY_ALLOW',
      `${ctx.subject}: ${name} allows ${ctx.action} but only on ${covered}, which does not cover ${ctx.resourceArn}${hint}.${otherRole}`,
      `Grant ${grant} — ${name} covers ${bucketOnly ? 'the bucket ARN only (objects need `<bucket ARN>/<key pattern>`)' : covered}.`, where), need);
  }
  const clause = miss.clause;
  const meet = isRequestSideKey(clause.key);
  return withNeeds(outcome('deny', 'NO_IDENTITY_ALLOW',
    `${ctx.subject}: ${name} allows ${ctx.action} only when its condition ${clause.operator} on ${clause.key} holds, and it does not for this request.${otherRole}`,
    meet ? `${capital(clauseFix(clause, 'Allow', ctx.show))}.` : `Grant ${grant} without that condition, or make role ${ctx.roleDisplay} meet it.`,
    where), meet ? { kind: 'meet', clause, effect: 'Allow', origin: miss.origin } : need);
}

/**
 * A policy variable of the resource that a role session never has: `aws:username` exists only for IAM users (IAM
 * User Guide, "IAM policy elements: Variables and tags": "aws:username ... not present for roles", and a variable
 * without a value makes the entry match nothing,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
 */
function missingVariable(resources: readonly string[], ctx: StepContext): string | undefined {
  if (ctx.request?.principal.kind !== 'AssumedRole') return undefined;
  const uses = resources.some((r) => /\$\{aws:username\}/i.test(r));
  return uses ? '`${aws:username}` never has a value for a role session (it exists only for IAM users)' : undefined;
}

type NearMiss =
  | { kind: 'resource'; ref: StatementRef; origin?: StatementOrigin; statement: Statement }
  | { kind: 'condition'; ref: StatementRef; origin?: StatementOrigin; statement: Statement; clause: ConditionClause };

/**
 * An identity Allow of the action that fails on its resource or on one condition, read from the decision's trace
 * (the evaluator keeps every statement whose action matched): a resource miss first, else the first failing clause.
 */
function nearMiss(decision: Decision, ctx: StepContext): NearMiss | undefined {
  let conditionMiss: NearMiss | undefined;
  for (const t of decision.trace) {
    if (t.statement.layer !== 'identity' || t.effect !== 'Allow' || t.action !== TRUE || t.applies !== FALSE || t.problem) continue;
    const origin = ctx.registry.origin(t.statement);
    const statement = origin?.statement;
    if (!statement) continue;
    if (t.resource === FALSE) return { kind: 'resource', ref: t.statement, origin, statement };
    const failing = t.conditions.find((c) => c.result === FALSE);
    const clause = failing && statement.conditions.find((c) => c.key === failing.key && c.operator === failing.operator);
    if (clause && !conditionMiss) conditionMiss = { kind: 'condition', ref: t.statement, origin, statement, clause };
  }
  return conditionMiss;
}

function describeMiss(miss: NearMiss, ctx: StepContext): string {
  const name = statementName(miss.ref, miss.origin);
  return miss.kind === 'resource'
    ? `(${name} allows it only on ${(miss.statement.resource ?? []).map(ctx.show).join(', ')}.)`
    : `(${name} allows it only when its condition ${miss.clause.operator} on ${miss.clause.key} holds, and it does not for this request.)`;
}

function unknownOutcomes(decision: Decision, ctx: StepContext): StepOutcome[] {
  const deps = decision.dependsOn.length > 0 ? decision.dependsOn
    : [{ layer: 'identity', policyId: '(unknown)', reason: 'the decision could not be made' } as Dependency];
  const outcomes = deps.map((d) => dependencyOutcome(d, decision, ctx));
  return dedupe(outcomes);
}

function dependencyOutcome(dep: Dependency, decision: Decision, ctx: StepContext): StepOutcome {
  const origin = dep.statement ? ctx.registry.origin(dep.statement) : undefined;
  const where = dep.statement ? locate(dep.statement, origin) : { location: ctx.registry.doc(dep.policyId)?.source.location };
  const name = dep.statement ? statementName(dep.statement, origin) : ctx.registry.doc(dep.policyId)?.source.description ?? dep.policyId;
  if (dep.key && isTimeKey(dep.key)) {
    // A date still to come: the answer changes then, whatever the templates say (time only grows).
    return outcome('conditional', 'REQUEST_CONDITION',
      `${ctx.subject}: ${ctx.action} depends on when the request is made: ${name} tests ${dep.key} against a date still to come (${describeSymbolic(dep.reason)}).`,
      `Check that the date in ${name} is the one you mean: the verdict changes at that instant.`, where);
  }
  if (dep.key && isRequestSideKey(dep.key) && ctx.kind !== 'kms') {
    const clause = origin?.statement ? clausesOnKey(origin.statement, dep.key)[0] : undefined;
    const effect = traceOf(decision, dep.statement)?.effect ?? origin?.statement?.effect ?? 'Deny';
    const fix = clause ? clauseFix(clause, effect, ctx.show) : `set ${dep.key} as ${name} requires`;
    const code: CauseCode = isHeaderKey(dep.key) ? 'REQUEST_CONDITION' : 'NETWORK_PATH';
    const conditional = outcome('conditional', code,
      `${ctx.subject}: ${ctx.action} works only if the request meets ${name} (${dep.key}): ${fix}.`,
      `${capital(fix)} in every ${ctx.action.replace(/^s3:/, '')} request.`, where);
    return clause ? withNeeds(conditional, { kind: 'meet', clause, effect, origin }) : conditional;
  }
  return outcome('unknown', 'UNRESOLVED', `${ctx.subject}: ${ctx.action} cannot be decided from the templates: ${unknownReason(dep, name, ctx)}.`,
    undefined, where);
}

/** `aws:CurrentTime`, `aws:EpochTime`: the time of the request (IAM User Guide, "AWS global condition context keys"). */
export function isTimeKey(key: string): boolean {
  return /^aws:(currenttime|epochtime)$/i.test(key);
}

function traceOf(decision: Decision, ref: StatementRef | undefined): StatementTrace | undefined {
  if (!ref) return undefined;
  return decision.trace.find((t) => t.statement.policyId === ref.policyId && t.statement.index === ref.index && t.statement.layer === ref.layer);
}

function dedupe(outcomes: StepOutcome[]): StepOutcome[] {
  const seen = new Set<string>();
  return outcomes.filter((o) => {
    const k = `${o.result}|${o.cause?.code}|${o.cause?.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The literal skeleton of a symbolic string (each atom as `X`), for shape tests like "has a key part". */
function withoutAtoms(value: string): string {
  return parseSymbolic(value).map((p) => ('literal' in p ? p.literal : 'X')).join('');
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
