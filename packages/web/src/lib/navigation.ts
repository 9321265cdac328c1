import { useMemo, useSyncExternalStore } from 'react';

/**
 * Client-side navigation for the public pages (/, /e/…, /q/…, /suggest, /device), which are built
 * without React Router so that they stay small. The console (/console) is another app with its own
 * router: going there, or to /api, is an ordinary page load.
 */
const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};

/** Paths the public pages handle themselves; anything else (the console, the API) loads as a new page. */
export function isPublicPath(to: string): boolean {
  const url = new URL(to, window.location.href);
  return url.origin === window.location.origin && !/^\/(console|api)(\/|$)/.test(url.pathname);
}

/**
 * Goes to `to`: in this app with the History API when it is one of the public pages, else as a
 * page load. `replace` takes the place of the current entry (the back button skips it).
 */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (!isPublicPath(to)) {
    if (options.replace) window.location.replace(to);
    else window.location.assign(to);
    return;
  }
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  notify();
}

function subscribe(listener: () => void) {
  if (listeners.size === 0) window.addEventListener('popstate', notify);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

const currentPath = () => window.location.pathname + window.location.search;

/** The current path and query, re-rendering on every navigation and on the back button. */
export function useLocation(): { pathname: string; search: string } {
  const href = useSyncExternalStore(subscribe, currentPath);
  return useMemo(() => {
    const q = href.indexOf('?');
    return q < 0 ? { pathname: href, search: '' } : { pathname: href.slice(0, q), search: href.slice(q) };
  }, [href]);
}

/** The current query string's parameters. */
export function useSearchParams(): URLSearchParams {
  const { search } = useLocation();
  return useMemo(() => new URLSearchParams(search), [search]);
}

/**
 * The parameters of `pattern` ("/e/:token") in `pathname`, or null when it does not match. A
 * trailing slash is allowed; parameters are decoded.
 * @example
 * matchPath('/q/:key', '/q/AbC123') // { key: 'AbC123' }
 */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = pathname.split('/').filter(Boolean);
  if (want.length !== got.length || (pathname.length > 1 && /\/\/|^[^/]/.test(pathname))) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
    } else if (w !== g) return null;
  }
  return params;
}
