import { useEffect, useState } from 'react';

export type AsyncState<T> = { status: 'loading' } | { status: 'done'; data: T } | { status: 'failed'; error: unknown };

/**
 * Runs `load` when `key` changes (not when it is null) and aborts the call on unmount or change.
 * A small stand-in for a query library while the console has few pages.
 * @example
 * const region = useAsync(code, (signal) => getRegion(code!, signal));
 */
export function useAsync<T>(key: string | number | null, load: (signal: AbortSignal) => Promise<T>): AsyncState<T> | null {
  const [state, setState] = useState<{ key: typeof key; value: AsyncState<T> } | null>(null);
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState({ key, value: { status: 'loading' } });
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ key, value: { status: 'done', data } }),
      (error: unknown) => !controller.signal.aborted && setState({ key, value: { status: 'failed', error } }),
    );
    return () => controller.abort();
    // `load` is a new function each render; the key alone says when to load again.
  }, [key]);
  if (key === null) return null;
  return state?.key === key ? state.value : { status: 'loading' };
}
