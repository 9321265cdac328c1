/**
 * Coalesces single-row statements issued in the same turn of the event loop into one: each caller
 * asks for one key and gets its own answer, while the database sees one query for all of them.
 * Under load many requests are in the same step at once (reading their session, marking it used in
 * a group's transaction), so this turns N round trips into one; alone, a call waits one turn.
 */
export class Coalescer<K, V> {
  private pending = new Map<unknown, { keys: K[]; waiters: { key: K; resolve: (v: V) => void; reject: (e: unknown) => void }[] }>();

  /** `run` answers for a scope (a connection or transaction) and its keys: one value per key, in order. */
  constructor(private readonly run: (scope: unknown, keys: K[]) => Promise<V[]>) {}

  /** One key's answer; calls with the same scope in this turn share one `run`. */
  load(scope: unknown, key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      let batch = this.pending.get(scope);
      if (!batch) {
        batch = { keys: [], waiters: [] };
        this.pending.set(scope, batch);
        const b = batch;
        setImmediate(() => {
          this.pending.delete(scope);
          this.run(scope, b.keys).then(
            (values) => b.waiters.forEach((w, i) => w.resolve(values[i]!)),
            (err: unknown) => b.waiters.forEach((w) => w.reject(err)),
          );
        });
      }
      batch.keys.push(key);
      batch.waiters.push({ key, resolve, reject });
    });
  }
}
