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
