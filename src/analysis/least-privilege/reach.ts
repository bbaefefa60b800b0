import { allowReach, fixedResourceName } from '../../iam/evaluate/statement-index';
import { Statement } from '../../iam/model';
import { PolicyRegistry } from '../model/policy-registry';
import { AppModel, BucketModel, RoleModel } from '../model/types';

/** The report probes S3 actions on buckets: a role's grants of other services (its logs, its queues) reach no bucket. */
const S3 = { service: 's3' };

/**
 * Which roles of the app some policy may let act on a bucket at all, found without a probe.
 *
 * A request is allowed only when an Allow applies in the identity policies or in the bucket policy (IAM User Guide,
 * "Policy evaluation logic", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * boundaries, SCPs, RCPs and session policies only take away. So a role none of whose identity Allows of S3 can name the
 * bucket (statement-index.ts's conservative rule) and that no Allow of the bucket policy can name as principal is
 * granted nothing there, and the least-privilege probes of that pair are skipped: each would find no grant. Without
 * this, a report over R roles and B buckets builds R·B probes per action, nearly all for a bucket the role's
 * policies never name.
 */
export class GrantReach {
  /** The app's own roles (imported ones are not scoped by the app), in the model's order. */
  private readonly roles: readonly RoleModel[];
  /** Roles some identity Allow of which may apply to any bucket (a wildcard, a variable, an unreadable statement). */
  private readonly everywhere = new Set<RoleModel>();
  /** Roles by the fixed bucket name their identity Allows give. */
  private readonly byName = new Map<string, Set<RoleModel>>();
  private readonly byArn = new Map<string, RoleModel>();
  /** The fixed bucket names each role's identity Allows give. */
  private readonly namesOf = new Map<RoleModel, Set<string>>();
  private readonly cached = new Map<BucketModel, Set<RoleModel> | 'all'>();
  private bucketIndex?: { forEveryRole: BucketModel[]; naming: Map<RoleModel, BucketModel[]>; byName: Map<string, BucketModel[]> };

  /**
   * `exhaustive`: every role may be granted on every bucket (the report as it was before this pruning; the tests
   * compare the two).
   */
  constructor(private readonly model: AppModel, private readonly registry: PolicyRegistry, private readonly exhaustive = false) {
    this.roles = model.roles.filter((r) => !r.external);
    for (const role of this.roles) {
      this.byArn.set(role.arn, role);
      for (const doc of role.identity) {
        const reach = allowReach(registry.policy(doc), S3);
        if (reach.anyName) this.everywhere.add(role);
        for (const name of reach.names) {
          const roles = this.byName.get(name) ?? new Set<RoleModel>();
          roles.add(role);
          this.byName.set(name, roles);
          const names = this.namesOf.get(role) ?? new Set<string>();
          names.add(name);
          this.namesOf.set(role, names);
        }
      }
    }
  }

  /** Whether some Allow may let the role act on the bucket or its objects. */
  public mayBeGranted(role: RoleModel, bucket: BucketModel): boolean {
    const found = this.candidates(bucket);
    return found === 'all' || found.has(role);
  }

  /**
   * The buckets of the app (not imported ones) some Allow may let the role act on, in the model's order. Found from
   * the role's side: the buckets its grants name, those whose policy may name it, every bucket when a grant has a
   * wildcard — not by asking each bucket about each role.
   */
  public bucketsOf(role: RoleModel): BucketModel[] {
    const own = this.model.buckets.filter((b) => !b.external);
    if (this.exhaustive || this.everywhere.has(role) || role.external) return own.filter((b) => this.mayBeGranted(role, b));
    const side = this.bucketSide();
    const found = new Set<BucketModel>(side.forEveryRole);
    for (const bucket of side.naming.get(role) ?? []) found.add(bucket);
    for (const name of this.namesOf.get(role) ?? []) {
      for (const bucket of side.byName.get(name) ?? []) found.add(bucket);
    }
    return own.filter((b) => found.has(b));
  }

  /** The app's own roles some Allow may let act on the bucket, in the model's order. */
  public rolesOn(bucket: BucketModel): RoleModel[] {
    const found = this.candidates(bucket);
    return found === 'all' ? [...this.roles] : this.roles.filter((r) => found.has(r));
  }

  /** Per bucket of the app: whether its policy may name any role, the roles it names, its fixed name. */
  private bucketSide() {
    if (!this.bucketIndex) {
      const index = { forEveryRole: [] as BucketModel[], naming: new Map<RoleModel, BucketModel[]>(), byName: new Map<string, BucketModel[]>() };
      for (const bucket of this.model.buckets) {
        if (bucket.external) continue;
        const name = fixedResourceName(bucket.arn);
        const named = name === undefined ? 'all' : this.namedByBucketPolicy(bucket);
        if (named === 'all') {
          index.forEveryRole.push(bucket);
          continue;
        }
        for (const role of named) pushTo(index.naming, role, bucket);
        pushTo(index.byName, name!, bucket);
      }
      this.bucketIndex = index;
    }
    return this.bucketIndex;
  }

  private candidates(bucket: BucketModel): Set<RoleModel> | 'all' {
    let found = this.cached.get(bucket);
    if (found === undefined) {
      found = this.find(bucket);
      this.cached.set(bucket, found);
    }
    return found;
  }

  private find(bucket: BucketModel): Set<RoleModel> | 'all' {
    if (this.exhaustive) return 'all';
    // The bucket's ARN and its objects' ARNs give the same name: the first segment of the resource part.
    const name = fixedResourceName(bucket.arn);
    if (name === undefined) return 'all';
    const named = this.namedByBucketPolicy(bucket);
    if (named === 'all') return 'all';
    return new Set([...this.everywhere, ...(this.byName.get(name) ?? []), ...named]);
  }

  /** The roles the bucket policy's Allows may name as principal. */
  private namedByBucketPolicy(bucket: BucketModel): RoleModel[] | 'all' {
    if (!bucket.policy) return [];
    const policy = this.registry.policy(bucket.policy);
    if (policy.errors.length > 0) return 'all';
    const roles: RoleModel[] = [];
    for (const statement of policy.statements) {
      if (statement.effect !== 'Allow' && statement.malformed === undefined) continue;
      const named = this.rolesNamed(statement);
      if (named === 'all') return 'all';
      roles.push(...named);
    }
    return roles;
  }

  /**
   * The roles an Allow names as principal: an entry that is exactly a role's ARN names that role only (two roles
   * of one account never share a name). Anything else may be any role's session: `*`, NotPrincipal, an account, an
   * ARN the templates do not fix, an unreadable statement. Services, federated and canonical users never are.
   */
  private rolesNamed(statement: Statement): RoleModel[] | 'all' {
    if (statement.malformed !== undefined || statement.notPrincipal || !statement.principal || statement.principal.wildcard) return 'all';
    const roles: RoleModel[] = [];
    for (const entry of statement.principal.aws) {
      const role = this.byArn.get(entry);
      if (!role) return 'all';
      roles.push(role);
    }
    return roles;
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
