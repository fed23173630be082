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
