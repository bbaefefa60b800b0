import { CasePrincipal, DiffCase, PolicyDocument } from './case';
import {
  ACCOUNTS, ACCOUNT_A, ACCOUNT_B, ACTION_PATTERNS, BUCKETS, CONDITION_KEYS, ConditionKeySpec, KEY_IDS, KMS_ACTIONS,
  OBJECT_KEYS, OPERATORS_BY_TYPE, ROLE_NAMES, S3_ACTIONS, S3_RESOURCE_PATTERNS, SERVICES, SESSION_NAMES,
  STRING_OPERATORS, USER_NAMES, kmsKeyArn, kmsResourcePatterns, roleArn, rootArn, sessionArn, userArn,
} from './vocabulary';
import { SeededRandom } from '../support/seeded-random';

/** Which policy layer a statement is written for: each has its own grammar (Principal or not, RCP limits). */
export type LayerKind = 'identity' | 'resource' | 'boundary' | 'scp' | 'rcp' | 'session' | 'vpce';

type ConditionBlock = Record<string, Record<string, string | string[]>>;

/**
 * Generates well-formed, random policy sets and concrete requests. Deterministic: case `index` of run `seed`
 * is always the same case, whatever was generated before it.
 */
export function generateCase(seed: number, index: number): DiffCase {
  return new CaseGenerator(SeededRandom.forCase(seed, index), index).build();
}

/**
 * One more random statement for case `index` of run `seed`, written for `layer` (so it may name the case's
 * principal, action and resource), drawn from `extraSeed`.
 */
export function generateStatement(seed: number, index: number, extraSeed: number, layer: LayerKind, effect: 'Allow' | 'Deny'): Record<string, unknown> {
  // The constructor draws the request fields first, so they are the case's own.
  const generator = new CaseGenerator(SeededRandom.forCase(seed, index), index);
  return generator.withRandom(new SeededRandom(extraSeed)).statement(layer, effect);
}

class CaseGenerator {
  private readonly principal: CasePrincipal;
  private readonly action: string;
  private readonly service: 's3' | 'kms';
  private readonly resourceAccount: string;
  private readonly resource: string;

  constructor(private rng: SeededRandom, private readonly index: number) {
    const principalAccount = rng.chance(0.8) ? ACCOUNT_A : ACCOUNT_B;
    this.resourceAccount = rng.chance(0.65) ? ACCOUNT_A : ACCOUNT_B;
    this.principal = this.requestPrincipal(principalAccount);
    this.service = rng.chance(0.7) ? 's3' : 'kms';
    if (this.service === 's3') {
      this.action = rng.pick(S3_ACTIONS);
      this.resource = `arn:aws:s3:::${rng.pick(BUCKETS)}/${rng.pick(OBJECT_KEYS)}`;
    } else {
      this.action = rng.pick(KMS_ACTIONS);
      this.resource = kmsKeyArn(this.resourceAccount, rng.pick(KEY_IDS));
    }
  }

  withRandom(rng: SeededRandom): this {
    this.rng = rng;
    return this;
  }

  build(): DiffCase {
    const rng = this.rng;
    const isService = this.principal.kind === 'Service';
    return {
      index: this.index,
      principal: this.principal,
      action: this.action,
      resource: this.resource,
      resourceAccount: this.resourceAccount,
      context: this.context(),
      // A service principal has no identity policies, boundary, SCPs or session of its own.
      identity: isService ? [] : rng.times(rng.chance(0.1) ? 0 : rng.int(1, 3), () => this.policy('identity', 0.9)),
      resourcePolicy: this.resourcePolicy(),
      resourceKind: this.service === 'kms' ? 'kms' : 'default',
      boundary: !isService && rng.chance(0.25) ? this.boundary() : undefined,
      scps: !isService && rng.chance(0.25) ? rng.times(rng.int(1, 3), () => this.scpLevel()) : undefined,
      rcps: rng.chance(0.2) ? rng.times(rng.int(1, 2), () => [this.policy('rcp', 0)]) : undefined,
      session: this.principal.kind === 'AssumedRole' && rng.chance(0.15) ? this.policy('session', 0.8) : undefined,
      vpce: rng.chance(0.15) ? [this.policy('vpce', 0.75)] : undefined,
    };
  }

  private requestPrincipal(account: string): CasePrincipal {
    const roll = this.rng.next();
    if (roll < 0.8) {
      const role = this.rng.pick(ROLE_NAMES);
      return {
        kind: 'AssumedRole',
        arn: sessionArn(account, role, this.rng.pick(SESSION_NAMES)),
        roleArn: roleArn(account, role),
        account,
      };
    }
    if (roll < 0.95) return { kind: 'User', arn: userArn(account, this.rng.pick(USER_NAMES)), account };
    // A service principal belongs to no account; it acts in the resource's account, where resource policies
    // grant it access (so its `account` is the resource account).
    const service = this.rng.pick(SERVICES);
    return { kind: 'Service', arn: service, service, account: this.resourceAccount };
  }

  /** Keys the simulator accepts for this action: global keys and this service's own. */
  private keysForService(): ConditionKeySpec[] {
    return CONDITION_KEYS.filter((k) => k.service === undefined || k.service === this.service);
  }

  private context(): Record<string, string | string[]> {
    const context: Record<string, string | string[]> = {};
    for (const spec of this.keysForService()) {
      if (!this.rng.chance(0.55)) continue;
      context[spec.key] = spec.type === 'ArrayOfString'
        ? this.rng.subset(spec.requestValues, 1, 3)
        : this.rng.pick(spec.requestValues);
    }
    return context;
  }

  private resourcePolicy(): PolicyDocument | undefined {
    if (this.service === 'kms') {
      // "Every KMS key must have exactly one key policy" (KMS "Key policies in AWS KMS").
      const doc = this.policy('resource', 0.75);
      if (this.rng.chance(0.6)) {
        // The default key policy statement: delegate to the key account's IAM policies.
        return withLeadingStatement(doc, {
          Sid: 'EnableIamPolicies', Effect: 'Allow', Principal: { AWS: rootArn(this.resourceAccount) }, Action: 'kms:*', Resource: '*',
        });
      }
      return doc;
    }
    return this.rng.chance(0.6) ? this.policy('resource', 0.75) : undefined;
  }

  private boundary(): PolicyDocument {
    const doc = this.policy('boundary', 0.75);
    if (this.rng.chance(0.5)) {
      return withLeadingStatement(doc, { Effect: 'Allow', Action: this.rng.pick(['s3:*', 'kms:*', '*']), Resource: '*' });
    }
    return doc;
  }

  private scpLevel(): PolicyDocument[] {
    return this.rng.times(this.rng.int(1, 2), () => this.rng.chance(0.6)
      ? { Version: '2012-10-17', Statement: [{ Sid: 'FullAWSAccess', Effect: 'Allow', Action: '*', Resource: '*' }] }
      : this.policy('scp', 0.6));
  }

  private policy(layer: LayerKind, allowShare: number): PolicyDocument {
    const statements = this.rng.times(this.rng.int(1, 3), () => this.statement(layer, this.rng.chance(allowShare) ? 'Allow' : 'Deny'));
    const version = layer !== 'rcp' && this.rng.chance(0.05) ? '2008-10-17' : '2012-10-17';
    return { Version: version, Statement: statements.length === 1 && this.rng.chance(0.1) ? statements[0] : statements };
  }

  statement(layer: LayerKind, effect: 'Allow' | 'Deny'): Record<string, unknown> {
    const rng = this.rng;
    const s: Record<string, unknown> = {};
    if (rng.chance(0.3)) s.Sid = `S${rng.int(0, 99)}`;
    s.Effect = effect;
    if (layer === 'resource') {
      if (effect === 'Deny' && rng.chance(0.15)) s.NotPrincipal = this.principalElement(true);
      else s.Principal = this.principalElement(false);
    }
    if (layer === 'rcp' || layer === 'vpce') s.Principal = '*';
    const actions = this.actionPatterns(layer);
    if (layer !== 'rcp' && rng.chance(0.2)) s.NotAction = actions;
    else s.Action = actions;
    const resources = this.resourcePatterns(layer);
    if (rng.chance(0.15)) s.NotResource = resources;
    else s.Resource = resources;
    if (rng.chance(effect === 'Deny' ? 0.7 : 0.3)) s.Condition = this.conditionBlock();
    return s;
  }

  private listOrSingle<T>(items: T[]): T | T[] {
    return items.length === 1 && this.rng.chance(0.5) ? items[0] : items;
  }

  private actionPatterns(layer: LayerKind): string | string[] {
    // Mostly patterns of the request's service, so that statements often apply.
    const own = ACTION_PATTERNS.filter((a) => a === '*' || a.toLowerCase().startsWith(this.service));
    let pool: readonly string[] = this.rng.chance(0.85) ? own : ACTION_PATTERNS;
    if (layer === 'rcp') pool = pool.filter((a) => a !== '*'); // RCPs reject Action "*"
    const chosen = this.rng.subset(pool, 1, 3);
    // Name the request's own action often enough that statements apply.
    if (this.rng.chance(0.35)) chosen.push(this.action);
    return this.listOrSingle(chosen);
  }

  private resourcePatterns(layer: LayerKind): string | string[] {
    const kms = kmsResourcePatterns(this.resourceAccount);
    if (layer === 'resource' && this.service === 'kms' && this.rng.chance(0.7)) return '*';
    const own = this.service === 's3' ? S3_RESOURCE_PATTERNS : kms;
    const pool = this.rng.chance(0.85) ? own : [...S3_RESOURCE_PATTERNS, ...kms];
    const chosen = this.rng.subset(pool, 1, 3);
    if (this.rng.chance(0.35)) chosen.push(this.rng.chance(0.5) ? this.resource : `${this.resource.split('/')[0]}/*`);
    return this.listOrSingle(chosen);
  }

  /** A Principal (or NotPrincipal) element naming the caller in its many spellings, or someone else. */
  private principalElement(forNotPrincipal: boolean): unknown {
    const rng = this.rng;
    const p = this.principal;
    const account = p.account;
    const other = account === ACCOUNT_A ? ACCOUNT_B : ACCOUNT_A;
    const awsValues = [
      p.kind === 'AssumedRole' ? p.arn : sessionArn(account, 'writer', 'ingest-fn'),
      sessionArn(account, rng.pick(ROLE_NAMES), rng.pick(SESSION_NAMES)),
      p.roleArn ?? roleArn(account, 'writer'),
      roleArn(account, rng.pick(ROLE_NAMES)),
      roleArn(other, 'writer'),
      rootArn(account),
      rootArn(rng.pick(ACCOUNTS)),
      account,
      userArn(account, rng.pick(USER_NAMES)),
    ];
    if (!forNotPrincipal) {
      const roll = rng.next();
      if (roll < 0.15) return '*';
      if (roll < 0.22) return { AWS: '*' };
      if (roll < 0.3) return { Service: rng.pick(SERVICES) };
    }
    const chosen = rng.subset(awsValues, 1, forNotPrincipal ? 2 : 3);
    return { AWS: this.listOrSingle(chosen) };
  }

  private conditionBlock(): ConditionBlock {
    const rng = this.rng;
    const block: ConditionBlock = {};
    const keys = CONDITION_KEYS;
    for (let i = rng.int(1, 2); i > 0; i--) {
      const spec = rng.pick(keys);
      const [operator, values] = this.clause(spec);
      block[operator] = block[operator] ?? {};
      if (block[operator][spec.key] !== undefined) continue;
      block[operator][spec.key] = values;
    }
    return block;
  }

  private clause(spec: ConditionKeySpec): [string, string | string[]] {
    const rng = this.rng;
    if (rng.chance(0.1)) return ['Null', rng.pick(['true', 'false'])];
    const typed = OPERATORS_BY_TYPE[spec.type];
    const stringsFit = spec.type === 'Bool' || spec.type === 'ARN';
    const base = stringsFit && rng.chance(0.2) ? rng.pick(STRING_OPERATORS) : rng.pick(typed);
    let prefix = '';
    if (spec.type === 'ArrayOfString') prefix = rng.pick(['ForAnyValue:', 'ForAllValues:', 'ForAnyValue:', 'ForAllValues:', '']);
    else if (rng.chance(0.08)) prefix = rng.pick(['ForAnyValue:', 'ForAllValues:']);
    const suffix = rng.chance(0.25) ? 'IfExists' : '';
    const takesVariables = base.startsWith('String') || base.startsWith('Arn');
    const pool = takesVariables ? spec.policyValues : spec.policyValues.filter((v) => !v.includes('${'));
    const values = rng.subset(pool.length > 0 ? pool : spec.policyValues, 1, 3);
    return [`${prefix}${base}${suffix}`, this.listOrSingle(values)];
  }
}

function withLeadingStatement(doc: PolicyDocument, statement: Record<string, unknown>): PolicyDocument {
  return { ...doc, Statement: [statement, ...[doc.Statement].flat()] };
}
