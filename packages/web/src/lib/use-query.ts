import { useCallback, useEffect, useState } from 'react';

export interface Query<T> {
  /** The last data loaded for this key; kept while a reload runs, cleared when the key changes. */
  data: T | undefined;
  /** The error of the last attempt, if it failed. */
  error: unknown;
  loading: boolean;
  /** Loads again with the same key, e.g. after a change or from a "retry" button. */
  reload(): void;
}

/**
 * Loads data for `key` (nothing for null), again when the key changes or `reload` is called, and
 * aborts a call that is no longer wanted. Pages put every input of `load` into the key.
 * @example
 * const regions = useQuery(`regions:${parent}`, (signal) => listRegions({ parentCode: parent }, signal));
 */
export function useQuery<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Query<T> {
  const [state, setState] = useState<{ key: string | null; data?: T; error?: unknown; loading: boolean }>({ key, loading: key !== null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState((s) => ({ key, loading: true, ...(s.key === key ? { data: s.data } : {}) }));
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ key, data, loading: false }),
      (error: unknown) => !controller.signal.aborted && setState((s) => ({ key, loading: false, error, ...(s.key === key ? { data: s.data } : {}) })),
    );
    return () => controller.abort();
    // `load` is a new function each render; the key and the round say when to load again.
  }, [key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const current = state.key === key;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: key !== null && (!current || state.loading),
    reload,
  };
}
