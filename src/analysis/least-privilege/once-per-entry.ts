/**
 * `convert` applied once per entry: the same entry given again gives the same result. A role's excess and its intents'
 * excess share their entries (one object listed in both); converting or marking the report through this keeps them
 * shared, where mapping each list on its own would copy every entry twice (hundreds of thousands at 200 functions ×
 * 200 buckets).
 */
export function oncePerEntry<E extends object, F>(convert: (entry: E) => F): (entry: E) => F {
  const done = new Map<E, F>();
  return (entry) => {
    let result = done.get(entry);
    if (result === undefined) {
      result = convert(entry);
      done.set(entry, result);
    }
    return result;
  };
}
