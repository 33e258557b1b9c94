/** The value of `key`, created with `make` and stored first if absent (a Map, a WeakMap, any such store). */
export function getOrCreate<K, V>(
  map: { get(k: K): V | undefined; set(k: K, v: V): unknown },
  key: K,
  make: () => V,
): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
