import { Policy } from '../../iam/model';
import { ATOM_CLOSE, ATOM_OPEN } from '../../iam/symbolic';

const byPolicy = new WeakMap<Policy, ReadonlyMap<string, readonly string[]>>();

/**
 * The object patterns the Allows of a policy name, by the ARN of the bucket they are in: `arn:aws:s3:::b/in/*` gives
 * `in/*` under `arn:aws:s3:::b`, in the policy's order. Kept per policy: the probes of every write and every bucket
 * ask it, and scanning a role's statements each time costs a pass over all its grants per question.
 */
function allowObjectPatterns(policy: Policy): ReadonlyMap<string, readonly string[]> {
  let found = byPolicy.get(policy);
  if (!found) {
    const map = new Map<string, string[]>();
    for (const statement of policy.statements) {
      if (statement.effect !== 'Allow') continue;
      for (const resource of statement.resource ?? []) {
        const slash = firstSlash(resource);
        if (slash < 0) continue;
        const bucketArn = resource.slice(0, slash);
        const list = map.get(bucketArn) ?? [];
        list.push(resource.slice(slash + 1));
        map.set(bucketArn, list);
      }
    }
    found = map;
    byPolicy.set(policy, found);
  }
  return found;
}

/**
 * The patterns (after `<bucketArn>/`) the Allows of the policies name under a bucket, in order, repeats kept. A
 * bucket ARN that itself holds a `/` outside its atoms is looked for in every Resource entry.
 */
export function objectPatternsUnder(bucketArn: string, policies: readonly Policy[]): string[] {
  const out: string[] = [];
  if (firstSlash(bucketArn) >= 0) {
    const prefix = `${bucketArn}/`;
    for (const policy of policies) {
      for (const statement of policy.statements) {
        if (statement.effect !== 'Allow') continue;
        for (const r of statement.resource ?? []) if (r.startsWith(prefix)) out.push(r.slice(prefix.length));
      }
    }
    return out;
  }
  for (const policy of policies) out.push(...(allowObjectPatterns(policy).get(bucketArn) ?? []));
  return out;
}

/**
 * {@link objectPatternsUnder} for many buckets over the same policies (every role's grants, asked per bucket of the
 * app): the policies' tables merged once, so each bucket costs its own patterns, not a pass over every policy.
 */
export function objectPatternIndex(policies: readonly Policy[]): (bucketArn: string) => string[] {
  const merged = new Map<string, string[]>();
  for (const policy of policies) {
    for (const [bucketArn, patterns] of allowObjectPatterns(policy)) {
      const list = merged.get(bucketArn);
      if (list) list.push(...patterns);
      else merged.set(bucketArn, [...patterns]);
    }
  }
  return (bucketArn) => (firstSlash(bucketArn) >= 0 ? objectPatternsUnder(bucketArn, policies) : [...(merged.get(bucketArn) ?? [])]);
}

/**
 * The first `/` of an ARN outside its atoms (a generated name's atom holds the construct path it stands for, slashes
 * included: symbolic.ts), or -1.
 */
function firstSlash(arn: string): number {
  let inAtom = false;
  for (let i = 0; i < arn.length; i++) {
    const c = arn[i];
    if (c === ATOM_OPEN) inAtom = true;
    else if (c === ATOM_CLOSE) inAtom = false;
    else if (c === '/' && !inAtom) return i;
  }
  return -1;
}
