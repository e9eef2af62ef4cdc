// A small least-recently-used cache for computed views, keyed by everything a view depends on
// (including the database's change marker), so a hit is always what a fresh computation would give.
export function createViewCache<V>(capacity: number) {
  const entries = new Map<string, Promise<V>>();
  return {
    get(key: string, compute: () => Promise<V>): Promise<V> {
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const value = compute();
      entries.set(key, value);
      // A failed computation is not remembered.
      value.catch(() => entries.delete(key));
      while (entries.size > capacity) entries.delete(entries.keys().next().value!);
      return value;
    },
    get size() {
      return entries.size;
    },
  };
}
