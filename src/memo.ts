/**
 * A function of a string alone, with its answers kept: the pipeline asks about the same names and words many
 * times a document, and documents share most of them. At most `limit` answers are kept; the store is emptied
 * when full, which changes nothing but speed. A long key is stored as a copy: a slice of 13 characters or more
 * would hold on to the whole document it was cut from.
 */
export function memo<T>(fn: (s: string) => T, limit = 20_000): (s: string) => T {
  const cache = new Map<string, T>();
  return (s: string) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      if (cache.size >= limit) cache.clear();
      cache.set(s.length < 13 ? s : (s + ' ').slice(0, -1), v);
    }
    return v;
  };
}

/**
 * A function of one object alone (a rule set, a word list, a pattern), its answer kept as long as the object
 * lives: patterns built from a rule set's lists are made once, not for every document that uses them.
 */
export function memoByObject<K extends object, T>(fn: (k: K) => T): (k: K) => T {
  const cache = new WeakMap<K, T>();
  return (k: K) => {
    let v = cache.get(k);
    if (v === undefined) {
      v = fn(k);
      cache.set(k, v);
    }
    return v;
  };
}
