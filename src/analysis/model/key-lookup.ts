import { KeyModel } from './types';

/**
 * The app's KMS keys looked up by what names them. Every SSE-KMS write asks which key its bucket's default names;
 * scanning every key of the app for each write made an app with one key per bucket quadratic.
 */
interface KeyIndex {
  /** First position of a key by each name: ARN, key ID, alias name, construct path, display. */
  readonly byArn: ReadonlyMap<string, number>;
  readonly byKeyId: ReadonlyMap<string, number>;
  readonly byAlias: ReadonlyMap<string, number>;
  readonly byPath: ReadonlyMap<string, number>;
}

const indexes = new WeakMap<readonly KeyModel[], KeyIndex>();

function indexOf(keys: readonly KeyModel[]): KeyIndex {
  let index = indexes.get(keys);
  if (index) return index;
  const byArn = new Map<string, number>();
  const byKeyId = new Map<string, number>();
  const byAlias = new Map<string, number>();
  const byPath = new Map<string, number>();
  // The first key of each name wins, as a scan in the app's order would find it.
  const put = (map: Map<string, number>, name: string | undefined, i: number) => {
    if (name !== undefined && !map.has(name)) map.set(name, i);
  };
  keys.forEach((k, i) => {
    put(byArn, k.arn, i);
    put(byKeyId, k.keyId, i);
    for (const alias of k.aliases) put(byAlias, alias, i);
    put(byPath, k.display, i);
    put(byPath, k.entry?.cdkPath, i);
  });
  index = { byArn, byKeyId, byAlias, byPath };
  indexes.set(keys, index);
  return index;
}

/** The first key of the app whose ARN or key ID is `reference`, or that has the alias `aliasName`. */
export function appKeyNamed(keys: readonly KeyModel[], reference: string, aliasName: string | undefined): KeyModel | undefined {
  const index = indexOf(keys);
  const first = Math.min(index.byArn.get(reference) ?? Infinity, index.byKeyId.get(reference) ?? Infinity,
    aliasName === undefined ? Infinity : index.byAlias.get(aliasName) ?? Infinity);
  return first === Infinity ? undefined : keys[first];
}

/** The first key of the app whose construct path (or display) is `path`. */
export function appKeyAt(keys: readonly KeyModel[], path: string): KeyModel | undefined {
  const i = indexOf(keys).byPath.get(path);
  return i === undefined ? undefined : keys[i];
}

/** The first key of the app whose ARN is `arn`. */
export function appKeyWithArn(keys: readonly KeyModel[], arn: string): KeyModel | undefined {
  const i = indexOf(keys).byArn.get(arn);
  return i === undefined ? undefined : keys[i];
}

/** A key reference as a write names it: a key of the app (by construct path) becomes its ARN; anything else is kept. */
export function keyArnOfReference(keys: readonly KeyModel[], reference: string): string {
  return appKeyAt(keys, reference)?.arn ?? reference;
}
