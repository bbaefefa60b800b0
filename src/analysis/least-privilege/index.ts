import { AlikeProbes } from './alike-probes';
import { groupExcess, intentExcess, multipartKeys, onceEach, RoleScope, roleExcessWithoutIntent } from './excess';
import { oncePerEntry } from './once-per-entry';
import { leastPrivilegePolicy } from './policy';
import { ProbeRequests } from './probe-requests';
import { GrantReach } from './reach';
import { tagReliance } from './tags';
import { ExcessPermission, IntentPrivilege, LeastPrivilegeIssue, LeastPrivilegeReport, RolePrivilege } from './types';
import { bucketWriters } from './writers';
import { AnalysisEnvironment } from '../input';
import { collectIntents } from '../intents';
import { WriteIntent } from '../intents/types';
import { PolicyRegistry } from '../model/policy-registry';
import { AppModel, FunctionModel, RoleModel } from '../model/types';
import { withoutUndefined } from '../text/without-undefined';

export * from './types';

/** How the report is computed; the same report either way (tests compare them). */
export interface LeastPrivilegeOptions {
  /** Probe every role on every bucket, not only where some Allow may reach. Default false. */
  readonly probeEveryPair?: boolean;
  /** Decide each role's probes itself, not once for roles alike (alike-probes.ts). Default false. */
  readonly decideEachRole?: boolean;
}

/**
 * Least privilege, per role of the app's functions: what it can do beyond its writes (`excess`, each traced to the
 * granting statement), the one policy that grants exactly its writes (`leastPrivilege`); per bucket, who can write
 * to it (`writers`); per write, the tags it relies on. Additional to the findings: no verdict depends on it.
 * Never throws: a part that fails is named in `problems`.
 */
export function analyzeLeastPrivilege(model: AppModel, environment: AnalysisEnvironment, intents?: readonly WriteIntent[],
  options: LeastPrivilegeOptions = {}): LeastPrivilegeReport {
  const problems: string[] = [];
  let all: readonly WriteIntent[] = [];
  try {
    all = intents ?? collectIntents(model, environment);
  } catch (e) {
    problems.push(`the write intents could not be read: ${message(e)}`);
  }
  const roles: RolePrivilege[] = [];
  const registry = new PolicyRegistry();
  const reach = new GrantReach(model, registry, options.probeEveryPair);
  const alike = new AlikeProbes(model.roles.filter((r) => !r.external), registry, !options.decideEachRole);
  const intentsOf = new Map<RoleModel, WriteIntent[]>();
  for (const intent of ownIntents(all)) {
    const role = intent.fn.role;
    if (!role || intent.bucket === undefined || intent.problem) continue;
    const list = intentsOf.get(role);
    if (list) list.push(intent);
    else intentsOf.set(role, [intent]);
  }
  for (const [role, functions] of rolesOfFunctions(model)) {
    try {
      roles.push(rolePrivilege(role, functions, intentsOf.get(role) ?? [], model, environment, reach, alike));
    } catch (e) {
      problems.push(`role ${role.display}: ${message(e)}`);
    }
  }
  let writers: LeastPrivilegeReport['writers'] = [];
  const issues: LeastPrivilegeIssue[] = roles.flatMap(excessIssues);
  try {
    const found = bucketWriters(model, environment, all, reach, alike);
    writers = found.writers;
    issues.push(...found.issues);
  } catch (e) {
    problems.push(`the writers of the buckets could not be found: ${message(e)}`);
  }
  return withoutUndefined({ roles, writers, issues, problems: problems.length > 0 ? problems : undefined });
}

/**
 * Roles of the app's functions, with the functions that run with them. The CDK's own custom-resource handlers
 * (`Custom::…` providers: auto-delete objects, bucket deployment, …) are left out: what they do is their purpose,
 * and their role is not the user's to scope.
 */
function rolesOfFunctions(model: AppModel): Map<RoleModel, FunctionModel[]> {
  const byRole = new Map<RoleModel, FunctionModel[]>();
  for (const fn of model.functions) {
    if (!fn.role || fn.role.external || /(^|\/)Custom::/.test(fn.display)) continue;
    const functions = byRole.get(fn.role);
    if (functions) functions.push(fn);
    else byRole.set(fn.role, [fn]);
  }
  return byRole;
}

/** `intents`: the role's own write intents with a bucket and no problem. */
function rolePrivilege(role: RoleModel, functions: readonly FunctionModel[], intents: readonly WriteIntent[], model: AppModel,
  environment: AnalysisEnvironment, reach: GrantReach, alike: AlikeProbes): RolePrivilege {
  const scope: RoleScope = {
    role, functions, intents, model, environment, registry: new PolicyRegistry(), reach, requests: new ProbeRequests(environment), alike,
  };
  const multipart = multipartKeys(scope);
  const made = new Map<string, ExcessPermission>();
  const found = intents.map((intent) => intentExcess(intent, scope, multipart));
  const intentRows: IntentPrivilege[] = intents.map((intent, i) => ({
    function: intent.fn.display,
    bucket: intent.bucket!.display,
    keyPattern: intent.keyPattern,
    intent: intent.source,
    excess: groupExcess(role, found[i], made),
    tags: tagReliance(intent, scope),
  }));
  const excess = groupExcess(role, onceEach([...found.flat(), ...roleExcessWithoutIntent(scope)]), made);
  return withoutUndefined({
    role: role.display,
    templatePath: role.entry?.stack.templatePath,
    logicalId: role.entry?.logicalId,
    functions: functions.map((f) => f.display),
    intents: intentRows,
    excess,
    leastPrivilege: leastPrivilegePolicy(scope, multipart),
  });
}

/**
 * The writes each function means to make. A function whose writes are declared (`expectWrite`) or recorded by a
 * SecureLambdaWriter writes those: an intent inferred from its role's grants on another bucket is what the grant
 * allows, not what the code does (a role shared with another function grants both functions' buckets), so it is not
 * a need the least-privilege policy must cover. A function with no declared write keeps its inferred ones.
 */
function ownIntents(all: readonly WriteIntent[]): WriteIntent[] {
  const declared = new Set(all.filter((i) => i.source !== 'inferred').map((i) => i.fn));
  return all.filter((i) => i.source !== 'inferred' || !declared.has(i.fn));
}

/**
 * One warning per excess entry of the role: per statement that grants it more than its writes need on one resource,
 * its excess actions listed together (`grantReadWrite` is one warning naming its reads and deletes, not ten).
 * Acknowledging the warning acknowledges the entry, all its actions.
 */
function excessIssues(role: RolePrivilege): LeastPrivilegeIssue[] {
  return role.excess.map((e) => withoutUndefined({
    code: 'EXCESS_PERMISSION' as const,
    severity: 'warning' as const,
    message: e.message,
    fix: `Replace the S3 and KMS statements of role ${role.role} with its least-privilege policy (the report's leastPrivilege), or narrow statement ${e.statement} of ${e.location}.`,
    subjects: [e.location, role.role, ...role.functions, ...(e.bucket ? [e.bucket] : [])],
    location: e.location,
    statement: e.statement,
    templatePath: e.templatePath,
    logicalId: e.logicalId,
    jsonPath: e.jsonPath,
    role: role.role,
    functions: role.functions,
    bucket: e.bucket,
    key: e.key,
    resource: e.resource,
    action: e.action,
    actions: e.actions,
  }));
}

/**
 * Where an excess is, as an issue and the role's excess lists both say it: an acknowledgement found for the issue marks
 * the excess by it (looked up, not searched: a large app has thousands of each). What an acknowledgement may be made
 * on (the policy, the role, its functions, the bucket) is the same for every entry of one statement on one bucket, so
 * the action is not part of it; the bucket is: one statement granting on two buckets is two issues, and an
 * acknowledgement on one bucket covers that one's.
 */
export interface ExcessPlace {
  readonly location?: string;
  readonly statement?: string;
  readonly bucket?: string;
}

function excessKey(role: string | undefined, e: ExcessPlace): string {
  return JSON.stringify([role, e.location, e.statement, e.bucket]);
}

/** The acknowledgement of each excess of the roles, from the `EXCESS_PERMISSION` issues that are acknowledged. */
function excessAcknowledgements<A>(
  issues: Iterable<ExcessPlace & { readonly role?: string; readonly acknowledged?: A }>,
): (role: string, excess: ExcessPlace) => A | undefined {
  const byKey = new Map<string, A>();
  for (const issue of issues) {
    if (issue.acknowledged === undefined) continue;
    const key = excessKey(issue.role, issue);
    if (!byKey.has(key)) byKey.set(key, issue.acknowledged);
  }
  return (role, excess) => byKey.get(excessKey(role, excess));
}

/** A role of a least-privilege report, in the analysis' shape or the public one. */
interface RoleWithExcess<E> {
  readonly role: string;
  readonly excess: readonly E[];
  readonly intents: readonly { readonly excess: readonly E[] }[];
}

/**
 * The roles with each excess an acknowledged `EXCESS_PERMISSION` issue covers marked `acknowledged` (looked up, not
 * searched: a large app has thousands of each). The checker and the command line each judge acknowledgements their
 * own way (the construct tree, the assembly's metadata), then mark the report with this. Each entry is marked once,
 * so a role's excess and its intents' still share their entries.
 */
export function withExcessAcknowledged<E extends ExcessPlace, R extends RoleWithExcess<E>, A>(roles: readonly R[],
  issues: Iterable<ExcessPlace & { readonly role?: string; readonly acknowledged?: A }>): R[] {
  const acknowledged = excessAcknowledgements(issues);
  return roles.map((r) => {
    const mark = oncePerEntry((e: E): E => {
      const found = acknowledged(r.role, e);
      return found === undefined ? e : { ...e, acknowledged: found };
    });
    return { ...r, excess: r.excess.map(mark), intents: r.intents.map((i) => ({ ...i, excess: i.excess.map(mark) })) };
  });
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
