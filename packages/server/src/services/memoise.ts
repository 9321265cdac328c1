/** Memoises an asynchronous lookup by its key, for the length of one run (one Map, no expiry). */
export function memoise<K, V>(load: (k: K) => Promise<V>): (k: K) => Promise<V> {
  const memo = new Map<K, Promise<V>>();
  return (k) => {
    let v = memo.get(k);
    if (!v) memo.set(k, (v = load(k)));
    return v;
  };
}
