import type { Probe, ProbeGrant } from './probe';
import { lookupContext } from '../../iam/context';
import { Layer, Policy, PolicySet, StatementRef, UnknownLayer } from '../../iam/model';
import { PolicyRegistry } from '../model/policy-registry';
import { RoleModel } from '../model/types';
import { keysReadBySet } from '../request/policy-clauses';

/**
 * The least-privilege probes of roles alike, decided once. The CDK gives every function granted on the same buckets
 * the same policies, statement for statement (200 functions each granted on 200 buckets are 200 roles with the same
 * eleven policies), and the evaluator answers a probe from the policies' content and the parts of the request they
 * read. So a probe whose policies have the content of an earlier probe's, position for position, and whose request
 * is the same in everything those policies can read, gets that probe's answer, its statements named in its own
 * policies (the same position in the same layer).
 *
 * What a request is compared on: its action, resource and resource account; the principal's kind and account (the
 * evaluator chooses between same-account and cross-account evaluation, and the anonymous and service paths, by
 * them); the value of each context key a condition reads, or a policy variable in one; and the principal's own ARNs
 * when some statement of the set names principals other than everyone (a bucket policy naming the role). A set in
 * which a policy variable stands in an Action, Resource or Principal element (`${aws:userid}` in a key pattern) is
 * never shared: those read context keys no condition lists.
 *
 * Only the probes of a role with a twin (another role whose identity policies and boundary have the same content)
 * are keyed and kept: an app of roles that differ (each function granted on its own bucket) pays nothing for this.
 */
export class AlikeProbes {
  private readonly answers = new Map<string, readonly (PositionalGrant | undefined)[]>();
  private readonly contentAnswers = new Map<string, unknown>();
  private readonly shapes = new PolicyShapes();
  private readonly twins = new Set<RoleModel>();

  /**
   * @param roles the roles whose probes may be asked; those with a twin among them share their answers
   * @param shared false: every probe is decided itself (tests compare the reports)
   */
  constructor(roles: readonly RoleModel[], registry: PolicyRegistry, shared = true) {
    if (!shared) return;
    const bySignature = new Map<string, RoleModel[]>();
    for (const role of roles) {
      // The number of identity policies first: [A] with boundary B is not [A, B] without one.
      const documents = [...role.identity, ...(role.boundary ? [role.boundary] : [])];
      const signature = `${role.identity.length}|${documents.map((d) => this.shapes.ofPolicy(registry.policy(d)).id).join(',')}`;
      const alike = bySignature.get(signature);
      if (alike) alike.push(role);
      else bySignature.set(signature, [role]);
    }
    for (const alike of bySignature.values()) if (alike.length > 1) for (const role of alike) this.twins.add(role);
  }

  /**
   * `decide()`'s answers for the probe of `role` (one per resource it was asked on), or those of an earlier probe
   * alike. `resources`: what, besides the probe's request, the answers are for (the keys of a bucket it is asked on).
   */
  public grants(role: RoleModel, probe: Probe, resources: readonly string[], decide: () => (ProbeGrant | undefined)[]): (ProbeGrant | undefined)[] {
    const key = this.twins.has(role) ? this.probeKey(probe, resources) : undefined;
    if (key === undefined) return decide();
    const earlier = this.answers.get(key);
    if (earlier) return earlier.map((grant) => grant && inSet(grant, probe.policies));
    const decided = decide();
    this.answers.set(key, decided.map((grant) => grant && positional(grant, probe.policies)));
    return decided;
  }

  /** {@link grants} for one answer: the probe's own. */
  public grant(role: RoleModel, probe: Probe, decide: () => ProbeGrant | undefined): ProbeGrant | undefined {
    return this.grants(role, probe, [], () => [decide()])[0];
  }

  /**
   * `answer()`, or its value for an earlier set of the same content, for a question of `role`: for what depends on
   * the policies' text alone and `question` (which actions some Allow may grant on a resource, which actions the
   * statements tell apart).
   */
  public fromContent<T>(role: RoleModel, policies: PolicySet, question: string, answer: () => T): T {
    if (!this.twins.has(role)) return answer();
    const key = `${this.shapes.ofSet(policies).id}|${question}`;
    if (this.contentAnswers.has(key)) return this.contentAnswers.get(key) as T;
    const value = answer();
    this.contentAnswers.set(key, value);
    return value;
  }

  /** What the probe's answers are decided from. Undefined when its set is not shared (variables in elements). */
  private probeKey(probe: Probe, resources: readonly string[]): string | undefined {
    const set = this.shapes.ofSet(probe.policies);
    if (set.variablesInElements) return undefined;
    const { request } = probe;
    const { principal } = request;
    const parts: unknown[] = [set.id, request.action, request.resource, request.resourceAccount, principal.kind, principal.account, resources];
    if (set.namesPrincipals) parts.push(principal.arn, principal.roleArn, principal.service, principal.canonicalUserId);
    for (const key of keysReadBySet(probe.policies)) parts.push(lookupContext(request.context, key) ?? null);
    return JSON.stringify(parts);
  }
}

/** The probes of one role, with the answers of roles alike: what a caller that probes for a role passes on. */
export interface RoleProbes {
  readonly alike: AlikeProbes;
  readonly role: RoleModel;
}

/** A grant with each statement named by its policy's place in the set: `(layer, position, suffix)`. */
interface PositionalGrant {
  readonly grant: ProbeGrant;
  readonly places: readonly (StatementPlace | undefined)[];
}

interface StatementPlace {
  readonly position: number;
  /** What the evaluator wrote after the policy's id (`id (errors)`), kept as written. */
  readonly suffix: string;
}

function positional(grant: ProbeGrant, set: PolicySet): PositionalGrant {
  return {
    grant,
    places: grant.grantedBy.map((ref) => {
      const policies = layerPolicies(set, ref.layer);
      const position = placeOf(policies, ref.policyId);
      return position === -1 ? undefined : { position, suffix: ref.policyId.slice(policies[position].id.length) };
    }),
  };
}

/**
 * The position of the policy a statement reference names: the policy of that id, else the one whose id is the longest
 * start of it (an id with what the evaluator wrote after it), as the registry reads references (`PolicyRegistry.doc`).
 * One id may start another (`OverflowPolicy1`, `OverflowPolicy10`): the first that starts it would be the wrong one.
 */
function placeOf(policies: readonly Policy[], policyId: string): number {
  let best = -1;
  for (let i = 0; i < policies.length; i++) {
    const id = policies[i].id;
    if (id === policyId) return i;
    if (policyId.startsWith(id) && (best === -1 || id.length > policies[best].id.length)) best = i;
  }
  return best;
}

/** The grant with each statement that was named by its place named in `set`'s policy at that place. */
function inSet({ grant, places }: PositionalGrant, set: PolicySet): ProbeGrant {
  const grantedBy: StatementRef[] = grant.grantedBy.map((ref, i) => {
    const place = places[i];
    if (!place) return ref;
    return { ...ref, policyId: layerPolicies(set, ref.layer)[place.position].id + place.suffix };
  });
  return { ...grant, grantedBy };
}

/** The known policies of one layer of the set, in order. */
function layerPolicies(set: PolicySet, layer: Layer): readonly Policy[] {
  switch (layer) {
    case 'identity': return set.identity;
    case 'resource': return known(set.resource);
    case 'boundary': return known(set.permissionsBoundary);
    case 'session': return known(set.sessionPolicy);
    case 'scp': return levels(set.serviceControlPolicies);
    case 'rcp': return levels(set.resourceControlPolicies);
    case 'vpce': return set.vpcEndpointPolicies ?? [];
  }
}

function known(policy: Policy | UnknownLayer | undefined): Policy[] {
  return policy !== undefined && !isUnknown(policy) ? [policy] : [];
}

function levels(list: PolicySet['serviceControlPolicies']): Policy[] {
  return list !== undefined && !isUnknown(list) ? list.flat() : [];
}

function isUnknown(value: object): value is UnknownLayer {
  return 'unknownPolicy' in value;
}

interface SetShape {
  /** The same for sets of the same content: every policy's, by layer and position. */
  readonly id: number;
  /** Some statement names principals other than everyone: the principal's ARNs decide. */
  readonly namesPrincipals: boolean;
  /** A policy variable stands in an Action, Resource or Principal element. */
  readonly variablesInElements: boolean;
}

interface PolicyShape {
  /** The same for policies of the same content (version, statements, errors), whatever their ids. */
  readonly id: number;
  readonly namesPrincipals: boolean;
  readonly variablesInElements: boolean;
}

/** The shapes of the policies and sets one analysis probes, each read once per object. */
class PolicyShapes {
  private readonly sets = new WeakMap<PolicySet, SetShape>();
  private readonly policies = new WeakMap<Policy, PolicyShape>();
  private readonly contentIds = new Map<string, number>();
  private readonly setIds = new Map<string, number>();

  public ofSet(set: PolicySet): SetShape {
    let shape = this.sets.get(set);
    if (shape === undefined) {
      shape = this.readSet(set);
      this.sets.set(set, shape);
    }
    return shape;
  }

  private readSet(set: PolicySet): SetShape {
    let namesPrincipals = false;
    let variables = false;
    const one = (policy: Policy | UnknownLayer | undefined): string => {
      if (policy === undefined) return '-';
      if (isUnknown(policy)) return `?${JSON.stringify(policy.unknownPolicy)}`;
      const shape = this.ofPolicy(policy);
      namesPrincipals ||= shape.namesPrincipals;
      variables ||= shape.variablesInElements;
      return String(shape.id);
    };
    const list = (policies: readonly Policy[] | undefined) => (policies ?? []).map(one).join(',');
    const levelled = (l: PolicySet['serviceControlPolicies']) => (l === undefined ? '-' : isUnknown(l) ? one(l) : l.map(list).join(';'));
    const key = [
      set.resourceKind ?? 'default', list(set.identity), one(set.resource), one(set.permissionsBoundary),
      levelled(set.serviceControlPolicies), levelled(set.resourceControlPolicies), one(set.sessionPolicy), list(set.vpcEndpointPolicies),
    ].join('|');
    return { id: idOf(this.setIds, key), namesPrincipals, variablesInElements: variables };
  }

  public ofPolicy(policy: Policy): PolicyShape {
    let shape = this.policies.get(policy);
    if (!shape) {
      const statements = policy.statements;
      shape = {
        id: idOf(this.contentIds, JSON.stringify([policy.version, statements, policy.errors])),
        namesPrincipals: statements.some((s) => [s.principal, s.notPrincipal].some((p) => p !== undefined && !namesEveryone(p))),
        variablesInElements: statements.some((s) => [s.action, s.notAction, s.resource, s.notResource, ...principalEntries(s)]
          .some((entries) => entries?.some((e) => e.includes('${')))),
      };
      this.policies.set(policy, shape);
    }
    return shape;
  }
}

/** The number `text` stands for: the next one when it is new. */
function idOf(ids: Map<string, number>, text: string): number {
  let id = ids.get(text);
  if (id === undefined) {
    id = ids.size;
    ids.set(text, id);
  }
  return id;
}

function namesEveryone(p: NonNullable<Policy['statements'][number]['principal']>): boolean {
  return p.wildcard && p.aws.length === 0 && p.service.length === 0 && p.federated.length === 0 && p.canonicalUser.length === 0;
}

function principalEntries(s: Policy['statements'][number]): (readonly string[])[] {
  return [s.principal, s.notPrincipal].flatMap((p) => (p ? [p.aws, p.service, p.federated, p.canonicalUser] : []));
}
