// The caches of cell spellings (ratings, kinds, reasons as read on bytes or folded) are bounded, all alike: a
// column of free text, or a broken file, may hold as many spellings as it has rows. Past the limit a spelling
// is worked out again each time it comes: slower on such a file, never more memory.
const CACHE_LIMIT = 10_000;

/** Keeps `value` for `key` while the cache has room; returns the value. */
export function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size < CACHE_LIMIT) cache.set(key, value);
  return value;
}
