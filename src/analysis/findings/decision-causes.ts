import { clauseFix } from './clause-fix';
import { StepContext } from './step-context';
import { unknownReason } from './unknown-reason';
import { evaluateCondition } from '../../iam/condition';
import { matchStatementAction } from '../../iam/match/action';
import { matchPrincipal } from '../../iam/match/principal';
import { matchStatementResource } from '../../iam/match/resource';
import {
  AuthorizationRequest, ConditionClause, Decision, Dependency, Layer, PolicyVersion, RequestPrincipal, Statement, StatementRef, StatementTrace,
} from '../../iam/model';
import { describeSymbolic, parseSymbolic } from '../../iam/symbolic';
import { FALSE } from '../../iam/tri';
import { outcome, passed, StepOutcome } from '../step-outcome';
import { StatementOrigin } from '../model/policy-registry';
import { Cause, CauseCode } from '../report';
import { variableKeys } from '../request/policy-clauses';
import { isHeaderKey, isNetworkKey, isRequestSideKey } from '../request/request-keys';

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
    return outcome('deny', code,
      `${ctx.subject}: ${ctx.action} is denied explicitly by ${name}, because of its condition ${requestClause.operator} on ${requestClause.key}; to pass it, ${fix}.`,
      `${capital(fix)} in every ${ctx.action.replace(/^s3:/, '')} request.`, where);
  }
  const code = layerCode(ref.layer, ctx);
  const session = origin?.statement && ctx.request ? roleWithoutSession(origin.statement, ctx.request.principal) : undefined;
  if (session) {
    return outcome('deny', code, `${ctx.subject}: ${ctx.action} is denied explicitly by ${name}: ${session}`,
      `In ${name}, replace NotPrincipal by \`"Principal": "*"\` with the condition \`"ArnNotEquals": {"aws:PrincipalArn": "${ctx.roleArn}"}\` `
      + '(aws:PrincipalArn is the role ARN for every session of the role), or list the session ARN in NotPrincipal.', where);
  }
  return outcome('deny', code, `${ctx.subject}: ${ctx.action} is denied explicitly by ${name}.`, denyFix(ref.layer, name, ctx), where);
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
  return outcome('deny', layerCode(layer, ctx), `${ctx.subject}: ${ctx.action} is denied explicitly by a ${layer} policy.`,
    denyFix(layer, `the ${layer} policy`, ctx));
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
  const outcomes = layers.map((layer) => implicitDenyOf(layer, ctx));
  const inconclusive = ctx.implicitDenyInconclusive;
  if (!inconclusive) return outcomes;
  return outcomes.map((o) => ({
    ...o, result: 'unknown', cause: o.cause ? { ...o.cause, message: `${o.cause.message} (Not conclusive: ${inconclusive}.)` } : o.cause,
  }));
}

function implicitDenyOf(layer: Layer, ctx: StepContext): StepOutcome {
  const grant = `${ctx.action} on ${ctx.resourceArn}`;
  switch (layer) {
    case 'identity': {
      if (ctx.kind === 'kms') {
        return outcome('deny', 'KMS_IDENTITY',
          `${ctx.subject}: the write is encrypted with key ${ctx.keyDisplay}, whose key policy leaves ${ctx.action} to IAM policies, and no identity-based policy of role ${ctx.roleDisplay} allows ${grant}.`,
          `Add \`${ctx.action}\` on ${ctx.resourceArn} to the policy of role ${ctx.roleDisplay} (CDK: \`key.grantEncrypt(fn)\`, or \`bucket.grantPut(fn)\` when the bucket knows its key).`);
      }
      if (ctx.kind === 'extra' && ctx.extra) {
        return outcome('deny', ctx.extra.code,
          `${ctx.subject}: the request sends ${ctx.extra.feature}, which needs ${grant}; no identity-based policy of role ${ctx.roleDisplay} allows it.`,
          `Grant \`${ctx.action}\` on ${ctx.resourceArn} to role ${ctx.roleDisplay}.`);
      }
      return noIdentityAllow(ctx);
    }
    case 'resource':
      if (ctx.kind === 'kms') {
        return outcome('deny', 'KMS_KEY_POLICY',
          `${ctx.subject}: the key policy of ${ctx.keyDisplay} neither allows role ${ctx.roleDisplay} ${ctx.action} nor delegates it to IAM policies of its account.`,
          `Add a statement to the key policy of ${ctx.keyDisplay} allowing \`${ctx.action}\` to ${ctx.roleArn} (Principal: the role ARN; Condition kms:ViaService s3.<region>.amazonaws.com if you want it only through S3).`);
      }
      if (ctx.resourceCode === 'ACCESS_POINT_POLICY') {
        return outcome('deny', 'ACCESS_POINT_POLICY',
          `${ctx.subject}: the write goes through an access point of another account, whose policy does not allow role ${ctx.roleDisplay} ${grant} `
          + '(a request from another account needs the access point policy to allow it, as a bucket policy would).',
          `Add to the access point's policy a statement allowing \`${ctx.action}\` on ${ctx.resourceArn} to principal ${ctx.roleArn}.`);
      }
      return outcome('deny', 'CROSS_ACCOUNT_NO_BUCKET_ALLOW',
        `${ctx.subject}: the bucket ${ctx.bucketDisplay} is in another account and its bucket policy does not allow role ${ctx.roleDisplay} ${grant} (cross-account access needs both sides).`,
        `Add to the bucket policy of ${ctx.bucketDisplay} a statement allowing \`${ctx.action}\` on ${ctx.resourceArn} to principal ${ctx.roleArn}.`);
    case 'boundary':
      return outcome('deny', 'PERMISSIONS_BOUNDARY',
        `${ctx.subject}: the permissions boundary of role ${ctx.roleDisplay} does not allow ${grant} (a boundary limits every grant, including a bucket policy that names the role ARN).`,
        `Allow \`${ctx.action}\` on ${ctx.resourceArn} in the permissions boundary of role ${ctx.roleDisplay}, or name the role session in the resource policy.`);
    case 'scp':
    case 'rcp':
      return outcome('deny', layer === 'scp' ? 'SCP_DENY' : 'RCP_DENY',
        `${ctx.subject}: no ${layer === 'scp' ? 'service' : 'resource'} control policy at some level of the organization allows ${ctx.action}.`,
        layer === 'scp'
          ? `Check the documents given as \`serviceControlPolicies\`: every level needs an Allow, so a level given only its deny SCPs must also include the \`FullAWSAccess\` statement attached there (Allow * on *). If the organization really allows no ${ctx.action} at some level, ask its administrators.`
          : `Ask the organization's administrators to allow ${ctx.action} at every level of the RCP path (RCPFullAWSAccess is implied at every level, so a level denies only through an explicit Deny).`);
    case 'vpce':
      return outcome('deny', 'VPC_ENDPOINT_POLICY', `${ctx.subject}: the VPC endpoint policy on the function's path does not allow ${grant}.`,
        `Allow \`${ctx.action}\` on ${ctx.resourceArn} in the VPC endpoint policy.`);
    default:
      return outcome('deny', 'SESSION_POLICY', `${ctx.subject}: the session policy does not allow ${grant}.`,
        `Allow \`${ctx.action}\` on ${ctx.resourceArn} in the session policy.`);
  }
}

/** NO_IDENTITY_ALLOW, with the near miss that explains it: the bucket ARN only, another prefix, a condition. */
function noIdentityAllow(ctx: StepContext): StepOutcome {
  const grant = `\`${ctx.action}\` on ${ctx.resourceArn}`;
  const otherRole = ctx.otherRolesGranting.length > 0
    ? ` Role ${ctx.otherRolesGranting.join(', ')} has a grant on this bucket, but the function runs as role ${ctx.roleDisplay}.` : '';
  const miss = findNearMiss(ctx);
  if (!miss) {
    return outcome('deny', 'NO_IDENTITY_ALLOW',
      `${ctx.subject}: no identity-based policy of role ${ctx.roleDisplay} allows ${ctx.action} on this bucket.${otherRole}`,
      `Grant ${grant} to role ${ctx.roleDisplay} (CDK: \`bucket.grantPut(fn, '${ctx.keyPattern}')\`).`);
  }
  const origin = ctx.registry.origin(miss.ref);
  const name = statementName(miss.ref, origin);
  const where = locate(miss.ref, origin);
  if (miss.kind === 'resource') {
    const resources = miss.statement.resource ?? [];
    const covered = resources.map(ctx.show).join(', ');
    const bucketOnly = resources.every((r) => /^arn:[^:]*:s3:::[^/]*$/.test(withoutAtoms(r)));
    return outcome('deny', 'NO_IDENTITY_ALLOW',
      `${ctx.subject}: ${name} allows ${ctx.action} but only on ${covered}, which does not cover ${ctx.resourceArn}.${otherRole}`,
      `Grant ${grant} — ${name} covers ${bucketOnly ? 'the bucket ARN only (objects need `<bucket ARN>/<key pattern>`)' : covered}.`, where);
  }
  const clause = miss.clause;
  return outcome('deny', 'NO_IDENTITY_ALLOW',
    `${ctx.subject}: ${name} allows ${ctx.action} only when its condition ${clause.operator} on ${clause.key} holds, and it does not for this request.${otherRole}`,
    isRequestSideKey(clause.key) ? `${capital(clauseFix(clause, 'Allow', ctx.show))}.` : `Grant ${grant} without that condition, or make role ${ctx.roleDisplay} meet it.`,
    where);
}

type NearMiss =
  | { kind: 'resource'; ref: StatementRef; statement: Statement }
  | { kind: 'condition'; ref: StatementRef; statement: Statement; clause: ConditionClause };

/** An identity Allow of the action that fails on its resource or on one condition. */
function findNearMiss(ctx: StepContext): NearMiss | undefined {
  const request = ctx.request;
  if (!request) return undefined;
  let conditionMiss: NearMiss | undefined;
  for (const policy of ctx.identityPolicies) {
    for (const s of policy.statements) {
      if (s.effect !== 'Allow' || s.malformed || matchStatementAction(s, ctx.action) !== 'true') continue;
      const ref: StatementRef = { layer: 'identity', policyId: policy.id, index: s.index, ...(s.sid ? { sid: s.sid } : {}) };
      if (matchStatementResource(s, request.resource, request.context, policy.version).result === 'false') {
        return { kind: 'resource', ref, statement: s };
      }
      const failing = s.conditions.find((c) => safeCondition(c, request.context, policy.version) === 'false');
      if (failing && !conditionMiss) conditionMiss = { kind: 'condition', ref, statement: s, clause: failing };
    }
  }
  return conditionMiss;
}

function safeCondition(clause: ConditionClause, context: AuthorizationRequest['context'], version: PolicyVersion): string {
  try {
    return evaluateCondition(clause, context, version).result;
  } catch {
    return 'unknown';
  }
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
    const clause = origin?.statement?.conditions.find((c) => c.key.toLowerCase() === dep.key?.toLowerCase());
    const effect = traceOf(decision, dep.statement)?.effect ?? origin?.statement?.effect ?? 'Deny';
    const fix = clause ? clauseFix(clause, effect, ctx.show) : `set ${dep.key} as ${name} requires`;
    const code: CauseCode = isHeaderKey(dep.key) ? 'REQUEST_CONDITION' : 'NETWORK_PATH';
    return outcome('conditional', code,
      `${ctx.subject}: ${ctx.action} works only if the request meets ${name} (${dep.key}): ${fix}.`,
      `${capital(fix)} in every ${ctx.action.replace(/^s3:/, '')} request.`, where);
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
