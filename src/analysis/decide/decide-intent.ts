import { GATES } from './gates';
import { IntentContext, intentContext } from './intent-context';
import { organizationNotes } from './organization-policies';
import { unlessAnotherWay } from './other-write-paths';
import { wildcardGrantViews } from './policy-sets';
import { AGNOSTIC_ASSUMPTION } from '../cfn/pseudo-parameters';
import { buildFinding, unknownFinding } from '../findings/build-finding';
import { timeNotes } from '../findings/time-notes';
import { wildcardBucketGrantNotes } from '../findings/wildcard-grants';
import { AbacNote, Gate } from '../gates';
import { AnalysisEnvironment } from '../input';
import { WriteIntent } from '../intents/types';
import { AppModel, BucketModel, RoleModel } from '../model/types';
import { Finding } from '../report';
import { policiesOf } from '../request/policy-clauses';
import { buildS3Request } from '../request/s3-request';
import { StepOutcome } from '../step-outcome';

/**
 * Judge one write intent: run every registered gate (decide/gates.ts: the PutObject authorization per network
 * path, the extra actions its headers imply, the chained KMS authorization, the S3 and network gates) on the
 * intent's context, then one finding, the worst outcome deciding.
 */
export function decideIntent(intent: WriteIntent, model: AppModel, environment: AnalysisEnvironment,
  reach: ReadonlyMap<BucketModel, readonly RoleModel[]> = new Map(), gates: readonly Gate<IntentContext>[] = GATES): Finding {
  const { fn, bucket } = intent;
  if (intent.problem || !bucket) return unknownFinding(intent, intent.problem ?? 'the bucket is not known');
  const role = fn.role;
  if (!role) {
    return unknownFinding(intent, `the execution role of ${fn.display} is not known (its Role property did not resolve to a role ARN)`);
  }
  const context = intentContext(intent, bucket, role, model, environment, reach);
  const outcomes = gates.flatMap((gate) => gate.outcomes(context));
  const notes = intentNotes(context);
  const decided = unlessAnotherWay(outcomes, { fn, role, bucket, objectArn: context.objectArn, model, environment, registry: context.registry });
  return buildFinding(intent, decided.map((o) => withAbacNote(o, context.abac.notes)), notes);
}

/** The finding's notes: assumptions, the ABAC state, `s3:TlsVersion`, wildcard grants and time conditions. */
function intentNotes(c: IntentContext): string[] {
  const { intent, model, bucket, network, step } = c;
  const wildcardGrants = wildcardBucketGrantNotes(c.role.identity, wildcardGrantViews(step.identityPolicies), c.objectArn, step.show);
  const times = timeNotes([...policiesOf(c.policies), ...c.pathPolicies], () => buildS3Request(c.request), c.registry);
  const extra = [...(c.abac.enabled === 'true' ? [c.abac.reason] : []), ...(c.tlsNote ? [c.tlsNote] : []), ...wildcardGrants, ...times];
  const notes = [...organizationNotes(c.environment), ...bucket.assumptions, ...(intent.notes ?? []), ...extra];
  if (model.agnostic) notes.push(AGNOSTIC_ASSUMPTION);
  if (!intent.profileExact) notes.push('the request profile was inferred: the default SDK request (no SSE header, no ACL, no tags, HTTPS)');
  if (network) notes.push(`network path: ${network.path}`);
  notes.push('Lambda passes no session policy');
  return notes;
}

/** The ABAC gate explains tag conditions (e.g. "ABAC is off, so aws:ResourceTag/team is absent"): add it to the cause it explains. */
function withAbacNote(o: StepOutcome, notes: readonly AbacNote[]): StepOutcome {
  const note = notes.find((n) => o.cause && n.policy === o.cause.location && n.statement === o.cause.statement);
  if (!note || !o.cause) return o;
  return { ...o, cause: { ...o.cause, message: `${o.cause.message} ${note.message}` }, fix: o.fix ?? note.fix };
}
