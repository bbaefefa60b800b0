import fc from 'fast-check';

/** Keys that reach Object.prototype or shadow its methods when code indexes plain objects carelessly. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'] as const;

/** An object whose own property is literally named `key` (assignment to `__proto__` would set the prototype). */
export function ownProperty(key: string, value: unknown): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  Object.defineProperty(o, key, { value, enumerable: true, configurable: true, writable: true });
  return o;
}

/** `depth` arrays (or objects) nested in one another. */
export function deeplyNested(depth: number, asObject: boolean): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = asObject ? { Statement: v } : [v];
  return v;
}

/** Values a CloudFormation template, a user or an attacker might put where a policy expects something else. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.anything({
      maxDepth: 3,
      withNullPrototype: true,
      withObjectString: true,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
    }),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 10_000, max: 300_000 }).map((n) => 'a*'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).chain((n) => fc.boolean().map((o) => deeplyNested(n, o))) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS), fc.anything({ maxDepth: 2 })).map(([k, v]) => ownProperty(k, v)) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(NaN, Infinity, -0, null, undefined, '', '*', [], {}, [[]], '${', '${aws:', '\uE000opaque:x', '\uE000', '\uE001') },
);

/** Where in a policy document a hostile value is put: a path of keys, the last one possibly hostile itself. */
export const policyPath: fc.Arbitrary<(string | number)[]> = fc.oneof(
  fc.constantFrom<(string | number)[]>(
    ['Version'], ['Statement'], ['Statement', 0], ['Statement', 0, 'Effect'], ['Statement', 0, 'Action'],
  ['Statement', 0, 'Resource'], ['Statement', 0, 'Principal'], ['Statement', 0, 'Principal', 'AWS'], ['Statement', 0, 'Condition'],
  ['Statement', 0, 'Condition', 'StringEquals'], ['Statement', 0, 'Condition', 'StringEquals', 'aws:SecureTransport'],
  ['Statement', 0, 'Action', 0], ['Statement', 0, 'NotAction'], ['Statement', 0, 'NotResource'], ['Statement', 0, 'NotPrincipal'],
  ),
  fc.constantFrom(...PROTOTYPE_KEYS, 'Statemnt', 'effect').map((k) => [k]),
  fc.constantFrom(...PROTOTYPE_KEYS, 'Sidd', 'action').map((k) => ['Statement', 0, k]),
  fc.constantFrom(...PROTOTYPE_KEYS, 'StringEqualz', 'ForAnyValue:Null', 'StringEqualsIfExistsIfExists', 'Foo:StringEquals').map((k) => ['Statement', 0, 'Condition', k]),
);

/** A deep copy of `doc` with `value` put at `path` (as an own property, even for `__proto__`). */
export function setAt(doc: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const base = (Array.isArray(doc) ? [...doc] : typeof doc === 'object' && doc !== null ? { ...doc } : {}) as Record<string | number, unknown>;
  const child = Object.prototype.hasOwnProperty.call(base, head) ? base[head] : undefined;
  Object.defineProperty(base, head, { value: setAt(child, rest, value), enumerable: true, configurable: true, writable: true });
  return base;
}
