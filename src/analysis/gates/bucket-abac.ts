/**
 * Gate 3: S3 ABAC on general purpose buckets. The condition keys `aws:ResourceTag/<k>` and `s3:BucketTag/<k>`
 * carry the bucket's tags only when ABAC is enabled on the bucket; otherwise they are absent from the request
 * context [AWS News Blog, "Introducing attribute-based access control for Amazon S3 general purpose buckets",
 * 2025-11-20; S3 User Guide, "Using tags for ABAC"]. Absent keys make positive conditions false (a tag-gated Allow
 * grants nothing) and negated ones true (a `StringNotEquals aws:ResourceTag/...` Deny fires).
 */
import { BucketResource, isInApp, settingsOf } from './bucket';
import { ContextValue } from '../../iam/model';
import { Tri } from '../../iam/tri';
import { isRecord } from '../cfn/assembly-index';
import { BucketTag } from '../model/bucket-settings';
import { isUnresolved, show } from '../model/property-values';

/** A policy the request will be evaluated against, as resolved JSON. */
export interface PolicyDocumentRef {
  /** Construct path (or `Stack/LogicalId`) of the policy, or the user-given name of an external one. */
  readonly location: string;
  /** The resolved policy document. */
  readonly document: unknown;
}

export interface BucketAbacInput {
  /** The bucket written to. */
  readonly bucket: BucketResource;
  /**
   * The policies the write will be evaluated against (identity, bucket, boundary, endpoint …). Used to explain
   * tag conditions, and, when the bucket's tags are not known, to know which tag keys to mark unknown.
   * @default [] — no notes
   */
  readonly policies?: readonly PolicyDocumentRef[];
}

/** One condition clause that tests a bucket-tag key. */
export interface TagConditionUse {
  readonly policy: string;
  /** Sid, or `#<index>` when the statement has none. */
  readonly statement: string;
  readonly effect: string;
  readonly operator: string;
  /** The key as written, e.g. `aws:ResourceTag/team`. */
  readonly key: string;
  /** The tag key it tests, e.g. `team`. */
  readonly tagKey: string;
  /** Whether the clause is true when the key is absent (negated operators, IfExists, Null: true, ForAllValues). */
  readonly trueWhenAbsent: boolean;
}

/** An explanation to attach to the cause the IAM decision reports for `policy`/`statement`. */
export interface AbacNote {
  readonly policy: string;
  readonly statement: string;
  readonly key: string;
  readonly effect: string;
  readonly message: string;
  readonly fix: string;
}

export interface AbacContextFragment {
  /** Whether ABAC is on for the bucket: 'unknown' for a bucket outside the app or an unresolved AbacStatus. */
  readonly enabled: Tri;
  /** Keys to add to the request context. Empty when ABAC is off: the keys are then absent. */
  readonly context: Record<string, ContextValue>;
  /** Why the fragment is what it is, for the finding's notes. */
  readonly reason: string;
  /** Statements whose tag conditions behave as they do because of the bucket's ABAC state or tags. */
  readonly notes: AbacNote[];
}

const TAG_KEY = /^(aws:ResourceTag|s3:BucketTag)\/(.+)$/i;

/** Every clause of `policies` that tests `aws:ResourceTag/*` or `s3:BucketTag/*`. Reads raw JSON; never throws. */
export function findTagConditions(policies: readonly PolicyDocumentRef[]): TagConditionUse[] {
  const uses: TagConditionUse[] = [];
  for (const policy of policies ?? []) {
    for (const use of tagConditionsOf(policy?.document)) uses.push({ policy: policy.location, ...use });
  }
  return uses;
}

type DocumentTagUse = Omit<TagConditionUse, 'policy'>;

const usesByDocument = new WeakMap<object, readonly DocumentTagUse[]>();

/**
 * The tag conditions of one document, read once per document object: every write of a role asks about all of the
 * role's documents, and a role granted on B buckets has B statements, nearly all without a condition.
 */
function tagConditionsOf(doc: unknown): readonly DocumentTagUse[] {
  if (!isRecord(doc)) return [];
  let uses = usesByDocument.get(doc);
  if (!uses) {
    uses = readTagConditions(doc);
    usesByDocument.set(doc, uses);
  }
  return uses;
}

function readTagConditions(doc: Record<string, unknown>): DocumentTagUse[] {
  const uses: DocumentTagUse[] = [];
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  statements.forEach((st, index) => {
    if (!isRecord(st) || !isRecord(st.Condition)) return;
    const statement = typeof st.Sid === 'string' && st.Sid.length > 0 ? st.Sid : `#${index}`;
    const effect = typeof st.Effect === 'string' ? st.Effect : '?';
    for (const [operator, clauses] of Object.entries(st.Condition)) {
      if (!isRecord(clauses)) continue;
      for (const [key, values] of Object.entries(clauses)) {
        const m = TAG_KEY.exec(key);
        if (!m) continue;
        uses.push({ statement, effect, operator, key, tagKey: m[2], trueWhenAbsent: trueWhenAbsent(operator, values) });
      }
    }
  });
  return uses;
}

/** How a condition operator treats an absent key [IAM User Guide, condition operators; "...IfExists"; Null]. */
export function trueWhenAbsent(operator: string, values: unknown): boolean {
  const op = operator.toLowerCase();
  if (op.startsWith('forallvalues:')) return true;
  const bare = op.replace(/^foranyvalue:/, '');
  if (bare === 'null') {
    const list = Array.isArray(values) ? values : [values];
    return list.some((v) => String(v).toLowerCase() === 'true');
  }
  if (bare.endsWith('ifexists')) return true;
  return /^(stringnot|arnnot|numericnotequals|notipaddress|datenotequals)/.test(bare);
}

/**
 * The context keys the bucket's tags give a write (only when ABAC is on), with notes on the policies' tag
 * conditions. Never throws: unreadable input gives `enabled: 'unknown'` and says why.
 */
export function bucketAbacContext(input: BucketAbacInput): AbacContextFragment {
  try {
    return decideAbac(input);
  } catch (e) {
    return {
      enabled: 'unknown',
      context: {},
      reason: `the ABAC check could not read its input (${e instanceof Error ? e.message : String(e)})`,
      notes: [],
    };
  }
}

function decideAbac(input: BucketAbacInput): AbacContextFragment {
  const bucket = input.bucket;
  const uses = findTagConditions(input.policies ?? []);
  if (!isInApp(bucket)) {
    return unknownState(`${bucket.location} is not a bucket of the app: whether ABAC is on, and its tags, are unknown`, uses, bucket);
  }
  const enabled = settingsOf(bucket).abacEnabled;
  if (isUnresolved(enabled)) return unknownState(enabled.unresolved, uses, bucket);
  if (!enabled.value) {
    const state = enabled.defaulted ? 'sets no AbacStatus (ABAC is off by default)' : 'has AbacStatus Disabled';
    return {
      enabled: 'false',
      context: {},
      reason: `${bucket.location} ${state}: aws:ResourceTag/* and s3:BucketTag/* are absent from its requests`,
      notes: uses.filter(surprisesWhenAbsent).map((u) => note(u, `${bucket.location} ${state}, so ${u.key} is absent from the request`, bucket)),
    };
  }
  const read = settingsOf(bucket).tags;
  if (isUnresolved(read)) return unknownState(read.unresolved, uses, bucket, 'true');
  const context: Record<string, ContextValue> = {};
  for (const tag of read.tags) {
    const value = tagValue(tag);
    context[`aws:ResourceTag/${tag.key}`] = value;
    context[`s3:BucketTag/${tag.key}`] = value;
  }
  const notes: AbacNote[] = [];
  for (const u of uses) {
    if (read.tags.some((t) => t.key === u.tagKey)) continue;
    if (read.unreadable.length > 0) {
      // A tag whose key we cannot read might be this one: the key may be present.
      context[u.key] = { unknown: `${bucket.location} has tags whose keys are not known (${read.unreadable.join(', ')})`, mayBeAbsent: true };
    } else if (surprisesWhenAbsent(u)) {
      notes.push(note(u, `${bucket.location} has ABAC on but no tag ${u.tagKey}, so ${u.key} is absent from the request`, bucket, true));
    }
  }
  return {
    enabled: 'true',
    context,
    reason: `${bucket.location} has AbacStatus Enabled: its ${read.tags.length} tag(s) are in the request as aws:ResourceTag/* and s3:BucketTag/*` +
      ' (assumed: no tag is changed outside CloudFormation with TagResource)',
    notes,
  };
}

function tagValue(tag: BucketTag): ContextValue {
  return isUnresolved(tag.value) ? { unknown: tag.value.unresolved } : tag.value;
}

/** Allows that need the tag, and Denies that fire without it: the two cases the developer does not expect. */
function surprisesWhenAbsent(u: TagConditionUse): boolean {
  const effect = u.effect.toLowerCase();
  return (effect === 'allow' && !u.trueWhenAbsent) || (effect === 'deny' && u.trueWhenAbsent);
}

function note(u: TagConditionUse, why: string, bucket: BucketResource, abacOn = false): AbacNote {
  const consequence = u.effect.toLowerCase() === 'allow'
    ? `the ${u.operator} condition is false and this Allow grants nothing`
    : `the ${u.operator} condition is true and this Deny fires`;
  const fix = abacOn
    ? `Tag ${bucket.location} with ${u.tagKey} (Tags), or change the condition of ${u.policy} statement ${u.statement}.`
    : `Enable ABAC on ${bucket.location} (AbacStatus: Enabled) so ${u.key} carries its tag, or test principal or request tags ` +
      `(aws:PrincipalTag/*, s3:RequestObjectTag/*) in ${u.policy} statement ${u.statement} instead.`;
  return { policy: u.policy, statement: u.statement, key: u.key, effect: u.effect, message: `${why}: ${consequence}`, fix };
}

function unknownState(reason: string, uses: TagConditionUse[], bucket: BucketResource, enabled: Tri = 'unknown'): AbacContextFragment {
  const context: Record<string, ContextValue> = {};
  for (const u of uses) context[u.key] = { unknown: reason, mayBeAbsent: true };
  return {
    enabled,
    context,
    reason: `${reason}; tag conditions on the bucket (${uses.map((u) => u.key).join(', ') || 'none'}) are unknown`,
    notes: uses.map((u) => ({
      policy: u.policy,
      statement: u.statement,
      key: u.key,
      effect: u.effect,
      message: `${u.key} in ${u.policy} statement ${u.statement} depends on ${show(bucket.location)}'s ABAC status and tags: ${reason}`,
      fix: `Give the bucket's ABAC status and tags in the template (AbacStatus, Tags), or stop testing ${u.key}.`,
    })),
  };
}
