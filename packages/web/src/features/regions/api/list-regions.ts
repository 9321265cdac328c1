import { apiRequest } from '@/lib/api-client.ts';
import type { Region } from '@/lib/lookups/regions.ts';
import { useQuery } from '@/lib/use-query.ts';

export interface RegionListQuery {
  /** The children of this region; the provinces when left out (and no q). */
  parentCode?: string;
  /** A name search instead of one level. */
  q?: string;
}

/** GET /api/regions: one level of the region tree, or regions whose name matches. */
export async function listRegions(query: RegionListQuery, signal?: AbortSignal): Promise<Region[]> {
  const { items } = await apiRequest<{ items: Region[] }>('/regions', { query: { ...query, limit: 500 }, ...(signal ? { signal } : {}) });
  return items;
}

/** Regions matching a name; nothing is loaded for an empty search. */
export function useRegionSearch(q: string) {
  return useQuery(q.trim() ? `regions?q=${q.trim()}` : null, (signal) => listRegions({ q: q.trim() }, signal));
}
