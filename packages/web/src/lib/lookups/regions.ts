import { useEffect, useState } from 'react';
import { apiRequest } from '../api-client.ts';

/** 行政区划 as the API returns it; `children` is the number of child regions where the list gives it. */
export interface Region {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  children?: number;
  path?: string[];
}

/** GET /api/regions?q=: regions whose name matches (every staff member may read the region tree). */
export async function searchRegions(q: string, signal?: AbortSignal): Promise<Region[]> {
  const query = q.trim() ? { q: q.trim(), limit: 50 } : { limit: 50 };
  const { items } = await apiRequest<{ items: Region[] }>('/regions', { query, ...(signal ? { signal } : {}) });
  for (const r of items) cache.set(r.code, Promise.resolve(r));
  return items;
}

const cache = new Map<string, Promise<Region>>();

/** GET /api/regions/:code, remembered for the page's lifetime. */
export function regionByCode(code: string): Promise<Region> {
  let found = cache.get(code);
  if (!found) {
    found = apiRequest<Region>(`/regions/${encodeURIComponent(code)}`);
    found.catch(() => cache.delete(code));
    cache.set(code, found);
  }
  return found;
}

/** Forgets a cached region after it was renamed. */
export function forgetRegion(code: string): void {
  cache.delete(code);
}

/** The names of these regions by code, filled in as they load (the code itself until then or when unreadable). */
export function useRegionNames(codes: readonly string[]): Map<string, string> {
  const key = [...new Set(codes)].sort().join(',');
  const [names, setNames] = useState(new Map<string, string>());
  useEffect(() => {
    let live = true;
    const wanted = key ? key.split(',') : [];
    Promise.all(wanted.map((code) => regionByCode(code).then((r) => [code, r.name] as const, () => [code, code] as const))).then((pairs) => {
      if (live) setNames(new Map(pairs));
    });
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}
