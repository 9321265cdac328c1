import { apiRequest } from '@/lib/api-client.ts';
import { useQuery } from '@/lib/use-query.ts';
import type { ServiceItem } from './list-service-items.ts';

/** GET /api/service-items/:code/versions: every version, newest first. */
export async function listServiceItemVersions(code: string, signal?: AbortSignal): Promise<ServiceItem[]> {
  const { items } = await apiRequest<{ items: ServiceItem[] }>(`/service-items/${encodeURIComponent(code)}/versions`, signal ? { signal } : {});
  return items;
}

/** The versions of an item; nothing is loaded for null. `round` loads again after a change. */
export function useServiceItemVersions(code: string | null, round: number) {
  return useQuery(code ? `versions:${code}:${round}` : null, (signal) => listServiceItemVersions(code!, signal));
}
